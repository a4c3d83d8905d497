"""Small learned readers shipped with the package: a sentence reader that labels a
sentence with the impasse signal it shows (or none), and a gate that tells whether a text
is a negotiation at all. Linear models over hashed word and character n-grams, and for
the gate a logistic regression over features of the whole conversation: no download, no
GPU, loaded lazily on first use.
"""

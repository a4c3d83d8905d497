"""The framework: side, grounding, the eight rules, strategies and causes.

`check.check` runs the rules on any proposal, whoever made it, against the reading.
"""

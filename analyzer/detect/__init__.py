"""Detectors: a conversation in, candidate signals out.

The offline engine runs small, named detectors: phrase detectors built from the
per-language lexicons in `analyzer/languages/` (data, not code) and structural detectors that read
the thread rather than its words (unanswered follow-ups, replies turning curt, a question
passed over and asked again). Each finding carries its explanation. Candidates are
proposals: the framework rules decide.
"""

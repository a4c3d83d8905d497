"""Transcript parsers: WebVTT, SRT, SBV, Otter exports, "Name: text" lines, Word (.docx).

Each format module reads its input into source cues; `cues.py` holds the one set of rules
that turns cues into turns (speaker marks, merging consecutive cues of one speaker, the
text and its spans). See `cues.py` for those rules.
"""

"""impasse: stage-aware diagnosis of negotiation impasses, with checked evidence.

The public API is small and importable without the heavy libraries:

    from analyzer import parse_text, parse_file
    conversation = parse_text(pasted_thread)
"""

from __future__ import annotations

from analyzer.parsers import parse_bytes, parse_file, parse_text

__all__ = ["__version__", "parse_bytes", "parse_file", "parse_text"]
__version__ = "0.1.0"

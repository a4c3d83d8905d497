"""Language detection per conversation, from the lexicons' function-word lists.

Small and offline: count how many words of the conversation are common function words
of each language that has a lexicon, and pick the best, defaulting to English when the
evidence is thin (short chats, numbers, names).
"""

from __future__ import annotations

import re
from collections import Counter

from analyzer.languages.lexicon import available_languages, load_lexicon
from analyzer.models import Conversation

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_MIN_HITS = 3
_SAMPLE_CHARS = 20000


def detect_language(conversation: Conversation, default: str = "en") -> str:
    """ISO 639-1 code of the conversation's main language."""
    text = " ".join(t.text for t in conversation.turns)[:_SAMPLE_CHARS]
    return detect_text_language(text, default)


def detect_text_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of a text's main language, among the languages with a lexicon."""
    counts = Counter(_WORD.findall(text.lower()))
    if not counts:
        return default
    scores: dict[str, int] = {}
    for lang in available_languages():
        stop = load_lexicon(lang).stopwords
        scores[lang] = sum(counts[w] for w in stop if w in counts)
    best = max(scores, key=lambda lang: (scores[lang], lang == default))
    if scores[best] < _MIN_HITS or scores[best] <= scores.get(default, 0):
        return default
    return best

"""Reading a parsed conversation once: sentences, language, roles, terms, anchors."""

from analyzer.reading.language import detect_language
from analyzer.reading.reading import Reading, Role, build_reading
from analyzer.reading.sentences import Sentence, split_sentences

__all__ = ["Reading", "Role", "Sentence", "build_reading", "detect_language", "split_sentences"]

"""A persistent cache of finished LLM analyses, so the same input costs nothing twice.

Keyed by a hash of the conversation, the options, the prompt version, the endpoint and
model, and the output limits: a prompt edit or a model switch is a miss. Stored under the
user's cache directory (`IMPASSE_CACHE_DIR` overrides it). The API key is never part of
a key or a value: an analysis carries no settings.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import platformdirs

from analyzer.analysis import Analysis
from analyzer.llm.settings import LLMSettings
from analyzer.models import Conversation
from analyzer.options import AnalyzeOptions

# Concurrent batch workers share the file; SQLite serialises writers, so wait a little.
_LOCK_WAIT_S = 30.0
_SCHEMA = "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, analysis TEXT NOT NULL)"


def cache_dir() -> Path:
    """The directory for the cache and the structured-output memory."""
    override = os.environ.get("IMPASSE_CACHE_DIR", "").strip()
    return Path(override) if override else Path(platformdirs.user_cache_dir("impasse"))


def cache_key(
    conversation: Conversation,
    options: AnalyzeOptions,
    settings: LLMSettings,
    prompt_version: str,
    language: str,
) -> str:
    """Everything that can change the answer, hashed."""
    material = {
        "conversation": conversation.model_dump(mode="json"),
        # The engine choice and the cache switch do not change an LLM answer.
        "options": options.model_dump(mode="json", exclude={"engine", "use_cache"}),
        "prompt_version": prompt_version,
        "language": language,
        "endpoint": settings.endpoint,
        "context_tokens": settings.context_tokens,
        "max_output_tokens": settings.max_output_tokens,
    }
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


class AnalysisCache:
    """SQLite file of analyses by key; one short transaction per operation."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "llm-analyses.sqlite3"

    def get(self, key: str) -> Analysis | None:
        """The stored analysis, or None (also when the file is missing or unreadable)."""
        if not self.path.exists():
            return None
        try:
            with closing(sqlite3.connect(self.path, timeout=_LOCK_WAIT_S)) as db:
                db.execute(_SCHEMA)
                row = db.execute("SELECT analysis FROM analyses WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return None  # a corrupt cache is a miss, not a failure
        return Analysis.model_validate_json(row[0]) if row else None

    def put(self, key: str, analysis: Analysis) -> None:
        """Store (or replace) one analysis."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=_LOCK_WAIT_S)) as db, db:
            db.execute(_SCHEMA)
            db.execute(
                "INSERT OR REPLACE INTO analyses (key, analysis) VALUES (?, ?)",
                (key, analysis.model_dump_json()),
            )

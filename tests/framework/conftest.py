"""Fixtures for framework tests."""

from __future__ import annotations

import pytest
from framework_builders import Builder, make_conversation


@pytest.fixture
def converse() -> Builder:
    """The conversation builder."""
    return make_conversation

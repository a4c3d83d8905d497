"""Fixtures of the web-app tests."""

from __future__ import annotations

import sys

import pytest
from streamlit.testing.v1 import AppTest

from analyzer.resources import ui_dir

# The app's modules import each other by plain name, as Streamlit runs them; unit tests of
# those modules need the same path.
if str(ui_dir()) not in sys.path:
    sys.path.insert(0, str(ui_dir()))

from ui_helpers import new_app


@pytest.fixture
def app() -> AppTest:
    """A fresh app session, first page drawn."""
    return new_app()

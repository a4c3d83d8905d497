"""The two downloads: a readable Markdown report and the CLI's JSON contract."""

from __future__ import annotations

from analyzer.analysis import Analysis, DraftStatus
from analyzer.report import render_markdown


def with_edited_drafts(analysis: Analysis, edited: dict[int, str]) -> Analysis:
    """The analysis with the user's edits in place of the ready drafts they changed."""
    drafts = [
        d.model_copy(update={"text": edited[i]})
        if i in edited and d.status is DraftStatus.READY
        else d
        for i, d in enumerate(analysis.drafts)
    ]
    return analysis.model_copy(update={"drafts": drafts})


def markdown_report(analysis: Analysis, edited: dict[int, str]) -> str:
    """The Markdown report, with the drafts as the user last edited them."""
    return render_markdown(with_edited_drafts(analysis, edited))


def json_report(analysis: Analysis) -> str:
    """The analysis exactly as `impasse analyze --format json` writes it."""
    return analysis.model_dump_json(indent=2) + "\n"

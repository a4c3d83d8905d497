"""Reply drafts: templates filled from the thread, checked by draft rules 6 and 7."""

from analyzer.drafting.offline import add_drafts
from analyzer.drafting.rules import check_drafts

__all__ = ["add_drafts", "check_drafts"]

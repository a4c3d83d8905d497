"""HTML mail bodies -> plain text the thread splitter can read (standard library only).

Scripts, styles and the document head are dropped; block elements end lines, paragraphs
leave a blank line, runs of spaces collapse; `<blockquote>` content is prefixed with
"> " per level (so quoted history is split off like in a plain-text reply), and so is
Outlook for Mac's quoted section (`OLK_SRC_BODY_SECTION`). A horizontal rule becomes a
rule line, which a following header block absorbs.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = frozenset({"script", "style", "head", "title", "template", "noscript"})
_LINE_BREAK = frozenset(
    {
        "div",
        "tr",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "center",
        "address",
    }
)
_PARAGRAPH = frozenset({"p"})
_QUOTE_IDS = ("olk_src_body_section",)
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "wbr"})
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\ufeff"), None)
_MAX_BLANK_RUN = 2


class _TextBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.depth = 0
        self.skip = 0
        self.pre = 0
        # Tags that opened a quote level, with how many of that tag were open then, so
        # a nested <span> closing does not end a quote opened by an outer <span>.
        self.quote_stack: list[tuple[str, int]] = []
        self.open_counts: dict[str, int] = {}

    def _flush(self) -> None:
        joined = "".join(self.current)
        text = joined.rstrip() if self.pre else joined.strip(" ")
        self.current = []
        prefix = "> " * self.depth
        self.lines.append((prefix + text).rstrip() if text else prefix.rstrip())

    def _break(self) -> None:
        if self.current:
            self._flush()

    def _paragraph(self) -> None:
        self._break()
        if self.lines and self.lines[-1].strip("> "):
            self.lines.append(("> " * self.depth).rstrip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag not in _VOID:
            self.open_counts[tag] = self.open_counts.get(tag, 0) + 1
        ident = next((v or "" for k, v in attrs if k == "id"), "").lower()
        if tag == "blockquote" or ident in _QUOTE_IDS:
            self._break()
            self.depth += 1
            self.quote_stack.append((tag, self.open_counts.get(tag, 0)))
        elif tag == "br":
            self._flush()
        elif tag == "hr":
            self._break()
            self.lines.append(("> " * self.depth) + "_" * 32)
        elif tag in _PARAGRAPH:
            self._paragraph()
        elif tag in _LINE_BREAK:
            self._break()
        if tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        open_now = self.open_counts.get(tag, 0)
        if open_now:
            self.open_counts[tag] = open_now - 1
        if self.quote_stack and self.quote_stack[-1] == (tag, open_now):
            self._break()
            self.quote_stack.pop()
            self.depth -= 1
        elif tag in _PARAGRAPH:
            self._paragraph()
        elif tag in _LINE_BREAK:
            self._break()
        if tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:
            parts = data.split("\n")
            self.current.append(parts[0])
            for part in parts[1:]:
                self._flush()
                self.current.append(part)
            return
        text = _SPACES.sub(" ", data.replace("\xa0", " ").translate(_INVISIBLE))
        if not self.current and not text.strip():
            return
        self.current.append(text)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML body, with blockquotes as `>` quoting."""
    builder = _TextBuilder()
    builder.feed(markup)
    builder.close()
    builder._break()
    out: list[str] = []
    blank_run = 0
    for line in builder.lines:
        if line.strip("> "):
            blank_run = 0
            out.append(line)
        else:
            blank_run += 1
            if blank_run <= _MAX_BLANK_RUN - 1:
                out.append(line.rstrip())
    return "\n".join(out).strip("\n")

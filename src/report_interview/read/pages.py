"""Page furniture of a text copied out of a PDF: page numbers ("— 2 —", "-3-", "第 2 页
共 5 页"), running heads and feet (a line standing first or last on several pages), and
the form feeds between pages. They are left out, so that a paragraph or a table row
broken by a page reads on as one. Stdlib only.
"""

from __future__ import annotations

import re
from collections import Counter

PAGE_NUMBER = re.compile(
    r"[-—–－_\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－_\s]*"
)
# In a text a lone number can be a table cell (a web copy has one cell per line): a
# page number there is one with its dashes or 页.
_TEXT_PAGE_NUMBER = re.compile(
    r"\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?)\s*"
)


def is_page_number(line: str) -> bool:
    """Whether a line of a text is a page number alone."""
    return _TEXT_PAGE_NUMBER.fullmatch(line) is not None


def _ends(page: list[str]) -> list[str]:
    """The first and last non-blank lines of a page, stripped."""
    shown = [line.strip() for line in page if line.strip() and not is_page_number(line)]
    return [shown[0], shown[-1]] if shown else []


def without_furniture(text: str) -> list[str]:
    """The text's lines without page numbers, form feeds, and the running heads and feet
    of its pages after the first (a line first or last on two or more of them)."""
    pages = [page.splitlines() for page in text.split("\f")]
    counts = Counter(line for page in pages[1:] for line in set(_ends(page)))
    running = {line for line, count in counts.items() if count >= 2}
    lines: list[str] = []
    for number, page in enumerate(pages):
        ends = set(_ends(page)) & running if number else set()
        lines += (line for line in page if not is_page_number(line) and line.strip() not in ends)
    return lines

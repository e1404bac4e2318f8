"""ReportData → report files: text, Markdown and web page through the Jinja2 templates
in templates/, Word through render_docx.py, data as JSON.

Answers are data handed to templates, never compiled as templates themselves, so a
clerk's text containing `{{ … }}` comes out literally; the web page is autoescaped and
Markdown escapes every text, so `<script>` is shown, never run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..report.data import (
    APPEAL_BLOCKS,
    APPEAL_RESULTS,
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    DOC_ROWS,
    OVERVIEW_PARTS,
    RESULTS_LABEL,
    SECTION_TITLES,
    Cell,
    ReportData,
    dump_report_json,
    format_decimal,
)
from ..report.layout import MATRIX_NOTE, PROSE_INDENT, cell_text, tables
from ..resources import resource_dir
from .names import safe_file_name

if TYPE_CHECKING:
    import jinja2

FORMATS = ("txt", "docx", "html", "md", "json")
TEMPLATES = {"txt": "report.txt.j2", "md": "report.md.j2", "html": "report.html.j2"}


def _tsv(cells: Iterable[Cell | str | Decimal]) -> str:
    """One table row of the published text layout: cells joined by tabs."""
    return "\t".join(cell_text(cell) for cell in cells)


def _lines(text: str) -> list[str]:
    """Clerk text → its non-empty lines, each a paragraph."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _paragraphs(text: str) -> str:
    """Clerk text → paragraphs separated by one blank line, each indented by two
    ideographic spaces as Chinese paragraphs are; headings and table rows never are, so
    the reader can tell a clerk's line "二、主动公开政府信息情况" from the heading."""
    return "\n\n".join(PROSE_INDENT + line for line in _lines(text))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(?=\s|$)")  # a list item or an underline


def md_escape(text: object) -> str:
    """A text that Markdown shows as written: punctuation that could be markup or HTML
    is backslash-escaped, & becomes &amp;, and a line cannot start a list."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text)).replace("&", "&amp;")
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def _md_paragraphs(text: str) -> str:
    return "\n\n".join(md_escape(line) for line in _lines(text))


def _md_row(cells: Iterable[Cell | str | Decimal]) -> str:
    return "| " + " | ".join(md_escape(cell_text(cell)) for cell in cells) + " |"


@cache
def _environment(templates: Path) -> jinja2.Environment:
    import jinja2  # on first render, not at start-up: the interview needs it only at the end

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=jinja2.select_autoescape(["html", "html.j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tsv"] = _tsv
    env.filters["paragraphs"] = _paragraphs
    env.filters["lines"] = _lines
    env.filters["amount"] = format_decimal
    env.filters["md"] = md_escape
    env.filters["md_paragraphs"] = _md_paragraphs
    env.filters["md_row"] = _md_row
    return env


def _context(report: ReportData) -> dict[str, object]:
    return {
        "report": report,
        "sections": SECTION_TITLES,
        "overview_parts": OVERVIEW_PARTS,
        "doc_rows": DOC_ROWS,
        "application_rows": APPLICATION_ROWS,
        "applicant_columns": list(APPLICANT_COLUMNS),
        "appeal_results": list(APPEAL_RESULTS),
        "matrix_note": MATRIX_NOTE,
        "results_label": RESULTS_LABEL,
        "tables": tables(report),
        "appeal_header": [
            f"{block}·{column}"
            for _, block in APPEAL_BLOCKS
            for column in (*APPEAL_RESULTS, "总计")
        ],
    }


def render_template(report: ReportData, fmt: str) -> str:
    """The report through its template: txt (the published layout), md or html."""
    template = _environment(resource_dir("templates")).get_template(TEMPLATES[fmt])
    return template.render(_context(report))


def render_text(report: ReportData) -> str:
    """The report as published text (the reference report's layout)."""
    return render_template(report, "txt")


def render(report: ReportData, fmt: str) -> str | bytes:
    """The report in one of FORMATS (docx as bytes, the others as text)."""
    if fmt == "json":
        return dump_report_json(report)
    if fmt == "docx":
        from .word import render_docx  # python-docx only when a Word file is asked

        return render_docx(report)
    if fmt in TEMPLATES:
        return render_template(report, fmt)
    raise ValueError(f"不支持的格式：{fmt}（可用：{'、'.join(FORMATS)}）")


def default_output_name(report: ReportData, fmt: str) -> str:
    """A file name a clerk recognises: the report's own title, made one safe name (a
    title such as ../../x/牛屯镇 never becomes a path)."""
    return safe_file_name(report.title, fmt)

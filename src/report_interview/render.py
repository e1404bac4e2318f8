"""ReportData → report files, through the Jinja2 templates in templates/.

Answers are data handed to templates, never compiled as templates themselves, so a
clerk's text containing `{{ … }}` comes out literally.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .report import (
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
from .resources import resource_dir

if TYPE_CHECKING:
    import jinja2

FORMATS = ("txt", "json")
MATRIX_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _cell_text(value: Cell | str | Decimal) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_decimal(value) or ""
    return str(value)


def _tsv(cells: Iterable[Cell | str | Decimal]) -> str:
    """One table row of the published text layout: cells joined by tabs."""
    return "\t".join(_cell_text(cell) for cell in cells)


def _paragraphs(text: str) -> str:
    """Clerk text → paragraphs separated by one blank line, as in published reports."""
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


@cache
def _environment(templates: Path) -> jinja2.Environment:
    import jinja2  # on first render, not at start-up: the interview needs it only at the end

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tsv"] = _tsv
    env.filters["paragraphs"] = _paragraphs
    env.filters["amount"] = format_decimal
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
    }


def render_text(report: ReportData) -> str:
    """The report as published text (the reference report's layout)."""
    template = _environment(resource_dir("templates")).get_template("report.txt.j2")
    return template.render(_context(report))


def render(report: ReportData, fmt: str) -> str:
    """The report in one of FORMATS."""
    if fmt == "json":
        return dump_report_json(report)
    if fmt == "txt":
        return render_text(report)
    raise ValueError(f"不支持的格式：{fmt}（可用：{'、'.join(FORMATS)}）")


def default_output_name(report: ReportData, fmt: str) -> str:
    """A file name a clerk recognises: the report's own title."""
    return f"{report.title}.{fmt}"

"""Published report text → ReportData (report-format.md §6): the text reader's entry.

A report is read as it was published, in the tab, pipe or PDF-to-text space layout,
recognised line by line (cells.py), or with one table cell per line (cell_lines.py).
The text is cut at its headings 一–六 (sections.py), looked for among the lines that
are not marked as prose (marks.py: the program's own txt and md mark it); section 二
and 四 are read by tables.py, section 三 by matrix.py, the title and the narrative by
sections.py. Word files, web pages and PDFs come here laid out as such a text
(blocks.py). Anything that cannot be read raises ReadError with a Chinese message; no
other exception type escapes `read_report`. Stdlib only; regexes are compiled once,
each line is looked at a fixed number of times, so time is linear in the text.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..report.data import (
    FORMAT_2019,
    FORMAT_2021,
    OLD_DOC_COLUMNS,
    OLD_OTHER_ROW,
    Org,
    ReportData,
)
from ..report.naming import org_kind, self_name
from .budget import check_text
from .cell_lines import is_one_cell_per_line, rejoin
from .errors import NotAReportError, ReadError
from .marks import ProseMarks, prose_marks
from .matrix import Matrix, matrix_applications, read_matrix
from .pages import without_furniture
from .paragraphs import NOT_WRAPPED, join_paragraphs, wrap_of
from .sections import (
    Title,
    find_headings,
    find_title,
    read_overview,
    region,
    report_headings,
    without_signature,
)
from .tables import read_appeals, read_proactive

ReaderError = ReadError  # the name the text reader's callers have used


def _check_found(title: Title | None, matrix: Matrix, lines: Sequence[str]) -> Title:
    """Stop with a clear Chinese message when the text is not a readable report; a text
    with no title of an annual report, fewer than two of its section titles and not
    three rows only its table 三 has is no report at all (NotAReportError: skipped)."""
    if title is None and not matrix.is_table_three and report_headings(lines) < 2:
        raise NotAReportError(
            "这不像是一份政府信息公开工作年度报告（没有年度报告的标题、第一至第六部分的标题，"
            "也没有第三部分的申请情况表）。"
        )
    if not matrix.rows:
        raise ReadError(
            "找不到第三部分“收到和处理政府信息公开申请情况”的表格：没有一行能认出是"
            "“本年新收政府信息公开申请数量”“予以公开”等表格行的数字。"
        )
    if title is None:
        raise ReadError(
            "找不到报告标题（如“××镇2023年政府信息公开工作年度报告”），无法确定机关名称和报告年度。"
        )
    if not title.name:
        raise ReadError(f"标题（第 {title.index + 1} 行）中找不到机关名称。")
    if not 2008 <= title.year <= 2100:
        raise ReadError(f"标题中的年度 {title.year} 不是 2008—2100 之间的年份。")
    return title


def _cells_rejoined(
    lines: list[str], heads: list[int | None]
) -> tuple[list[str], list[int | None]]:
    """Sections 二–四 of a web copy with one table cell per line, joined into tab rows
    (cell_lines.py); any other text as it is."""
    start = next((head for head in heads[1:4] if head is not None), None)
    end = next((head for head in heads[4:] if head is not None), len(lines))
    if start is None or not is_one_cell_per_line(lines[start:end]):
        return lines, heads
    keep = {head - start for head in heads if head is not None and start <= head < end}
    lines = [*lines[:start], *rejoin(lines[start:end], keep), *lines[end:]]
    return lines, find_headings(lines)


def _closing(lines: Sequence[str], name: str, marks: ProseMarks) -> Sequence[str]:
    """Section 六's lines without a closing date or signature; a line marked as prose
    is the clerk's text, whatever it says."""
    end = len(lines)
    while end and not marks.is_prose(lines[end - 1]):
        end -= 1
    return [*lines[:end], *without_signature(lines[end:], name)]


def _old_layout(matrix: Matrix, old_tables: bool) -> tuple[str, ...]:
    """Which parts of the report are in the 2019 layout (R12 names them)."""
    return (
        *((OLD_OTHER_ROW,) if matrix.old_format else ()),
        *((OLD_DOC_COLUMNS,) if old_tables else ()),
    )


def _read(text: str) -> ReportData:
    """The whole text read: structure found, then each part read from its region."""
    lines = without_furniture(text)
    if not any(line.strip() for line in lines):
        raise ReadError("文本是空的，没有可读的报告内容。")
    marks = prose_marks(lines)
    heads = find_headings(marks.structure(lines))
    lines, heads = _cells_rejoined(lines, heads)
    matrix = read_matrix(region(lines, heads, 2))
    title = _check_found(find_title(lines, heads), matrix, marks.structure(lines))
    proactive, old_tables = read_proactive(region(lines, heads, 1))
    first_head = next((head for head in heads if head is not None), len(lines))
    wrap = NOT_WRAPPED if marks.kind else wrap_of(lines)  # the program's own: a line a paragraph

    def narrative(section: int) -> Sequence[str]:
        return region(lines, heads, section) if heads[section] is not None else ()

    return ReportData(
        org=Org(title.name, self_name(title.name), org_kind(title.name)),
        year=title.year,
        format=FORMAT_2019 if matrix.old_format or old_tables else FORMAT_2021,
        old_layout=_old_layout(matrix, old_tables),
        preamble=marks.text(join_paragraphs(lines[title.end : max(first_head, title.end)], wrap)),
        overview=read_overview(narrative(0), marks, wrap),
        proactive=proactive,
        applications=matrix_applications(matrix),
        appeals=read_appeals(region(lines, heads, 3)),
        problems=marks.text(join_paragraphs(narrative(4), wrap)),
        other_matters=marks.text(join_paragraphs(_closing(narrative(5), title.name, marks), wrap)),
    )


def read_report(text: str) -> ReportData:
    """A published report text (tab, pipe or space layout, auto-detected per line) as
    ReportData. Raises ReaderError, in Chinese, when the text cannot be read (or is
    larger than the budget of read/budget.py)."""
    check_text(text)
    try:
        return _read(text)
    except ReadError:
        raise
    except (ValueError, IndexError, KeyError, ArithmeticError, TypeError, AttributeError) as exc:
        raise ReadError(f"读取报告时出错：{exc}") from exc

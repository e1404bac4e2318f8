"""read.text: the layouts real reports re-laid as PDF-to-text or copied from web pages
give — numbers that do not sit under their headers, the 2019 四 row with blank cells,
one table cell per line, a title over several lines."""

from __future__ import annotations

import dataclasses

import pytest

from report_interview.read.text import read_report
from report_interview.report.data import DocCounts, ReportData
from report_interview.write.render import render_text

from .samples import reference, with_cases

HEADER = "信息内容        本年制发件数        本年废止件数        现行有效件数"


def _with_section_two(rows: list[str]) -> str:
    """The reference text with section 二's first table replaced by space-laid rows."""
    text = render_text(reference())
    start = text.index("第二十条第（一）项")
    end = text.index("第二十条第（五）项")
    return text[:start] + "第二十条第（一）项\n" + "\n".join([HEADER, *rows]) + "\n" + text[end:]


@pytest.mark.parametrize(
    "align",
    [
        pytest.param(lambda s, w: s.ljust(w), id="left"),
        pytest.param(lambda s, w: s.center(w), id="centre"),
        pytest.param(lambda s, w: s.rjust(w), id="right"),
    ],
)
def test_as_many_numbers_as_columns_are_read_in_order(align: object) -> None:
    def row(label: str, *numbers: int) -> str:
        cells = "".join(align(str(n), 20) for n in numbers)  # type: ignore[operator]
        return label.ljust(16) + cells

    text = _with_section_two([row("规章", 0, 0, 0), row("行政规范性文件", 88, 55, 698)])
    read = read_report(text).proactive
    assert read.regulations == DocCounts(0, 0, 0)
    assert read.normative_documents == DocCounts(88, 55, 698)


def test_issue_rows_under_a_space_separated_header() -> None:
    text = _with_section_two(["规章   0   0   0", "行政规范性文件   88   55   698"])
    read = read_report(text).proactive
    assert (read.regulations, read.normative_documents) == (
        DocCounts(0, 0, 0),
        DocCounts(88, 55, 698),
    )


def _appeals_text(report: ReportData, value_row: str) -> str:
    text = render_text(report)
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("2\t1\t0\t1\t4"))
    lines[index] = value_row
    return "\n".join(lines)


def test_2019_appeal_row_with_blank_cells_is_read() -> None:
    row = "\t".join(["1", "", "", "", "1", "", "", "", "", "", "", "", "", "", ""])
    appeals = read_report(_appeals_text(with_cases(), row)).appeals
    assert appeals["reconsideration"] == (1, None, None, None, 1)
    assert appeals["litigation_direct"] == (None,) * 5
    assert appeals["litigation_after_reconsideration"] == (None,) * 5


def test_appeal_row_with_blank_cells_in_space_layout() -> None:
    header = [
        "行政复议".center(40) + "行政诉讼".center(80),
        "".join(w.center(8) for w in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
        + "未经复议直接起诉".center(40) + "复议后起诉".center(40),
        " " * 40 + "".join(w.center(8) for w in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2),
    ]  # fmt: skip
    cells = ["1", "", "", "", "1", "", "", "", "", "", "0", "0", "0", "0", "0"]
    value = "".join(c.center(8) for c in cells)
    text = render_text(with_cases())
    start = text.index("行政复议\t")
    end = text.index("五、存在的主要问题")
    text = text[:start] + "\n".join([*header, value]) + "\n\n" + text[end:]
    appeals = read_report(text).appeals
    assert appeals["reconsideration"] == (1, None, None, None, 1)
    assert appeals["litigation_after_reconsideration"] == (0, 0, 0, 0, 0)


def one_cell_per_line(text: str) -> str:
    """What copying a web page's tables gives in some browsers: every cell a line."""
    out = []
    for line in text.splitlines():
        out += [cell for cell in line.split("\t") if cell.strip()] if "\t" in line else [line]
    return "\n".join(out)


@pytest.mark.parametrize("sample", [reference, with_cases], ids=["reference", "with_cases"])
def test_web_copy_with_one_cell_per_line(sample: object) -> None:
    report: ReportData = sample()  # type: ignore[operator]
    assert read_report(one_cell_per_line(render_text(report))) == report


@pytest.mark.parametrize(
    "lines",
    [
        ["滑县自然资源局", "2023年政府信息公开工作", "年度报告"],
        ["滑县自然资源局2023年", "政府信息公开工作年度报告"],
        ["滑县自然资源局2023年政府信息公开工作年", "", "度报告"],
    ],
)
def test_title_over_several_lines(lines: list[str]) -> None:
    text = render_text(with_cases())
    _title, rest = text.split("\n", 1)
    read = read_report("\n".join(lines) + "\n" + rest)
    assert (read.org.name, read.year, read.preamble) == (
        "滑县自然资源局",
        2023,
        with_cases().preamble,
    )


def test_preamble_is_not_taken_for_a_title() -> None:
    report = dataclasses.replace(
        with_cases(), preamble="依据条例\n2023年政府信息公开工作\n年度报告如下。"
    )
    assert read_report(render_text(report)).preamble == report.preamble

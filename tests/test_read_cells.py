"""read.cells and read.cell_lines: table lines → cells, values, rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from report_interview.read.cell_lines import is_one_cell_per_line, is_value_line, rejoin
from report_interview.read.cells import PIPE, SPACE, TAB, parse_amount, parse_count, parse_line
from report_interview.read.errors import ReadError


@pytest.mark.parametrize(
    ("text", "count"),
    [("12", 12), ("１２", 12), ("1,200", 1200), ("3件", 3), ("-1", -1), ("0.0", 0),
     ("2.5", None), ("/", None), ("", None), ("无", None), (None, None)],
)  # fmt: skip
def test_parse_count(text: str | None, count: int | None) -> None:
    assert parse_count(text) == count


def test_parse_amount_keeps_the_printed_decimals() -> None:
    assert parse_amount("9,116.36万元") == Decimal("9116.36")


def test_over_long_numbers_are_a_read_error() -> None:
    with pytest.raises(ReadError, match="16 位"):
        parse_count("1" * 16)


@pytest.mark.parametrize(
    ("line", "layout", "label", "values"),
    [
        ("规章\t0\t\t0", TAB, "规章", ["0", "", "0"]),
        ("| 规章 | 0 | 0 | 0 |", PIPE, "规章", ["0", "0", "0"]),
        ("行政规范性文件   88   55   698", SPACE, "行政规范性文件", ["88", "55", "698"]),
        ("（一） 予以公开    1   2", SPACE, "(一)予以公开", ["1", "2"]),
    ],
)
def test_parse_line_splits_label_and_values(
    line: str, layout: str, label: str, values: list[str]
) -> None:
    row = parse_line(line)
    assert row is not None
    assert (row.layout, row.label, [v.text for v in row.values]) == (layout, label, values)


def test_markdown_rule_rows_are_no_rows() -> None:
    assert parse_line("|---|:---:|") is None


@pytest.mark.parametrize(("line", "value"), [("12", True), ("/", True), ("—", True),
                                             ("规章", False), ("1 2", False)])  # fmt: skip
def test_is_value_line(line: str, value: bool) -> None:
    assert is_value_line(line) is value


def test_one_cell_per_line_is_rejoined_into_rows() -> None:
    lines = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
             "规章", "0", "0", "0", "行政规范性文件", "1", "2", "3"] * 2  # fmt: skip
    assert is_one_cell_per_line(lines)
    joined = rejoin(lines[:13], keep=set())
    assert joined == [
        "第二十条第（一）项\t信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0",
        "行政规范性文件\t1\t2\t3",
    ]


def test_a_text_with_table_rows_is_not_one_cell_per_line() -> None:
    assert not is_one_cell_per_line(["规章\t0\t0\t0", *["1"] * 20])

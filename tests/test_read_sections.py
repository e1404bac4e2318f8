"""read.sections and read.marks: headings, titles, prose marks."""

from __future__ import annotations

import pytest

from report_interview.read.marks import ProseMarks, prose_marks
from report_interview.read.sections import find_headings, find_title, join_paragraphs
from report_interview.report.data import OVERVIEW_PARTS, SECTION_TITLES


def test_headings_need_the_right_numeral_and_words() -> None:
    lines = ["一、本年新收政府信息公开申请数量", *SECTION_TITLES]
    assert find_headings(lines) == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("lines", "name", "year", "end"),
    [
        (["牛屯镇2023年政府信息公开工作年度报告"], "牛屯镇", 2023, 1),
        (["牛屯镇人民政府", "2023年政府信息公开工作年度报告"], "牛屯镇人民政府", 2023, 2),
        (["牛屯镇2023年政府信息", "公开工作年度报告"], "牛屯镇", 2023, 2),
        (["牛屯镇二〇二三年政府信息公开", "", "工作年度", "报告"], "牛屯镇", 2023, 4),
    ],
)
def test_title_on_one_or_several_lines(lines: list[str], name: str, year: int, end: int) -> None:
    title = find_title([*lines, "一、总体情况"], [len(lines), None, None, None, None, None])
    assert title is not None
    assert (title.name, title.year, title.end) == (name, year, end)


def test_wrapped_lines_are_joined_and_paragraphs_kept() -> None:
    lines = ["这是一行没有句号而且足够长的被转换器截断", "的文字。", "", "另一段。"]
    assert join_paragraphs(lines) == "这是一行没有句号而且足够长的被转换器截断的文字。\n另一段。"


def _own_txt(prose: str) -> list[str]:
    subs = [f"{label}：" for _, label in OVERVIEW_PARTS]
    return [*SECTION_TITLES, *subs, f"\u3000\u3000{prose}"]


def test_own_txt_marks_indented_prose() -> None:
    marks = prose_marks(_own_txt("二、主动公开政府信息情况"))
    assert marks == ProseMarks("txt")
    assert marks.is_prose("\u3000\u3000二、主动公开政府信息情况")
    assert not marks.is_prose("二、主动公开政府信息情况")
    assert not marks.is_prose("\u3000\u3000\u3000\u3000\u30002024年1月20日")  # a signature


def test_markdown_prose_is_unescaped() -> None:
    lines = [*(f"## {t}" for t in SECTION_TITLES), *(f"### {label}" for _, label in OVERVIEW_PARTS)]
    marks = prose_marks(lines)
    assert marks == ProseMarks("md")
    assert marks.text("a \\| b \\[c\\] \\\\ &amp;") == "a | b [c] \\ &"


def test_published_text_has_no_marks() -> None:
    assert prose_marks(SECTION_TITLES) == ProseMarks()

"""Property: whatever a clerk writes as prose — lines that look like headings,
sub-headings, table rows, titles, dates, Markdown — the program's own txt and md read
back to the same ReportData (read/marks.py); its Word file and web page too, up to runs
of spaces and tabs inside a line, which a web page and a Word paragraph show as one."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_interview.read.text import read_report
from report_interview.read.web import read_web_page
from report_interview.read.word import read_docx
from report_interview.report.data import OVERVIEW_PARTS, Overview, ReportData
from report_interview.write.render import render, render_template

from .samples import with_cases

TRICKY_LINES = [
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "六、其他需要报告的事项",
    "一、总体情况",
    "（二）依申请公开",
    "（五）监督保障：",
    "行政规范性文件\t99\t0\t99",
    "规章   0   0   0",
    "| 规章 | 0 | 0 | 0 |",
    "|---|---:|",
    "一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t21",
    "滑县自然资源局2022年政府信息公开工作年度报告",
    "2024年1月20日",
    "滑县自然资源局",
    "# 标题",
    "**加粗**",
    "1. 列表",
    "- 项目",
    "> 引用",
    "\\| \\[ 反斜杠 &amp; & < >",
    "99",
    "/",
]
ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs"),
    exclude_characters="\x85\u2028\u2029\r\n\x0b\x0c\x1c\x1d\x1e",
)
LINE = (
    st.one_of(
        st.sampled_from(TRICKY_LINES),
        st.text(ALPHABET, min_size=1, max_size=30),
    )
    .map(str.strip)
    .filter(bool)
)
PROSE = st.lists(LINE, max_size=4).map("\n".join)


def _with_prose(texts: list[str]) -> ReportData:
    preamble, *rest = texts
    overview = Overview(**dict(zip((k for k, _ in OVERVIEW_PARTS), rest[:5], strict=True)))
    return dataclasses.replace(
        with_cases(), preamble=preamble, overview=overview, problems=rest[5], other_matters=rest[6]
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PROSE, min_size=8, max_size=8), st.sampled_from(["txt", "md"]))
def test_any_prose_reads_back_from_own_txt_and_md(texts: list[str], fmt: str) -> None:
    report = _with_prose(texts)
    assert read_report(render_template(report, fmt)) == report


def _one_space(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PROSE.map(_one_space), min_size=8, max_size=8), st.sampled_from(["docx", "html"]))
def test_any_prose_reads_back_from_own_word_file_and_web_page(texts: list[str], fmt: str) -> None:
    report = _with_prose(texts)
    content = render(report, fmt)
    if isinstance(content, bytes):
        assert read_docx(content) == report
    else:
        assert read_web_page(content.encode("utf-8")) == report


def test_markdown_escapes_are_undone() -> None:
    report = dataclasses.replace(with_cases(), problems="a \\| b [链接](x) #1 *重点* 5 & 6")
    assert read_report(render_template(report, "md")).problems == report.problems


def _published(other_matters_lines: list[str]) -> str:
    """The reference layout as a published text (no prose marks), 六 as given."""
    text = render_template(with_cases(), "txt").replace("\u3000\u3000", "")
    head = text.split("六、其他需要报告的事项")[0]
    return head + "六、其他需要报告的事项\n\n" + "\n".join(other_matters_lines) + "\n"


def test_last_line_of_six_is_kept_unless_a_date_or_the_name_alone() -> None:
    kept = read_report(_published(["本年度收取信息处理费0元。", "特此报告"]))
    assert kept.other_matters == "本年度收取信息处理费0元。\n特此报告"
    signed = read_report(_published(["无。", "", "滑县自然资源局", "2024年1月20日"]))
    assert signed.other_matters == "无。"


def test_own_text_keeps_a_date_the_clerk_wrote_as_prose() -> None:
    report = dataclasses.replace(with_cases(), other_matters="无。\n2024年1月20日")
    assert read_report(render_template(report, "txt")).other_matters == report.other_matters


def test_published_text_with_indented_sub_headings_is_not_taken_for_an_own_layout() -> None:
    report = with_cases()
    text = render_template(report, "txt")
    for _, label in OVERVIEW_PARTS:
        text = text.replace(f"\n{label}：\n", f"\n\u3000\u3000{label}：\n")
    assert read_report(text).overview == report.overview

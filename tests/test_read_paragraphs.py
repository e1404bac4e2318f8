"""read/paragraphs.py and read/pages.py: prose wrapped at a fixed width is joined into
its paragraphs again; page numbers, running heads and form feeds are left out. Built
from real copied text (tests/data/real/) and the patterns it shows."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from report_interview.read.files import read_report_file
from report_interview.read.pages import without_furniture
from report_interview.read.paragraphs import NOT_WRAPPED, join_paragraphs, wrap_of
from report_interview.read.text import read_report
from report_interview.read.web import read_web_page
from report_interview.report.checks import run_checks
from report_interview.write.render import render

from .conftest import DATA
from .samples import with_cases

REAL = DATA / "real"
WRAPPED = [
    "  本报告由淮安市洪泽区人民政府办公室根据《中华人民共和",
    "国政府信息公开条例》（国令第 711 号）（以下简称《条例》）",
    "要求编制此报告。报告中所列数据统计期限自 2024 年 1 月 1 日",
    "起至 2024 年 12 月 31 日止。如对本报告有疑问，请与淮安市洪",
    "泽区人民政府办公室联系（地址：淮安市洪泽区洪泽湖大道 90",
    "号，邮编：223100，电话：0517-87290606）。",
    "  一、总体情况",
    "  2024 年，淮安市洪泽区人民政府坚持以习近平新时代中国特",
    "色社会主义思想为指导，全面贯彻落实党中央国务院、省委省政",
    "府、淮安市委市政府关于全面推进政务公开工作的各项决策部署。",
]


def test_a_wrapped_text_is_known_by_its_line_ends() -> None:
    wrap = wrap_of(WRAPPED)
    assert wrap.width >= 50 and wrap.indented and wrap.margin == 0
    assert wrap_of(["第一段很短。", "第二段也不长，只是一行。", "第三段。"]) == NOT_WRAPPED


def test_lines_join_at_indents_and_short_lines_not_at_full_stops() -> None:
    paragraphs = join_paragraphs(WRAPPED, wrap_of(WRAPPED)).split("\n")
    assert [p[:6] for p in paragraphs] == ["本报告由淮安", "一、总体情况", "2024 年"]
    assert "31 日止。如对本报告有疑问" in paragraphs[0]


def test_a_page_break_inside_a_paragraph_is_no_break() -> None:
    lines = [*WRAPPED[:3], "", "                                 -1-", ""]
    text = "\n".join(lines) + "\f" + "\n".join(WRAPPED[3:6])
    joined = join_paragraphs(without_furniture(text), wrap_of(WRAPPED))
    assert joined.split("\n")[0].endswith("电话：0517-87290606）。")


def test_running_heads_and_page_numbers_are_left_out() -> None:
    head = "洪泽区人民政府2024年政府信息公开工作年度报告"
    text = f"{head}\n正文一\n— 1 —\f{head}\n正文二\n第 2 页 共 3 页\f{head}\n正文三\n"
    assert without_furniture(text) == [head, "正文一", "正文二", "正文三"]
    assert without_furniture("行政许可\n2\n3\n") == ["行政许可", "2", "3"]  # lone cells stay


@given(st.lists(st.text(alphabet="政府信息公开。，、 ab1\u3000", max_size=40), max_size=30))
def test_joining_keeps_every_character(lines: list[str]) -> None:
    """Whatever the lines, joining only removes whitespace: no character is lost, none
    moved."""
    joined = join_paragraphs(lines, wrap_of(lines))
    assert re.sub(r"\s", "", joined) == re.sub(r"\s", "", "".join(lines))


def test_copied_table_rows_split_by_a_page_and_single_spaced_headers() -> None:
    """The issue's copy: a header joined by single spaces, 规章's row, a page number and
    a form feed, then 行政规范性文件 at another alignment — every cell as printed."""
    text = (REAL / "hongze-2024.layout.txt").read_text(encoding="utf-8")
    text = text.replace(
        "       信息内容   本年制发件数    本年废止件数    现行有效件数",
        "信息内容 本年制发件数 本年废止件数 现行有效件数",
    )
    text = text.replace(
        "规章               0          0       0\n",
        "规章        0         0         0\n\n                                 -2-\n\f",
    ).replace(
        "行政规范性文件          3          0       8", "行政规范性文件 3          0          8"
    )
    read = read_report(text)
    assert (read.proactive.regulations.issued, read.proactive.regulations.in_force) == (0, 0)
    assert (
        read.proactive.normative_documents
        == read_report_file(REAL / "hongze-2024.pdf").proactive.normative_documents
    )
    assert not any(f.rule == "R7" for f in run_checks(read))


def _br_page() -> bytes:
    """A web page whose prose was pasted from the PDF: one <br> per printed line, the
    first line of each paragraph indented with 　　; the tables are the program's own."""
    lines = (REAL / "hongze-2024.layout.txt").read_text(encoding="utf-8").split("\f")[0]
    prose = [line for line in lines.splitlines() if line.strip() and "-1-" not in line]

    def wrapped(part: list[str]) -> str:
        shown = ("\u3000\u3000" + line.strip() if line.startswith("  ") else line for line in part)
        return "<p>" + "<br>".join(html.escape(line) for line in shown) + "</p>"

    own = str(render(with_cases(), "html"))
    tables = re.findall(r"<table.*?</table>", own, re.S)
    headings = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况"]  # fmt: skip
    middle = "".join(f"<p>{h}</p>{t}" for h, t in zip(headings, tables, strict=True))
    tail = "<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>"
    page = f"<html><body><div>{wrapped(prose)}{middle}{tail}</div></body></html>"
    return page.encode("utf-8")


def test_a_web_page_wrapped_with_br_reads_its_paragraphs_whole() -> None:
    read = read_web_page(_br_page())
    assert read.preamble.startswith("本报告由淮安市洪泽区人民政府办公室")
    assert "31 日止。如对本报告有疑问" in read.preamble
    assert read.overview.on_request.replace(" ", "").endswith("均已在法定期限内予以答复。")
    assert "\n" not in read.overview.on_request
    assert read.applications == with_cases().applications

"""read.web: web pages → ReportData, the program's own and a messy government page."""

from __future__ import annotations

import html

import pytest

from report_interview.read.errors import ReadError
from report_interview.read.web import decode_page, page_encoding, read_web_page, web_text
from report_interview.report.data import ReportData
from report_interview.write.render import render, render_text

from .samples import merged_down, reference, text_blocks, with_cases

SAMPLES = {"reference": reference, "with_cases": with_cases}


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_own_web_page_reads_back_cell_for_cell_with_its_prose(sample: str) -> None:
    report = SAMPLES[sample]()
    page = render(report, "html")
    assert isinstance(page, str)
    assert read_web_page(page.encode("utf-8")) == report


def _cell(text: str) -> str:
    return html.escape(text) if text else "&nbsp;"


def _table(rows: list[list[str]]) -> str:
    """A data table as a CMS writes it: labels merged down with rowspan, blank cells as
    &nbsp;, numbers wrapped in <span> and <p>."""
    spans = merged_down(rows, 2)
    covered = {(r + k, c) for (r, c), n in spans.items() for k in range(1, n)}
    out = ['<table border="1" cellspacing="0" class="MsoNormalTable"><tbody>']
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            span = f' rowspan="{spans[(r, c)]}"' if (r, c) in spans else ""
            cells.append(
                f'<td{span} valign="middle"><p align="center"><span>{_cell(text)}</span></p></td>'
            )
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join([*out, "</tbody></table>"])


def government_page(report: ReportData) -> str:
    """A county site's page: navigation with last year's report's title, a breadcrumb,
    a layout table whose right cell holds the title and the body (data tables nested in
    it), a share bar and a footer with an address and a date."""
    body = []
    blocks = text_blocks(render_text(report))
    title, rest = blocks[0], blocks[1:]
    for block in rest:
        body.append(_table(block) if isinstance(block, list) else f"<p>{html.escape(block)}</p>")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{html.escape(str(title))}_滑县人民政府</title>
<script>var a = "一、总体情况";</script><style>td {{ font-size: 14px }}</style></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/en">English</a></div>
<ul class="nav"><li><a href="/2022.html">滑县自然资源局2022年政府信息公开工作年度报告</a></li>
<li><a href="/rules.html">政府信息公开制度</a></li></ul>
<table width="1000" class="layout"><tr>
<td width="200" valign="top"><div class="left">栏目导航<br>年度报告<br>法定主动公开内容</div></td>
<td width="800" valign="top">
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<h2 class="title">{html.escape(str(title))}</h2>
<div class="info">发布时间：2024-01-20 &nbsp; 来源：滑县自然资源局 &nbsp; 浏览次数：1024</div>
<div class="TRS_Editor" id="zoom">{"".join(body)}</div>
<div class="share">分享到：微信 微博 &nbsp; 【打印本页】 【关闭窗口】</div>
</td></tr></table>
<div class="footer">主办单位：滑县人民政府办公室 地址：滑县道口镇 电话：0372-8111111<br>
版权所有 2024年1月1日 豫ICP备12345678号</div>
</body></html>"""


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_gbk_government_page_with_navigation_and_layout_tables(sample: str) -> None:
    report = SAMPLES[sample]()
    page = government_page(report).encode("gbk")
    assert read_web_page(page) == report


def test_navigation_and_footer_stay_out_of_the_report() -> None:
    text = web_text(government_page(with_cases()).encode("gbk"))
    assert text.startswith("滑县自然资源局2023年政府信息公开工作年度报告")
    assert "栏目导航" not in text and "版权所有" not in text and "发布时间" not in text


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        (b'<meta charset="GB2312">', "gb18030"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=gbk">', "gb18030"),
        (b"<meta charset='gb18030'>", "gb18030"),
        (b'<meta charset="utf-8">', "utf-8"),
        (b"\xef\xbb\xbf<html>", "utf-8-sig"),
        (b"<html>", "utf-8"),
        (b'<meta charset="no-such-codec">', "utf-8"),
    ],
)
def test_encoding_from_bom_or_meta(head: bytes, encoding: str) -> None:
    assert page_encoding(head) == encoding


def test_undeclared_gbk_page_is_still_read() -> None:
    assert decode_page("<p>牛屯镇</p>".encode("gbk")) == "<p>牛屯镇</p>"


def test_rowspan_and_colspan_expand_to_blank_cells() -> None:
    page = (
        "<html><body><h1>牛屯镇2023年政府信息公开工作年度报告</h1><table>"
        "<tr><td rowspan='2'>甲</td><td colspan='2'>乙</td></tr>"
        "<tr><td>1</td><td>2</td></tr></table></body></html>"
    )
    assert "甲\t乙\t\n\t1\t2" in web_text(page.encode())


def test_page_without_a_report_says_so() -> None:
    with pytest.raises(ReadError, match="不像是一份政府信息公开工作年度报告"):
        read_web_page("<html><body><p>通知公告</p></body></html>".encode())


def test_title_only_in_the_browser_tab() -> None:
    page = government_page(with_cases()).replace(
        '<h2 class="title">滑县自然资源局2023年政府信息公开工作年度报告</h2>', ""
    )
    assert "<h2 class" not in page
    read = read_web_page(page.encode("gbk"))
    assert (read.org.name, read.year) == ("滑县自然资源局", 2023)

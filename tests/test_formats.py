"""The web page and Markdown outputs: table shapes, values, and text that is never markup."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from report_interview.cli.main import main
from report_interview.read.text import read_report
from report_interview.report.data import ReportData, load_report_json, report_from_dict
from report_interview.report.layout import Table, tables
from report_interview.write.render import md_escape, render

from .conftest import DATA, reference_dict

INJECTIONS = [
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% if 1 %}x{% endif %}",
    "**粗体** | [链接](x)",
]


def reference() -> ReportData:
    return load_report_json((DATA / "niutun-2023.json").read_text(encoding="utf-8"))


def with_cases() -> ReportData:
    data = reference_dict()
    data["applications"].update(
        new=[10, 2, 0, 0, 1, 0],
        carried_over=[1, 0, 0, 0, 0, 0],
        granted=[5, 2, 0, 0, 0, 0],
        partly_granted=[1, 0, 0, 0, 0, 0],
        denied_third_party=[1, 0, 0, 0, 0, 0],
        unavailable_not_held=[2, 0, 0, 0, 1, 0],
        rejected_duplicate=[1, 0, 0, 0, 0, 0],
        other_unpaid_fee=[1, 0, 0, 0, 0, 0],
        concluded=[11, 2, 0, 0, 1, 0],
    )
    data["appeals"].update(
        reconsideration=[1, 0, 0, 1], litigation_after_reconsideration=[0, 1, 0, 0]
    )
    data["proactive"]["fees_10k_yuan"] = "12.50"
    return report_from_dict(data)


SAMPLES = {"reference": reference, "applications-and-cases": with_cases}


class _Tables(HTMLParser):
    """The tables of a page: per table, per row, (tag, rowspan, colspan, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, int, int, str]]]] = []
        self.cell: list[Any] | None = None
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            a = dict(attrs)
            self.cell = [tag, int(a.get("rowspan") or 1), int(a.get("colspan") or 1), ""]

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell[3] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append((self.cell[0], self.cell[1], self.cell[2], self.cell[3]))
            self.cell = None


def _expected(table: Table) -> list[list[tuple[str, int, int, str]]]:
    return [
        [("th" if c.header else "td", c.rowspan, c.colspan, c.text) for c in row]
        for row in table.rows()
    ]


@pytest.mark.parametrize("name", SAMPLES)
def test_html_tables_have_the_official_merged_cells_and_values(name: str) -> None:
    report = SAMPLES[name]()
    page = _Tables()
    page.feed(str(render(report, "html")))
    layout = tables(report)
    assert len(page.tables) == 3
    for found, key in zip(page.tables, ("proactive", "applications", "appeals"), strict=True):
        assert found == _expected(layout[key])
    assert page.scripts == 0


def test_html_is_one_self_contained_page_for_phones_and_print() -> None:
    page = str(render(reference(), "html"))
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert 'name="viewport"' in page and "@media print" in page and "size: A4" in page
    assert "<link" not in page and "src=" not in page and "http" not in page.split("</style>")[0]
    assert "<h1>牛屯镇2023年政府信息公开工作年度报告</h1>" in page


@pytest.mark.parametrize("payload", INJECTIONS)
def test_answers_are_escaped_in_html_and_never_evaluated(payload: str) -> None:
    report = dataclasses.replace(reference(), other_matters=payload, problems=payload)
    page = str(render(report, "html"))
    parser = _Tables()
    parser.feed(page)
    assert parser.scripts == 0
    assert "49" not in page.split("五、存在")[1][:200]
    assert payload.replace("<", "&lt;").replace(">", "&gt;") in page.replace("&#34;", '"')


@pytest.mark.parametrize("payload", INJECTIONS)
def test_answers_are_escaped_in_markdown(payload: str) -> None:
    report = dataclasses.replace(reference(), other_matters=payload)
    text = str(render(report, "md"))
    section = text.split("## 六、其他需要报告的事项")[1].strip()
    assert section == md_escape(payload)
    assert "<script>" not in text and "49" not in section


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<b>", "\\<b\\>"),
        ("A & B", "A &amp; B"),
        ("- 不是列表", "\\- 不是列表"),
        ("1. 不是编号", "\\1. 不是编号"),
        ("电话 0372-5123456", "电话 0372-5123456"),
    ],
)
def test_md_escape(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


@pytest.mark.parametrize("name", SAMPLES)
def test_markdown_pipe_tables_read_back_cell_for_cell(name: str) -> None:
    report = SAMPLES[name]()
    back = read_report(str(render(report, "md")))
    assert back.applications == report.applications
    assert back.appeals == report.appeals
    assert back.proactive == report.proactive


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("suffix", ["txt", "md", "html", "json", "docx"])
def test_render_picks_the_format_from_the_extension(tmp_path: Path, name: str, suffix: str) -> None:
    source = tmp_path / "data.json"
    from report_interview.report.data import dump_report_json

    source.write_text(dump_report_json(SAMPLES[name]()), encoding="utf-8")
    out = tmp_path / f"报告.{suffix}"
    assert main(["render", str(source), "-o", str(out)]) == 0
    data = out.read_bytes()
    starts = {
        "txt": "牛屯镇".encode(),
        "md": b"# ",
        "html": b"<!DOCTYPE",
        "json": b"{",
        "docx": b"PK",
    }
    assert data.startswith(starts[suffix])


def test_format_option_overrides_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "报告.txt"
    assert main(["render", str(DATA / "niutun-2023.json"), "-o", str(out), "--format", "html"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_unknown_format_is_refused_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(DATA / "niutun-2023.json"), "--format", "pdf"]) == 2
    assert "不支持的格式“pdf”" in capsys.readouterr().err

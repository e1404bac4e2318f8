"""read.text: published report text → ReportData, in the tab, pipe and space layouts.

Round trips: a few ReportData samples are written in each layout — the tab layout by
render_text, the markdown pipe and PDF-to-text space layouts by the small generators
below (they live here, not in fixture files, so that a sample change needs no
regeneration) — and read back. Hand-made messy texts and the 2019 layout are fixtures
under tests/data/reader/.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import pytest

from report_interview.read.text import ReaderError, read_report
from report_interview.report.checks import run_checks
from report_interview.report.data import (
    APPEAL_KEYS,
    APPEAL_RESULTS,
    APPLICANT_COLUMNS,
    APPLICATION_KEYS,
    APPLICATION_ROWS,
    DOC_ROWS,
    FORMAT_2019,
    OUTCOME_KEYS,
    OVERVIEW_PARTS,
    RESULTS_LABEL,
    SECTION_TITLES,
    Cell,
    ReportData,
    load_report_json,
    report_from_dict,
    with_total,
)
from report_interview.write.render import MATRIX_NOTE, render_text

from .conftest import DATA, reference_dict

READER_DATA = DATA / "reader"

# ---------------------------------------------------------------- samples


def _reference() -> ReportData:
    return load_report_json((DATA / "niutun-2023.json").read_text(encoding="utf-8"))


def _all_outcomes() -> ReportData:
    """A county bureau with applications in every outcome row, 复议/诉讼 cases, a number
    needing a thousands separator and one wrong total (kept as printed)."""
    data = reference_dict()
    data["org"] = {"name": "滑县自然资源局", "self": "我局", "kind": "county_department"}
    data["year"] = 2022
    rows = {}
    for i, key in enumerate(APPLICATION_KEYS):
        cells = [(i + j) % 5 + (j == 0) for j in range(6)]
        rows[key] = [*cells, sum(cells)]
    rows["new"] = [1200, 3, 0, 1, 2, 0, 1206]
    rows["concluded"][6] += 1
    data["applications"] = rows
    data["appeals"] = {
        "reconsideration": [2, 1, 0, 1, 4],
        "litigation_direct": [1, 0, 1, 0, 2],
        "litigation_after_reconsideration": [0, 1, 0, 1, 3],
    }
    data["preamble"] = (
        "根据《条例》编制本报告。\n本报告中所列数据统计期限自2022年1月1日起至2022年12月31日止。"
    )
    data["overview"]["on_request"] = (
        "2022年，我局共收到政府信息公开申请1206件，较上年有所增加，主要集中在土地征收、"
        "不动产登记等方面，均已在法定期限内答复。\n对申请人反映的问题逐件登记。"
    )
    data["problems"] = "一是部分栏目更新不够及时；二是政策解读形式较为单一。"
    data["other_matters"] = "本年度收取信息处理费0元。"
    return report_from_dict(data)


def _fees_and_documents() -> ReportData:
    """A city government with a decimal fee, 规章 and 规范性文件 counts, a preamble."""
    data = reference_dict()
    data["org"] = {"name": "安阳市人民政府", "self": "我市", "kind": "city_government"}
    data["proactive"] = {
        "regulations": {"issued": 2, "repealed": 1, "in_force": 38},
        "normative_documents": {"issued": 12, "repealed": 3, "in_force": 245},
        "licensing": 15230,
        "penalty": 8,
        "enforcement": 0,
        "fees_10k_yuan": "9116.36",
    }
    data["preamble"] = (
        "本报告根据《中华人民共和国政府信息公开条例》编制，全文包括总体情况、主动公开政府信息情况等"
        "六部分。本报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。"
    )
    data["applications"]["granted"] = [5, 1, 0, 0, 1, 0]
    return report_from_dict(data)


def _blank_cells() -> ReportData:
    """A 街道 whose report left cells blank: first and last matrix columns, a whole
    appeal total, 本年废止, 行政许可 and the fee."""
    report = _reference()
    apps = dict(report.applications)
    apps["new"] = (None, 0, 0, 0, 0, 0, 0)
    apps["concluded"] = (0, 0, 0, 0, 0, 0, None)
    apps["denied_third_party"] = (1, None, 0, 0, 0, 0, 1)
    appeals = dict(report.appeals)
    appeals["reconsideration"] = (1, 0, 0, 0, None)
    proactive = dataclasses.replace(
        report.proactive,
        normative_documents=dataclasses.replace(
            report.proactive.normative_documents, repealed=None
        ),
        licensing=None,
        fees_10k_yuan=None,
    )
    return dataclasses.replace(
        report,
        org=dataclasses.replace(report.org, name="城关街道办事处", self_name="我街道"),
        year=2024,
        applications=apps,
        appeals=appeals,
        proactive=proactive,
    )


SAMPLES: dict[str, Callable[[], ReportData]] = {
    "niutun-2023": _reference,
    "all-outcomes": _all_outcomes,
    "fees-and-documents": _fees_and_documents,
    "blank-cells": _blank_cells,
}

# ---------------------------------------------------------------- generators


def _cell(value: Cell | Decimal) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and abs(value) >= 1000:
        return f"{value:,}"
    return str(value)


def _paragraph_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _proactive_rows(report: ReportData) -> list[tuple[list[str], list[tuple[str, Any]]]]:
    """Section 二 as (header, [(label, cells)]) per small table."""
    p = report.proactive
    docs = [(label, [getattr(p, key).issued, getattr(p, key).repealed, getattr(p, key).in_force])
            for key, label in DOC_ROWS]  # fmt: skip
    return [
        (["本年制发件数", "本年废止件数", "现行有效件数"], docs),
        (["本年处理决定数量"], [("行政许可", [p.licensing])]),
        (["本年处理决定数量"], [("行政处罚", [p.penalty]), ("行政强制", [p.enforcement])]),
        (["本年收费金额（单位：万元）"], [("行政事业性收费", [p.fees_10k_yuan])]),
    ]


def _pipe(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _matrix_label_cells(index: int, path: bool) -> list[str]:
    """The label of a matrix row as a path in one cell ("三、本年度办理结果 / （三）不予公开 /
    1.属于国家秘密"), or as two cells with the group only on its first row, the way a
    merged cell is copied."""
    spec = APPLICATION_ROWS[index]
    outcome = spec.key in OUTCOME_KEYS
    if path:
        return [
            " / ".join(p for p in (RESULTS_LABEL if outcome else "", spec.group, spec.label) if p)
        ]
    if not spec.group:
        return (
            [RESULTS_LABEL, spec.label]
            if spec.key == "granted"
            else ["", spec.label]
            if outcome
            else [spec.label, ""]
        )
    first = APPLICATION_ROWS[index - 1].group != spec.group
    return [spec.group if first else "", spec.label]


def to_pipe(report: ReportData, path: bool = True, totals: bool = True) -> str:
    """The report as markdown: headings with #, pipe tables with separator rows."""
    out = [f"# {report.title}", "", *_paragraph_lines(report.preamble), ""]
    out += [f"## {SECTION_TITLES[0]}", ""]
    for key, label in OVERVIEW_PARTS:
        out += [f"### {label}", "", *_paragraph_lines(getattr(report.overview, key)), ""]
    out += [f"## {SECTION_TITLES[1]}", ""]
    for header, rows in _proactive_rows(report):
        out += [_pipe(["信息内容", *header]), _pipe(["---"] * (len(header) + 1))]
        out += [_pipe([label, *map(_cell, cells)]) for label, cells in rows] + [""]
    out += [f"## {SECTION_TITLES[2]}", ""]
    width = 7 if totals else 6
    labels = 1 if path else 2
    columns = [*APPLICANT_COLUMNS, "总计"][:width]
    out += [_pipe([MATRIX_NOTE, *[""] * (labels - 1), *columns]), _pipe(["---"] * (labels + width))]
    for i, key in enumerate(APPLICATION_KEYS):
        cells = report.applications[key][:width]
        out.append(_pipe([*_matrix_label_cells(i, path), *map(_cell, cells)]))
    out += ["", f"## {SECTION_TITLES[3]}", ""]
    appeal_columns = [*APPEAL_RESULTS, "总计"][: 5 if totals else 4]
    out += [_pipe(["类别", *appeal_columns]), _pipe(["---"] * (len(appeal_columns) + 1))]
    for key, label in zip(
        APPEAL_KEYS,
        ("行政复议", "行政诉讼 / 未经复议直接起诉", "行政诉讼 / 复议后起诉"),
        strict=True,
    ):
        out.append(_pipe([label, *map(_cell, report.appeals[key][: len(appeal_columns)])]))
    out += ["", f"## {SECTION_TITLES[4]}", "", *_paragraph_lines(report.problems), ""]
    out += [f"## {SECTION_TITLES[5]}", "", *_paragraph_lines(report.other_matters), ""]
    return "\n".join(out)


LABEL_WIDTH = 26  # characters of the label column in the space layout
COLUMN = 8  # characters of a number column in the space layout
WRAP = 28  # characters per line of running text in the space layout


def _wrapped(text: str) -> list[str]:
    """Running text as a PDF converter gives it: paragraphs indented, lines cut."""
    out = []
    for paragraph in _paragraph_lines(text):
        chunks = [paragraph[i : i + WRAP] for i in range(0, len(paragraph), WRAP)]
        out += ["    " + chunks[0], *chunks[1:]]
    return out


def _space_row(
    label: str, cells: Sequence[Any], indent: int = 0, before: bool = False
) -> list[str]:
    """A table row with columns at fixed character positions; a label too long for its
    column wraps, the rest on the next line (`before`: the numbers go with the rest)."""
    room = LABEL_WIDTH - 2 - indent
    head, tail = label[:room], label[room:]
    values = "".join(_cell(cell).center(COLUMN) for cell in cells)
    pad = " " * indent
    if tail and before:
        return [pad + head, (pad + tail.ljust(room + 2) + values).rstrip()]
    return [(pad + head.ljust(room + 2) + values).rstrip()] + ([pad + tail] if tail else [])


def _space_matrix(report: ReportData) -> list[str]:
    out = [
        "（本列数据的勾稽关系为：第一项加".ljust(LABEL_WIDTH) + "申请人情况".center(COLUMN * 6) + "总计".center(COLUMN),
        "第二项之和，等于第三项加第四项之和）".ljust(LABEL_WIDTH) + "自然人".center(COLUMN) + "法人或其他组织".center(COLUMN * 5),
        " " * (LABEL_WIDTH + COLUMN) + "".join(c.center(COLUMN) for c in APPLICANT_COLUMNS[1:]),
    ]  # fmt: skip
    group = ""
    for spec in APPLICATION_ROWS:
        cells = report.applications[spec.key]
        if spec.key == "granted":
            out.append(RESULTS_LABEL)
        if spec.group and spec.group != group:
            out.append("  " + spec.group)
        group = spec.group
        indent = 4 if spec.group else 2 if spec.label.startswith("（") else 0
        out += _space_row(spec.label, cells, indent, before=spec.label.startswith("2.申请人"))
    return out


def _space_appeals(report: ReportData) -> list[str]:
    block = COLUMN * 5
    return [
        "行政复议".center(block) + "行政诉讼".center(block * 2),
        " " * block + "未经复议直接起诉".center(block) + "复议后起诉".center(block),
        "".join(h.center(COLUMN) for h in (*APPEAL_RESULTS, "总计") * 3),
        "".join(_cell(v).center(COLUMN) for key in APPEAL_KEYS for v in report.appeals[key]),
    ]


def to_space(report: ReportData) -> str:
    """The report as PDF-to-text gives it: centred title, wrapped indented paragraphs,
    table cells at fixed positions, blank cells lost, long labels wrapped."""
    out = [" " * 12 + report.title, "", *_wrapped(report.preamble), SECTION_TITLES[0]]
    for key, label in OVERVIEW_PARTS:
        out += [f"{label}：", *_wrapped(getattr(report.overview, key))]
    out += ["", SECTION_TITLES[1], ""]
    for caption, (header, rows) in zip("一五六八", _proactive_rows(report), strict=True):
        out.append(f"第二十条第（{caption}）项")
        out.append("信息内容".ljust(LABEL_WIDTH) + "".join(h.center(16) for h in header))
        out += [(label.ljust(LABEL_WIDTH) + "".join(_cell(c).center(16) for c in cells)).rstrip()
                for label, cells in rows]  # fmt: skip
    out += ["", SECTION_TITLES[2], "", *_space_matrix(report), "", SECTION_TITLES[3], ""]
    out += [*_space_appeals(report), "", SECTION_TITLES[4], *_wrapped(report.problems)]
    out += ["", SECTION_TITLES[5], *_wrapped(report.other_matters), "", " " * 30 + "2024年1月20日"]
    return "\n".join(out)


LAYOUTS: dict[str, Callable[[ReportData], str]] = {
    "tab": render_text,
    "pipe-path": to_pipe,
    "pipe-cells": lambda report: to_pipe(report, path=False),
    "space": to_space,
}

# ---------------------------------------------------------------- helpers


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _narrative(report: ReportData) -> dict[str, str]:
    texts = {key: getattr(report.overview, key) for key, _ in OVERVIEW_PARTS}
    texts |= {"preamble": report.preamble, "problems": report.problems}
    texts["other_matters"] = report.other_matters
    return {key: _squashed(text) for key, text in texts.items()}


def _tables(report: ReportData) -> tuple[Any, ...]:
    return (
        report.org,
        report.year,
        report.format,
        report.proactive,
        dict(report.applications),
        dict(report.appeals),
    )


def _read_fixture(name: str) -> ReportData:
    return read_report((READER_DATA / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_every_layout_reads_back_to_the_same_report(sample: str, layout: str) -> None:
    original = SAMPLES[sample]()
    read = read_report(LAYOUTS[layout](original))
    assert read.applications == original.applications
    assert read.appeals == original.appeals
    assert read.proactive == original.proactive
    assert _tables(read) == _tables(original)
    assert _narrative(read) == _narrative(original)


@pytest.mark.parametrize("sample", SAMPLES)
def test_own_tab_layout_keeps_texts_exactly(sample: str) -> None:
    original = SAMPLES[sample]()
    assert read_report(render_text(original)) == original


def test_tables_without_total_columns_get_computed_totals() -> None:
    original = _all_outcomes()
    read = read_report(to_pipe(original, totals=False))
    for key in APPLICATION_KEYS:
        assert read.applications[key] == with_total(original.applications[key][:6]), key
    assert read.applications["concluded"] != original.applications["concluded"]  # was wrong
    for key in APPEAL_KEYS:
        assert read.appeals[key] == with_total(original.appeals[key][:4]), key
    assert read.appeals["litigation_after_reconsideration"][4] == 2  # the sample printed 3


def test_mixed_layouts_in_one_report() -> None:
    report = _all_outcomes()
    tab, pipe, space = render_text(report), to_pipe(report), to_space(report)
    three = SECTION_TITLES[2]
    mixed = tab.split(three)[0] + three + pipe.split(three)[1].split(SECTION_TITLES[3])[0]
    mixed += SECTION_TITLES[3] + space.split(SECTION_TITLES[3])[1]
    assert _tables(read_report(mixed)) == _tables(report)


# ---------------------------------------------------------------- the real reference report


def test_real_reference_report_reads_to_its_data() -> None:
    published = (DATA / "niutun-2023-reference.txt").read_text(encoding="utf-8")
    read = read_report(published)
    assert read == _reference()
    assert read.overview.proactive.startswith("2022 年主动公开各类信息 166 条")


def test_program_written_sample_reads_back() -> None:
    read = read_report((DATA / "niutun-2023-sample.txt").read_text(encoding="utf-8"))
    assert read.org.name == "牛屯镇人民政府"
    assert read.org.kind == "township"
    assert read.preamble.startswith("根据《中华人民共和国政府信息公开条例》")
    assert "4次" in read.overview.oversight
    assert read.applications == _reference().applications


# ---------------------------------------------------------------- messy hand-made reports


def test_messy_report_tolerates_real_world_defects() -> None:
    read = _read_fixture("messy-2023.txt")
    assert (read.org.name, read.org.kind, read.org.self_name) == (
        "滑县自然资源局",
        "county_department",
        "我局",
    )
    assert (read.year, read.format) == (2023, "2021")
    apps = read.applications
    assert apps["new"] == (1200, 10, 0, 2, 3, 0, 1215)  # "1,200"
    assert apps["granted"] == (800, 5, 0, 1, 2, 0, 808)  # "(一) 予以公开"
    assert apps["denied_prohibited_by_law"] == (3, 0, 0, 0, 0, 0, 3)  # 其他法律行政止公开
    assert apps["denied_internal_affairs"] == (None, 0, 0, 0, 0, 0, 0)  # "/"
    assert apps["rejected_duplicate"] == (40, 0, 0, 0, 0, 0, 40)  # "2、重夏申请" by group
    assert apps["rejected_publication"] == (None, 0, 0, 0, 0, 0, None)  # blank cells
    assert apps["rejected_confirmation"] == (2, None, 0, 0, 0, 0, 2)  # "无"
    assert apps["other_no_correction"] == (12, 0, 0, 0, 0, 0, 12)  # full-width digits
    assert apps["other_other"] == (9, 1, 0, 0, 0, 0, 10)  # leading blanks lost
    assert apps["concluded"] == (1199, 10, 0, 2, 2, 0, 1300)  # wrong total kept
    assert read.appeals == {
        "reconsideration": (1, 0, 0, 1, 0),  # "行政法复议", total 0 as printed
        "litigation_direct": (0, 1, 0, 0, 1),
        "litigation_after_reconsideration": (0, 0, 0, 0, None),  # "-"
    }
    p = read.proactive
    assert (p.normative_documents.issued, p.normative_documents.repealed) == (3, None)
    assert (p.licensing, p.penalty, p.enforcement) == (1024, 35, None)
    assert p.fees_10k_yuan == Decimal("1116.50")


def test_messy_report_narrative_and_checks() -> None:
    read = _read_fixture("messy-2023.txt")
    assert read.preamble.startswith("根据《中华人民共和国政府信息公开条例》规定")
    assert read.overview.proactive == "2023年，我局主动公开政府信息312条。"  # inline heading
    assert read.overview.on_request == "2023年，我局共收到政府信息公开申请1,215件。"
    assert read.overview.management == "我局规范政府信息管理。"
    assert read.other_matters == "本年度收取信息处理费0元。"
    rules = {finding.rule for finding in run_checks(read)}
    assert {"R4", "R7"} <= rules


def test_old_2019_layout_is_recognised_and_mapped() -> None:
    read = _read_fixture("old-2019-2022.txt")
    assert (read.org.name, read.year, read.format) == ("城关镇人民政府", 2022, FORMAT_2019)
    assert read.applications["other_other"] == (1, 0, 0, 0, 0, 0, 1)
    assert read.applications["other_no_correction"] == (0,) * 7
    assert read.applications["other_unpaid_fee"] == (0,) * 7
    p = read.proactive
    assert (p.regulations.issued, p.regulations.repealed, p.regulations.in_force) == (0, 0, 0)
    assert (p.normative_documents.issued, p.normative_documents.repealed) == (2, 0)
    assert p.normative_documents.in_force == 15  # 对外公开总数量
    assert (p.licensing, p.penalty, p.enforcement) == (36, 7, 0)
    assert p.fees_10k_yuan is None  # the 2019 table has no amount
    assert read.appeals["litigation_direct"] == (0, 0, 0, 1, 1)
    assert "R12" in {finding.rule for finding in run_checks(read)}


def test_single_other_row_alone_makes_the_2019_format() -> None:
    lines = render_text(_reference()).splitlines()
    first = next(i for i, line in enumerate(lines) if "（六）其他处理" in line)
    lines[first : first + 3] = ["\t（六）其他处理\t3\t0\t0\t0\t0\t0\t3\t"]
    read = read_report("\n".join(lines))
    assert read.format == FORMAT_2019
    assert read.applications["other_other"] == (3, 0, 0, 0, 0, 0, 3)
    assert read.applications["other_unpaid_fee"] == (0,) * 7


@pytest.mark.parametrize(
    ("title", "name", "year", "kind"),
    [
        ("牛屯镇 2023 年政府信息公开工作年度报告", "牛屯镇", 2023, "township"),
        (
            "滑县人民政府二〇二二年政府信息公开工作年度报告",
            "滑县人民政府",
            2022,
            "county_government",
        ),
        ("安阳市人民政府2023年政府信息公开工作年度报告", "安阳市人民政府", 2023, "city_government"),
        ("安阳市教育局2023年度政府信息公开工作年度报告", "安阳市教育局", 2023, "city_department"),
        (
            "滑县市场监督管理局2023年政府信息公开工作年度报告",
            "滑县市场监督管理局",
            2023,
            "county_department",
        ),
        ("2023年城关街道办事处政府信息公开工作年度报告", "城关街道办事处", 2023, "township"),
        ("河南省教育厅关于2023年政府信息公开工作的年度报告", "河南省教育厅", 2023, "other"),
    ],
    ids=[
        "spaces",
        "chinese-year",
        "city",
        "city-department",
        "market-bureau",
        "year-first",
        "province",
    ],
)
def test_title_gives_name_year_and_kind(title: str, name: str, year: int, kind: str) -> None:
    text = render_text(_reference()).replace(_reference().title, title, 1)
    read = read_report(text)
    assert (read.org.name, read.year, read.org.kind) == (name, year, kind)


def test_truncated_table_reads_missing_rows_as_blank() -> None:
    text = render_text(_reference())
    read = read_report(text[: text.index("\t（四）无法提供")])
    assert read.applications["denied_inquiry_matter"] == (0,) * 7
    assert read.applications["unavailable_not_held"] == (None,) * 7
    assert read.appeals["reconsideration"] == (None,) * 5
    assert read.other_matters == ""
    assert "R7" in {finding.rule for finding in run_checks(read)}


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "空"),
        ("今天天气很好，我们去公园散步。\n明天再说。", "不像是"),
        ("牛屯镇2023年政府信息公开工作年度报告\n\n一、总体情况\n\n无。", "找不到第三部分"),
        (render_text(_reference()).split("\n", 2)[2], "找不到报告标题"),
        (render_text(_reference()).replace("2023年政府", "1999年政府", 1), "年份"),
    ],
    ids=["empty", "not-a-report", "title-only", "no-title", "bad-year"],
)
def test_unreadable_text_raises_reader_error_in_chinese(text: str, words: str) -> None:
    with pytest.raises(ReaderError, match=words) as caught:
        read_report(text)
    assert re.search(r"[\u4e00-\u9fff]", str(caught.value))


def _garbage(seed: int) -> str:
    rng = random.Random(seed)
    if seed % 3 == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(2000))).decode(
            "utf-8", "replace"
        )
    pieces = ["\t", "|", "  ", "\n", "0", "1,2", "（三）", "1.", "其他", "总计", "—", "/", "二〇二三年",
              "政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "行政复议", "规章", "９"]  # fmt: skip
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(400)))


def test_garbage_and_truncations_raise_only_reader_error() -> None:
    reference = (DATA / "niutun-2023-reference.txt").read_text(encoding="utf-8")
    texts = [_garbage(seed) for seed in range(150)]
    texts += [reference[:cut] for cut in range(0, len(reference), 37)]
    texts += [to_space(_all_outcomes())[:cut] for cut in range(0, 6000, 211)]
    for text in texts:
        try:
            assert isinstance(read_report(text), ReportData)
        except ReaderError as error:
            assert str(error)

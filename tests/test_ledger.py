"""The ledger import, pure and from files: header and columns, values → table, dates →
rows, bad input; ledgers of several shapes built in code, checked cell for cell."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from report_interview.read.ledger import (
    LedgerError,
    Mappings,
    Sheet,
    carried_difference,
    classify_applicant,
    classify_outcome,
    guess_columns,
    import_ledger,
    parse_date,
    unknown_lines,
)
from report_interview.read.ledger_files import read_sheets
from report_interview.report.data import APPLICATION_KEYS

from .ledgers import EXAMPLE, EXAMPLE_YEAR, HEADER, write_csv, write_xlsx

WITHDRAWN = Mappings(outcome={"申请人撤回申请": "other_other"})
# The example ledger's table (README): six columns per row, rows not named are zeros.
EXAMPLE_TABLE = {
    "new": [6, 1, 1, 1, 1, 0],
    "carried_over": [1, 0, 0, 0, 0, 0],
    "granted": [2, 0, 1, 1, 1, 0],
    "partly_granted": [0, 1, 0, 0, 0, 0],
    "denied_third_party": [1, 0, 0, 0, 0, 0],
    "unavailable_not_held": [1, 0, 0, 0, 0, 0],
    "rejected_petition": [1, 0, 0, 0, 0, 0],
    "other_other": [1, 0, 0, 0, 0, 0],
}


def expected_matrix(table: dict[str, list[int]]) -> dict[str, list[int]]:
    return {key: table.get(key, [0] * 6) for key in APPLICATION_KEYS[:-2]}


def test_example_xlsx_header_on_row_3_under_a_merged_title(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "台账.xlsx", EXAMPLE)
    imported = import_ledger(read_sheets(path), EXAMPLE_YEAR, WITHDRAWN)
    assert imported.layout.header_row == 3
    assert imported.tally.resolved
    assert imported.tally.matrix() == expected_matrix(EXAMPLE_TABLE)
    # every cell knows its ledger rows: data starts on row 4
    assert imported.tally.rows_of("granted", 0) == (4, 14)  # 张三, and 吴九 from last year
    assert imported.tally.rows_of("carried_over") == (14,)
    assert imported.tally.rows_of("carried_forward") == (13,)  # answered in 2025
    assert imported.tally.rows_of("concluded", 0) == (4, 6, 8, 10, 12, 14)
    assert imported.tally.left_out == ((15, "收到于 2025-01-03，属于下一年度，不计入本年报告"),)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_every_encoding_gives_the_same_table(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "台账.csv", EXAMPLE, encoding=encoding)
    imported = import_ledger(read_sheets(path), EXAMPLE_YEAR, WITHDRAWN)
    assert imported.layout.header_row == 1
    assert imported.tally.matrix() == expected_matrix(EXAMPLE_TABLE)
    assert imported.tally.rows_of("carried_forward") == (11,)


def test_the_sheet_named_with_the_year_among_several(tmp_path: Path) -> None:
    last_year = [HEADER, [1, "2023-001", "张三", "2023-03-01", "2023-03-05", "予以公开", ""]]
    path = write_xlsx(
        tmp_path / "台账.xlsx",
        EXAMPLE,
        sheets=[("填表说明", [["本表每件申请一行"], []]), ("2023年", last_year)],
    )
    sheets = read_sheets(path)
    assert [s.name for s in sheets] == ["填表说明", "2023年", "2024年台账"]
    imported = import_ledger(sheets, EXAMPLE_YEAR, WITHDRAWN)
    assert imported.layout.sheet == "2024年台账"
    assert imported.tally.matrix() == expected_matrix(EXAMPLE_TABLE)
    chosen = import_ledger(sheets, EXAMPLE_YEAR, Mappings(sheet="2023年"))
    assert chosen.layout.sheet == "2023年"


def test_tab_separated_csv_with_a_total_row_in_any_column(tmp_path: Path) -> None:
    lines = ["\t".join(HEADER)] + ["\t".join(map(str, row)) for row in EXAMPLE]
    lines.append("\t\t\t合计：12 件\t\t\t")
    path = tmp_path / "台账.csv"
    path.write_text("\n".join(lines), encoding="gbk")
    imported = import_ledger(read_sheets(path), EXAMPLE_YEAR, WITHDRAWN)
    assert imported.tally.resolved
    assert imported.tally.matrix() == expected_matrix(EXAMPLE_TABLE)


def test_other_headers_extra_columns_and_blank_rows(tmp_path: Path) -> None:
    header = ["受理编号", "联系电话", "申请人类型", "备注", "办结日期", "受理日期", "答复类型"]
    rows: list[list[Any]] = [
        ["A1", "138", "自然人", "", "2024-02-01", "2024-01-05", "予以公开"],
        [],
        ["A2", "", "企业", "", "2024-03-01", "2024-02-05", "属于国家秘密"],
        [None, None, None, None, None, None, None],
        ["A3", "", "其他组织", "", "", "2024-12-25", "办理中"],
    ]
    path = write_xlsx(tmp_path / "t.xlsx", rows, header=header, title=None, total=False)
    imported = import_ledger(read_sheets(path), 2024, Mappings())
    assert dict(imported.layout.columns) == {
        "number": 0, "applicant": 2, "answered": 4, "received": 5, "result": 6,
    }  # fmt: skip
    assert imported.tally.matrix() == expected_matrix(
        {
            "new": [1, 1, 0, 0, 0, 1],
            "granted": [1, 0, 0, 0, 0, 0],
            "denied_state_secret": [0, 1, 0, 0, 0, 0],
        }
    )
    assert imported.tally.rows_of("carried_forward") == (6,)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime(2024, 3, 5, 9, 30), date(2024, 3, 5)),
        (date(2024, 3, 5), date(2024, 3, 5)),
        (45356, date(2024, 3, 5)),
        (45356.0, date(2024, 3, 5)),
        ("45356", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("2024.3.5", date(2024, 3, 5)),
        ("2024/3/5", date(2024, 3, 5)),
        ("2024年3月5日", date(2024, 3, 5)),
        ("２０２４年３月５日", date(2024, 3, 5)),
        ("2024-03-05 14:00", date(2024, 3, 5)),
        ("20240305", date(2024, 3, 5)),
        ("", None),
        (None, None),
        ("未答复", None),
    ],
    ids=lambda v: str(v),
)
def test_every_date_form(cell: Any, expected: date | None) -> None:
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["三月五日", "2024-13-05", "下周"])
def test_a_date_that_cannot_be_read_is_refused(cell: str) -> None:
    with pytest.raises(ValueError):
        parse_date(cell)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("张三", "natural"), ("欧阳娜娜", "natural"), ("李某", "natural"), ("王**", "natural"),
        ("张三（律师）", "natural"), ("个人", "natural"), ("公民", "natural"),
        ("自然人", "natural"), ("滑县某某建材有限公司", "business"), ("某某农民专业合作社", "business"),
        ("红星砖厂", "business"), ("企业", "business"), ("河南某某律师事务所", "legal_service"),
        ("某律所", "legal_service"), ("中国科学院某研究所", "research"), ("郑州大学", "research"),
        ("县环保志愿者协会", "public_interest"), ("某某基金会", "public_interest"),
        ("某某村民委员会", "other_org"), ("其他组织", "other_org"),
        ("某某局", None), ("新华书店", None), ("某村民", None), ("", None),
    ],
)  # fmt: skip
def test_applicant_text_to_column(text: str, key: str | None) -> None:
    assert classify_applicant(text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("予以公开", "granted"), ("全部公开", "granted"), ("部分公开", "partly_granted"),
        ("不予公开（保护第三方合法权益）", "denied_third_party"), ("属于国家秘密", "denied_state_secret"),
        ("不予公开-过程性信息", "denied_process_info"), ("危及三安全一稳定", "denied_security_stability"),
        ("本机关不掌握相关政府信息", "unavailable_not_held"), ("信息不存在", "unavailable_not_held"),
        ("需另行制作", "unavailable_needs_creation"), ("补正后申请内容仍不明确", "unavailable_unclear"),
        ("信访举报投诉类申请", "rejected_petition"), ("重复申请", "rejected_duplicate"),
        ("要求提供公开出版物", "rejected_publication"), ("逾期不补正", "other_no_correction"),
        ("逾期未缴纳费用", "other_unpaid_fee"), ("属于行政查询事项", "denied_inquiry_matter"),
        ("不予公开", None), ("申请人撤回申请", None), ("办理中", None), ("已答复", None),
    ],
)  # fmt: skip
def test_result_text_to_outcome_row(text: str, key: str | None) -> None:
    assert classify_outcome(text) == key


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["申请人", "申请日期", "答复日期", "答复结果"],
         {"applicant": 0, "received": 1, "answered": 2, "result": 3}),
        (["申请人姓名", "申请人性质", "收到时间", "办结时间", "办理结果"],
         {"applicant": 1, "received": 2, "answered": 3, "result": 4}),
        (["序号", "编号", "申请人", "受理日期", "回复日期", "处理结果"],
         {"number": 1, "applicant": 2, "received": 3, "answered": 4, "result": 5}),
    ],
)  # fmt: skip
def test_columns_found_by_header_words(headers: list[str], expected: dict[str, int]) -> None:
    assert guess_columns(headers) == expected


def sheet(*rows: list[Any]) -> list[Sheet]:
    return [Sheet("台账", (tuple(HEADER), *(tuple(r) for r in rows)))]


BAD_ROWS: list[list[Any]] = [
    [1, "A1", "", "2024-01-02", "2024-01-05", "予以公开", ""],
    [2, "A2", "张三", "2024-03-05", "2024-03-01", "予以公开", ""],
    [3, "A3", "李四", "2024-03-05", "2024-03-09", "予以公开", ""],
    [4, "A3", "王五", "2024-04-05", "2024-04-09", "予以公开", ""],
    [5, "A5", "赵六", "2024-04-05", "2024-04-09", "", ""],
    [6, "A6", "钱七", "三月五日", "", "", ""],
]


def test_rows_that_cannot_be_counted_name_their_row() -> None:
    imported = import_ledger(sheet(*BAD_ROWS), 2024, Mappings())
    lines = unknown_lines(imported.tally)
    assert lines == [
        "第 2 行：没有申请人：请在台账里补上申请人（或申请人类型）",
        "第 3 行：答复日期 2024-03-01 早于收到日期 2024-03-05：请核对这两个日期",
        "第 5 行：编号“A3”与第 4 行相同：如果是重复录入，请删去一行；如果是两件申请，请改正编号",
        "第 6 行：有答复日期，却没有处理结果：请补上处理结果（如“予以公开”）",
        "第 7 行：收到申请的日期“三月五日”看不出是哪一天：请改成 2024-03-05 这样的日期后重新导入",
    ]
    assert not imported.tally.resolved
    assert imported.tally.total("new") == 1  # only 李四 counts


def test_rows_left_out_by_the_clerk_are_not_counted() -> None:
    skipped = Mappings(skipped=("台账!2", "台账!3", "台账!5", "台账!6", "台账!7"))
    tally = import_ledger(sheet(*BAD_ROWS), 2024, skipped).tally
    assert tally.resolved
    assert tally.rows_of("new") == (4,)
    assert not import_ledger(sheet(*BAD_ROWS), 2024, Mappings(skipped=("别的表!2",))).tally.resolved


def test_unknown_values_are_asked_once_with_all_their_rows() -> None:
    rows = [[i, f"A{i}", "某村民", "2024-01-02", "2024-01-05", "申请人撤回", ""] for i in range(3)]
    tally = import_ledger(sheet(*rows), 2024, Mappings()).tally
    assert [(u.kind, u.text, u.rows) for u in tally.unknown] == [
        ("applicant", "某村民", (2, 3, 4)),
        ("outcome", "申请人撤回", (2, 3, 4)),
    ]
    decided = (
        Mappings()
        .decided("applicant", "某村民", "natural")
        .decided("outcome", " 申请人撤回 ", "other_other")
    )
    tally = import_ledger(sheet(*rows), 2024, decided).tally
    assert tally.resolved and tally.matrix()["other_other"] == [3, 0, 0, 0, 0, 0]


def test_answered_last_year_is_left_out_and_pending_goes_forward() -> None:
    tally = import_ledger(
        sheet(
            [1, "A1", "张三", "2023-11-02", "2023-12-05", "予以公开", ""],
            [2, "A2", "李四", "2023-12-28", "", "", ""],
            [3, "A3", "王五", "2024-12-28", "2025-01-05", "予以公开", ""],
        ),
        2024,
        Mappings(),
    ).tally
    assert tally.left_out == ((2, "上一年度已答复（2023-12-05），不计入本年报告"),)
    assert tally.matrix()["carried_over"] == [1, 0, 0, 0, 0, 0]
    assert tally.matrix()["new"] == [1, 0, 0, 0, 0, 0]
    assert tally.rows_of("carried_forward") == (3, 4)


def test_carried_over_checked_against_last_years_report() -> None:
    tally = import_ledger(
        sheet(
            [1, "A1", "李四", "2023-12-28", "", "", ""],
            [2, "A2", "某某公司", "2023-12-20", "2024-01-05", "予以公开", ""],
        ),
        2024,
        Mappings(),
    ).tally
    previous = {"carried_forward_by_type": {"natural": 2, "business": 1}}
    assert carried_difference(tally, previous) == [
        "自然人：去年报告结转下年度 2 件，台账上年结转 1 件（台账第 2 行）"
    ]
    assert carried_difference(tally, {}) == []


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "台账是空的"),
        ([["申请登记表"], ["张三", "2024-01-01", "公开"]], "找不到表头"),
    ],
)
def test_empty_sheet_or_no_header(rows: list[list[Any]], message: str) -> None:
    with pytest.raises(LedgerError, match=message):
        import_ledger([Sheet("Sheet1", tuple(tuple(r) for r in rows))], 2024, Mappings())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("台账.xlsx", b"PK\x03\x04 not really a zip", "文件已损坏或不是 Excel 文件"),
        ("台账.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "设置了打开密码"),
        ("台账.xls", b"garbage", "文件已损坏"),
        ("台账.docx", b"PK", "只能读取 Excel"),
        ("台账.csv", b"\xff\xfe\x00\xd8\xff", "看不出文件的文字编码"),
    ],
)
def test_files_that_cannot_be_read(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LedgerError, match=message):
        read_sheets(path)
    with pytest.raises(LedgerError, match="无法打开"):
        read_sheets(tmp_path / "没有这个文件.xlsx")


def test_mappings_file_may_use_labels_and_refuses_unknown_rows() -> None:
    mappings = Mappings.from_json(
        {
            "applicant": {"某村民": "自然人"},
            "outcome": {"撤回": "（六）3.其他", "x": "保护第三方合法权益"},
        }
    )
    assert mappings.applicant == {"某村民": "natural"}
    assert mappings.outcome == {"撤回": "other_other", "x": "denied_third_party"}
    with pytest.raises(LedgerError, match="不是可用的分类"):
        Mappings.from_json({"outcome": {"撤回": "撤销"}})
    assert Mappings.from_json(mappings.to_json()) == mappings


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("name", ["依申请公开台账示例.xlsx", "依申请公开台账示例.csv"])
def test_the_committed_examples_give_the_readme_table(name: str) -> None:
    imported = import_ledger(read_sheets(EXAMPLES / name), EXAMPLE_YEAR, Mappings())
    assert [(u.kind, u.text, u.rows) for u in imported.tally.unknown] == [
        ("outcome", "申请人撤回申请", (12,) if name.endswith(".xlsx") else (10,))
    ]
    resolved = import_ledger(read_sheets(EXAMPLES / name), EXAMPLE_YEAR, WITHDRAWN)
    assert resolved.tally.matrix() == expected_matrix(EXAMPLE_TABLE)


def test_a_workbook_with_a_damaged_sheet(tmp_path: Path) -> None:
    whole = write_xlsx(tmp_path / "ok.xlsx", EXAMPLE)
    damaged = tmp_path / "台账.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(
                item, data[: len(data) // 2] if "worksheets/" in item.filename else data
            )
    with pytest.raises(LedgerError, match="文件已损坏或不是 Excel 文件"):
        read_sheets(damaged)

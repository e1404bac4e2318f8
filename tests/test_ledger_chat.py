"""The ledger import as a dialogue: through the whole conversation, and step by step
(columns, unknown values, bad rows, cells, falling back, importing again)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from report_interview.chat.conversation import Conversation
from report_interview.chat.ledger import FALL_BACK, LedgerDialogue
from report_interview.chat.prompter import Command, Reply
from report_interview.flow.kinds.folder import cleaned_path
from report_interview.read.ledger_files import read_sheets

from .fakes import FakePublisher, FakeSession, ScriptedPrompter
from .ledgers import EXAMPLE, write_xlsx
from .test_applications import FLOW, before_section_3, engine, row
from .test_ledger import BAD_ROWS, EXAMPLE_TABLE


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "依申请公开台账.xlsx", EXAMPLE)


def test_import_in_the_conversation_gives_the_report(ledger: Path) -> None:
    replies = [
        "",  # a paragraph of 一 written afresh for 2024: taken as written
        "3",  # new: a rough number, the ledger corrects it
        "0",
        "ledger",  # 从台账导入
        str(ledger),
        "ok",  # the columns are right
        "other_other",  # 申请人撤回申请 → （六）3.其他
        "ok",  # the table is right
        "否",  # no 复议 or 诉讼
    ]
    session = FakeSession(before_section_3(report_year=2024))
    report, prompter = converse_with(replies, session)
    for key, cells in EXAMPLE_TABLE.items():
        assert row(report, key) == [*cells, sum(cells)]
    assert row(report, "carried_forward") == [1, 0, 0, 0, 0, 0, 1]
    assert session.stored["apps_new"] == 10 and session.stored["apps_carried"] == 1
    assert session.stored["apps_mode"] == "ledger"
    assert "新收政府信息公开申请10件，上年结转政府信息公开申请1件" in report.overview.on_request
    assert session.meta_fields["ledger"]["mappings"]["outcome"] == {"申请人撤回申请": "other_other"}
    said = prompter.text()
    assert "处理结果“申请人撤回申请”（台账第 12 行）应算哪一种办理结果？" in prompter.asked
    assert "第 15 行：收到于 2025-01-03，属于下一年度，不计入本年报告" in said
    assert "前面填的是新收 3 件、上年结转 0 件；确认后按台账改为 10 件、1 件。" in said


def converse_with(replies: list[Any], session: FakeSession) -> tuple[Any, ScriptedPrompter]:
    """test_applications.converse on a given session, to look at what it saved."""
    prompter = ScriptedPrompter([*replies, "w"])
    publish = FakePublisher()
    assert Conversation(engine(), session, prompter, publish).run().finished, prompter.text()
    assert not prompter.replies
    return publish.reports[0], prompter


def dialogue(
    replies: list[Any], meta: dict[str, Any] | None = None, **names: Any
) -> tuple[LedgerDialogue, ScriptedPrompter, dict[str, Any]]:
    prompter = ScriptedPrompter(replies)
    session = FakeSession()
    session.meta_fields.update(meta or {})
    kept: dict[str, Any] = {}

    def read(message: str, default: str) -> Reply:  # Enter alone takes the offer
        return prompter.ask_line(message, default=default, hint="") or default

    lists = dict(FLOW.lists)
    context = {
        "report_year": 2024, "apps_new": 10, "apps_carried": 1,
        "applicant_types": list(lists["applicant_types"]),
        "outcome_rows": list(lists["outcome_rows"]), **names,
    }  # fmt: skip
    return (
        LedgerDialogue(prompter, read, session, context, kept.__setitem__, read_sheets),
        prompter,
        kept,
    )


def test_last_years_mappings_are_offered_and_carried_over_is_checked(ledger: Path) -> None:
    last_year = {"ledger_mappings": {"outcome": {"申请人撤回申请": "other_other"}},
                 "carried_forward_by_type": {"natural": 2}}  # fmt: skip
    talk, prompter, kept = dialogue([str(ledger), "ok", "ok"], {"previous": last_year},
                                    previous=last_year)  # fmt: skip
    matrix = talk.run(None)
    assert isinstance(matrix, dict) and matrix["other_other"] == [1, 0, 0, 0, 0, 0]
    assert "自然人：去年报告结转下年度 2 件，台账上年结转 1 件（台账第 14 行）" in prompter.text(
        "error"
    )
    assert kept == {}  # apps_new and apps_carried already match the ledger


def test_bad_rows_are_listed_and_may_be_left_out(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", BAD_ROWS, title=None, total=False)
    talk, prompter, kept = dialogue([str(path), "ok", "skip", "ok"])
    matrix = talk.run(None)
    assert isinstance(matrix, dict) and matrix["new"] == [1, 0, 0, 0, 0, 0]
    assert "第 2 行：没有申请人" in prompter.text("error")
    assert kept == {"apps_new": 1, "apps_carried": 0}
    assert "t!2" not in talk.session.meta()["ledger"]["mappings"]["skipped"]
    assert "2024年台账!2" in talk.session.meta()["ledger"]["mappings"]["skipped"]


def test_a_cell_lists_its_ledger_rows(ledger: Path) -> None:
    replies = [str(ledger), "ok", "other_other", "cell", "granted:0", "ok"]
    talk, prompter, _ = dialogue(replies)
    assert isinstance(talk.run(None), dict)
    assert (
        "这一格计入了台账第 4、14 行：\n  第 4 行：2024-001 张三，收到 2024-01-08，答复 2024-01-30，予以公开"
        in prompter.text("note")
    )
    table = prompter.text("review")
    assert "（一）予以公开" in table and "台账“2024年台账”共计入 11 件申请" in table


def test_a_broken_file_falls_back_without_saving(tmp_path: Path) -> None:
    broken = tmp_path / "台账.xlsx"
    broken.write_bytes(b"PK\x03\x04 broken")
    talk, prompter, kept = dialogue([f"'{broken}'", FALL_BACK])
    assert talk.run(None) is Command.BACK
    assert "文件已损坏或不是 Excel 文件" in prompter.text("error")
    assert kept == {} and "ledger" not in talk.session.meta()


def test_importing_again_is_confirmed_first(ledger: Path) -> None:
    earlier = {"new": [1, 0, 0, 0, 0, 0]}
    talk, _, _ = dialogue(["keep"], {"ledger": {"file": str(ledger), "mappings": {}}})
    assert talk.run(earlier) is earlier
    talk, _, _ = dialogue(
        ["again", "", "ok", "other_other", "ok"], {"ledger": {"file": str(ledger), "mappings": {}}}
    )
    replaced = talk.run(earlier)
    assert isinstance(replaced, dict) and replaced["new"] == [6, 1, 1, 1, 1, 0]


def test_a_column_can_be_corrected(ledger: Path) -> None:
    # no answered column: nothing has been answered, everything goes on to next year
    replies = [str(ledger), "change", "answered", "none", "ok", "ok"]
    talk, prompter, _ = dialogue(replies)
    matrix = talk.run(None)
    assert isinstance(matrix, dict) and matrix["granted"] == [0] * 6
    before, after = [
        line for line in prompter.text("review").splitlines() if "答复（办结）" in line
    ]
    assert before.split()[1] == "答复日期" and after.split()[1:] == ["（没有）"]
    assert talk.session.meta()["ledger"]["mappings"]["columns"]["answered"] == ""


@pytest.mark.parametrize(
    ("typed", "path"),
    [
        ("'/tmp/台 账.xlsx'", "/tmp/台 账.xlsx"),
        ('"D:/台账.xlsx"', "D:/台账.xlsx"),
        ("/tmp/a\\ b.csv ", "/tmp/a b.csv"),
    ],
)
def test_dragged_in_paths(typed: str, path: str) -> None:
    assert Path(cleaned_path(typed)) == Path(path)

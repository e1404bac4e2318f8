"""The ledger import in the real program, in a pseudo-terminal: choose 从台账导入, give
the file, confirm the columns, answer the one value the words do not decide, confirm
the table, and find the ledger's numbers in the written report and the saved answers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from report_interview.store import Store

from .ledgers import EXAMPLE, write_xlsx
from .test_cli_interview import COMPLETE
from .test_e2e import Terminal

pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

DOWN = "\x1b[B"


def test_import_a_ledger_in_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    ledger = write_xlsx(tmp_path / "依申请公开台账.xlsx", EXAMPLE)
    known = {
        k: v for k, v in COMPLETE.items() if k not in ("apps_new", "apps_carried", "has_cases")
    }
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({**known, "report_year": 2024}, ensure_ascii=False), "utf-8")

    term = Terminal(home, "new", "--answers", str(answers), "--out", str(out))
    term.answer("今年一共新收到多少件政府信息公开申请？", "5")
    term.answer("去年年底还没办完、转到今年继续办理的申请有几件？", "0")
    term.child.expect_exact("从台账导入（Excel 或 CSV 文件）")
    term.child.send(DOWN + DOWN + "\r")
    term.answer("台账文件在哪里？", str(ledger))
    term.choose("各列认得对吗？", "修改某一列")  # Enter on the first: 对，按这样导入
    term.child.expect_exact("处理结果“申请人撤回申请”（台账第 12 行）应算哪一种办理结果？")
    term.child.expect_exact("（六）3.其他")
    term.child.send(DOWN * 20 + "\r")  # the last of the 21 outcome rows
    term.child.expect_exact("前面填的是新收 5 件、上年结转 0 件；确认后按台账改为 10 件、1 件。")
    term.choose("这张表对吗？", "换用其他方式填写")  # Enter on the first: 对
    term.answer("今年有没有因政府信息公开被申请行政复议或被提起行政诉讼？", "否")
    term.answer("回车看下一页，输入编号修改，w 生成文件", "w")  # the report review
    term.child.expect_exact("报告已生成")
    assert term.finish() == 0

    text = (out / "牛屯镇人民政府2024年政府信息公开工作年度报告.txt").read_text(encoding="utf-8")
    assert "一、本年新收政府信息公开申请数量\t\t\t6\t1\t1\t1\t1\t0\t10" in text
    assert "\t\t3.其他\t1\t0\t0\t0\t0\t0\t1" in text
    assert "四、结转下年度继续办理\t\t\t1\t0\t0\t0\t0\t0\t1" in text
    monkeypatch.setenv("REPORT_INTERVIEW_HOME", str(home))
    (info,) = Store().list()
    meta, stored = Store().read(info.id)
    assert stored["apps_new"] == 10 and stored["apps_carried"] == 1
    assert meta["ledger"]["mappings"]["outcome"] == {"申请人撤回申请": "other_other"}

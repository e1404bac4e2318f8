"""The area's sum in the real program, in a pseudo-terminal: a county government with
`new --sum-of FOLDER` (its other answers from a file) confirms the sum of its bodies'
reports at section 三, and the written report holds the sum."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .county import area_folder, county_answers
from .test_cli_interview import _plain
from .test_e2e import Terminal

pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def test_a_county_confirms_its_sum_in_the_terminal(tmp_path: Path) -> None:
    folder, out = tmp_path / "2024年报告", tmp_path / "out"
    reports = area_folder(folder, 2024, count=3)
    answers = tmp_path / "滑县.json"
    plain = {key: _plain(value) for key, value in county_answers().items()}
    answers.write_text(json.dumps(plain, ensure_ascii=False), "utf-8")
    args = ("--answers", str(answers), "--sum-of", str(folder), "--out", str(out))
    term = Terminal(tmp_path / "home", "new", *args, "--formats", "txt", size=(24, 80))
    term.choose("这两张表对吗？", "查看某一行是哪些单位的数字")  # Enter on the first: 对
    term.choose("第二部分的这几项怎么填？", "各单位的汇总数，再加上")  # Enter: 用汇总数
    term.answer("回车看下一页，输入编号修改，w 生成文件", "w")
    term.child.expect_exact("报告已生成")
    assert term.finish() == 0
    text = (out / "滑县人民政府2024年政府信息公开工作年度报告.txt").read_text(encoding="utf-8")
    new = [sum(r.applications["new"][c] or 0 for r in reports) for c in range(7)]
    assert "一、本年新收政府信息公开申请数量\t\t\t" + "\t".join(map(str, new)) in text
    assert f"2024年，全县共新收政府信息公开申请{new[6]}件" in text

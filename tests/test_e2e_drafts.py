"""The real program in a pseudo-terminal (issue 11): what Enter accepted is echoed; a
half-typed table survives 退出 and the resumed interview goes on after its rows; a list
question takes three items one per prompt, and their rectifications pairwise."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .test_e2e import PROMPT, TITLE, Terminal
from .test_engine import ZERO_TOWNSHIP

pytest.importorskip("pexpect")
pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="pexpect.spawn needs a POSIX pseudo-terminal"
)

LEFT_OUT = {"contact_office", "last_problems", "rectification", "apps_new", "apps_carried"}
PROBLEMS = ["栏目更新不及时", "解读形式单一", "公开栏内容陈旧"]
FIXES = ["建立每周更新制度", "制作图解三期", "每月更换公开栏内容"]
ZERO_ROW = "0 0 0 0 0 0"
ANSI = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"  # colour codes between the prompt and the echo


def answers_file(tmp_path: Path) -> Path:
    answers = {k: v for k, v in ZERO_TOWNSHIP.items() if k not in LEFT_OUT}
    answers |= {"fees": "0", "apps_new": 3, "apps_carried": 0, "apps_mode": "rows"}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return path


def row(terminal: Terminal, number: int, cells: str) -> None:
    terminal.child.expect_exact(f"{number}. ")
    terminal.child.expect_exact(PROMPT)
    terminal.child.send(cells + "\r")


def test_quit_in_the_middle_of_the_matrix_keeps_the_rows_and_lists_go_item_by_item(
    tmp_path: Path,
) -> None:
    home, out = tmp_path / "home", tmp_path / "out"
    first = Terminal(home, "new", "--answers", str(answers_file(tmp_path)), "--out", str(out))
    first.child.expect(r"已从答案文件读入 (\d+) 个回答，下面只问还缺的")
    read = int(first.child.match.group(1))
    # contact_office: Enter takes the office offered for a township …
    first.answer("（直接回车 = 牛屯镇党政办公室）", "")
    first.child.expect(f"{PROMPT}{ANSI}牛屯镇党政办公室")  # … and the transcript shows it
    first.child.expect_exact("请照台账逐行输入第三部分表格的数字")
    row(first, 1, "3 0 0 0 0 0")
    row(first, 2, ZERO_ROW)
    row(first, 3, "3 0 0 0 0 0")
    row(first, 4, "退出")
    first.child.expect(r" resume (\S+) 接着填")
    interview = first.child.match.group(1)
    assert first.finish() == 0

    second = Terminal(home, "resume", interview, "--out", str(out))
    second.child.expect(r"欢迎回来！已保存 (\d+) 个回答")  # no answers file this time
    assert int(second.child.match.group(1)) == read + 1  # with contact_office
    second.child.expect_exact("上次已输入 3 行，接着从第 4 行输入")
    for number in range(4, 24):
        row(second, number, ZERO_ROW)
    second.answer("回车确认表格", "")
    second.child.expect_exact("去年的年度报告第五部分提出了哪些问题？")
    for number, problem in enumerate(PROBLEMS, 1):
        second.answer(f"第 {number} 条", problem)
    second.answer("第 4 条（直接回车结束）", "")
    for number, (problem, fix) in enumerate(zip(PROBLEMS, FIXES, strict=True), 1):
        second.answer(f"{number}/3 针对“{problem}”", fix)
    second.answer("回车看下一页，输入编号修改，w 生成文件", "w")  # the report review
    second.child.expect_exact("报告已生成")
    assert second.finish() == 0

    text = (out / f"{TITLE}.txt").read_text(encoding="utf-8")
    new_row = next(line for line in text.splitlines() if line.startswith("一、本年新收"))
    assert new_row.split("\t")[3:10] == ["3", "0", "0", "0", "0", "0", "3"]
    pairs = "；".join(
        f"{n}是针对“{p}”的问题，{f}" for n, p, f in zip("一二三", PROBLEMS, FIXES, strict=True)
    )
    assert f"上年度报告提出问题的整改情况：{pairs}。" in text

"""The interview commands (new, resume, list, render of an interview) called as functions,
with the data folder in a temporary directory and no terminal."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from report_interview.cli.invocation import command
from report_interview.cli.main import main
from report_interview.flow.loader import load_flow
from report_interview.store import HOME_ENV, Store

from .test_engine import ZERO_TOWNSHIP

TITLE = "牛屯镇人民政府2023年政府信息公开工作年度报告"
QUESTIONS = {q.id: q.text.splitlines()[0] for q in load_flow().questions}


def _plain(value: Any) -> Any:
    """An answer as an answers file holds it: decimals as strings."""
    return format(value, "f") if isinstance(value, Decimal) else value


COMPLETE: dict[str, Any] = {qid: _plain(value) for qid, value in ZERO_TOWNSHIP.items()}
FIRST_HALF = dict(list(COMPLETE.items())[:8])  # the basics, contact included
SECOND_HALF = dict(list(COMPLETE.items())[8:])
UNCONDITIONAL = {q.id for q in load_flow().questions if q.when is None and q.required}
OPTIONAL = {q.id for q in load_flow().questions if q.when is None and not q.required}


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder, and no terminal on stdin."""
    folder = tmp_path / "home"
    monkeypatch.setenv(HOME_ENV, str(folder))
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    return folder


Run = Callable[..., Result]


@pytest.fixture
def run(home: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """Call the command line as a function; never a traceback on stderr."""

    def call(*argv: str) -> Result:
        code = main(list(argv))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "Error" not in captured.err
        return Result(code, captured.out, captured.err)

    return call


def write_answers(path: Path, answers: dict[str, Any], fmt: str = "yaml") -> Path:
    """An answers file: YAML written by hand (as a clerk would), or JSON."""
    if fmt == "json":
        path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
        return path
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in answers.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def new_id(result: Result) -> str:
    match = re.search(r"新建报告，编号 (\S+)。", result.out)
    assert match, result.out
    return match.group(1)


def listed(run: Run) -> list[dict[str, Any]]:
    result = run("list", "--json")
    assert result.code == 0
    rows: list[dict[str, Any]] = json.loads(result.out)
    return rows


# ---------------------------------------------------------------- new and resume with files


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_new_with_complete_answers_writes_the_report(run: Run, tmp_path: Path, fmt: str) -> None:
    answers = write_answers(tmp_path / f"answers.{fmt}", COMPLETE, fmt)
    out = tmp_path / "out"
    result = run("new", "--answers", str(answers), "--no-input", "--out", str(out))
    assert result.code == 0, result.err
    report = out / f"{TITLE}.txt"
    assert f"已写入：{report}" in result.out
    text = report.read_text(encoding="utf-8")
    assert text.splitlines()[0] == TITLE and "未收到政府信息公开申请" in text
    assert "1 月 31 日前公布" in result.out  # the publication deadline of a township
    (row,) = listed(run)
    assert row["id"] == new_id(result) and row["status"] == "finished"
    assert (row["org"], row["year"]) == ("牛屯镇人民政府", 2023)


def test_partial_answers_list_every_missing_question_then_resume_finishes(
    run: Run, tmp_path: Path
) -> None:
    first = write_answers(tmp_path / "first.yaml", FIRST_HALF)
    out = tmp_path / "out"
    result = run("new", "--answers", str(first), "--no-input", "--out", str(out))
    assert result.code == 1
    interview = new_id(result)
    for qid in SECOND_HALF:
        if qid in UNCONDITIONAL:  # the others depend on answers not given yet
            assert f"  {qid}：未回答（{QUESTIONS[qid]}）" in result.err
    for qid in FIRST_HALF:
        assert f"  {qid}（" not in result.err
    assert command("resume", interview, "--answers", str(first), "--no-input") in result.err
    assert not out.exists()
    (row,) = listed(run)
    # what was given, and the optional questions left out (taken as empty)
    answered = len(FIRST_HALF) + len(OPTIONAL - set(FIRST_HALF))
    assert row["status"] == "in_progress" and row["progress"]["answered"] == answered

    rest = write_answers(tmp_path / "rest.yaml", SECOND_HALF)
    result = run("resume", interview, "--answers", str(rest), "--no-input", "--out", str(out))
    assert result.code == 0, result.err
    assert (out / f"{TITLE}.txt").is_file()
    assert listed(run)[0]["status"] == "finished"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"apps_new": -3}, "负数"),
        ({"org_kind": "村"}, "没有“村”这个选项"),
        ({"report_year": 1999}, "不能少于 2021"),
        ({"fees": "很多"}, "没看懂"),
        ({"has_cases": "也许"}, "请回答“是”或“否”"),
    ],
    ids=["negative-count", "unknown-choice", "year-too-early", "not-an-amount", "not-yes-no"],
)
def test_invalid_values_are_refused_by_id_and_the_valid_ones_saved(
    run: Run, home: Path, tmp_path: Path, bad: dict[str, Any], reason: str
) -> None:
    answers = write_answers(tmp_path / "a.yaml", {**COMPLETE, **bad})
    result = run("new", "--answers", str(answers), "--no-input", "--out", str(tmp_path))
    assert result.code == 1
    ((qid, _),) = bad.items()
    (line,) = [line for line in result.err.splitlines() if line.startswith(f"  {qid}：")]
    assert (
        line.startswith(f"  {qid}：") and line.endswith(f"（{QUESTIONS[qid]}）") and reason in line
    )
    _, saved = Store(home).read(new_id(result))
    given = {key: value for key, value in saved.items() if key in COMPLETE}
    assert given.items() <= COMPLETE.items() and qid not in given
    # every other answer that does not hang on the refused one is saved
    assert UNCONDITIONAL & set(COMPLETE) - {qid} <= set(given)


def test_two_invalid_values_are_both_reported(run: Run, home: Path, tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", {**FIRST_HALF, "apps_new": -3, "org_kind": "村"})
    result = run("new", "--answers", str(answers), "--no-input")
    assert result.code == 1
    assert "  apps_new：件数不能是负数" in result.err
    assert "（今年一共新收到多少件政府信息公开申请？）" in result.err
    assert "  org_kind：没有“村”这个选项" in result.err and "（本单位属于哪一类？）" in result.err
    _, saved = Store(home).read(new_id(result))
    assert {"apps_new", "org_kind"}.isdisjoint(saved) and saved["report_year"] == 2023


def test_unknown_keys_are_named_and_ignored(run: Run, tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", {**COMPLETE, "apps_nwe": 0})
    result = run("new", "--answers", str(answers), "--no-input", "--out", str(tmp_path))
    assert result.code == 1
    assert "  apps_nwe：不是问题编号，已忽略" in result.err


# ---------------------------------------------------------------- render and check


def test_render_finished_interview_as_json_then_check_it(run: Run, tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", COMPLETE)
    interview = new_id(run("new", "--answers", str(answers), "--no-input", "--out", str(tmp_path)))
    data = tmp_path / "out.json"
    result = run("render", interview, "-o", str(data), "--format", "json")
    assert result.code == 0 and f"已写入：{data}" in result.out and result.err == ""
    assert json.loads(data.read_text(encoding="utf-8"))["year"] == 2023
    result = run("check", str(data))
    assert result.code == 0
    assert "0 个错误，0 个警告" in result.out and "未发现问题" in result.out


def test_render_of_an_unfinished_interview_exits_1(run: Run, tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", FIRST_HALF)
    interview = new_id(run("new", "--answers", str(answers), "--no-input"))
    result = run("render", interview, "-o", str(tmp_path / "x.txt"))
    assert result.code == 1
    assert re.fullmatch(
        f"报告 {interview} 还有 \\d+ 个问题没有回答；请先运行 "
        f"{re.escape(command('resume', interview))} 填完。",
        result.err.strip(),
    )
    assert not (tmp_path / "x.txt").exists()


# ---------------------------------------------------------------- refusals


def test_resume_of_an_interview_open_elsewhere_exits_2(
    run: Run, home: Path, tmp_path: Path
) -> None:
    answers = write_answers(tmp_path / "a.yaml", FIRST_HALF)
    interview = new_id(run("new", "--answers", str(answers), "--no-input"))
    with Store(home).open(interview):  # another window holds it
        result = run("resume", interview, "--no-input")
    assert result.code == 2
    assert "正在另一个窗口" in result.err and interview in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_resume_of_an_unknown_id_exits_2(run: Run) -> None:
    result = run("resume", "20240101-0000-beef", "--no-input")
    assert result.code == 2
    assert "找不到编号为 20240101-0000-beef 的报告" in result.err


def test_resume_without_any_unfinished_interview_exits_1(run: Run) -> None:
    result = run("resume", "--no-input")
    assert result.code == 1 and "没有未完成的报告" in result.err


def test_new_without_a_terminal_keeps_what_was_saved(run: Run, home: Path, tmp_path: Path) -> None:
    answers = write_answers(tmp_path / "a.yaml", FIRST_HALF)
    result = run("new", "--answers", str(answers))
    assert result.code == 1
    interview = new_id(result)
    assert "答案文件中缺少或无效的回答" in result.err and "  decisions：" in result.err
    assert "需要在对话中补答" not in result.err  # there is no dialogue without a terminal
    assert "对话需要在终端中进行" in result.err and f"编号 {interview}" in result.err
    assert command("resume", interview, "--answers", str(answers), "--no-input") in result.err
    _, saved = Store(home).read(interview)
    assert saved == FIRST_HALF


def test_new_without_a_terminal_or_answers_exits_1(run: Run) -> None:
    result = run("new", "--org", "牛屯镇人民政府")
    assert result.code == 1
    assert "对话需要在终端中进行" in result.err and "--no-input" in result.err
    (row,) = listed(run)
    assert row["org"] == "牛屯镇人民政府"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- apps_new\n- 0\n", "应是“问题编号: 回答”的映射"),
        ("就是一行字\n", "应是“问题编号: 回答”的映射"),
        ("apps_new: [0\n", "格式有误"),
        ("org_name: 牛屯镇\n\tapps_new: 0\n", "格式有误"),
        (None, "找不到答案文件"),
    ],
    ids=["list", "plain-text", "unclosed-bracket", "tab-indent", "missing-file"],
)
def test_unusable_answers_file_exits_2_with_one_chinese_line(
    run: Run, tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "answers.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("new", "--answers", str(path), "--no-input")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(path) in lines[0]


# ---------------------------------------------------------------- list


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _start_columns(line: str) -> list[int]:
    """Display column where each cell of a row starts (cells are separated by 2+ spaces)."""
    return [_columns(line[: m.start()]) for m in re.finditer(r"(?:^|(?<=  ))\S", line)]


def test_list_table_aligns_chinese_columns(run: Run, tmp_path: Path) -> None:
    for org in ("牛屯镇人民政府", "Acme County Bureau", "城关街道办事处人民政府"):
        answers = write_answers(tmp_path / "a.yaml", {"org_name": org, "report_year": 2023})
        assert run("new", "--answers", str(answers), "--no-input").code == 1
    result = run("list")
    assert result.code == 0
    header, *rows = result.out.splitlines()
    assert header.split() == ["编号", "单位", "年度", "状态", "进度", "最后修改"]
    assert len(rows) == 3 and all("填写中" in row for row in rows)
    # The year, status, progress and time columns start at the same display column on
    # every line; the org names differ in width and are padded to the widest.
    starts = [_start_columns(line) for line in [header, *rows]]
    assert all(s == starts[0] for s in starts[1:]), "\n" + result.out


def test_list_of_an_empty_folder(run: Run) -> None:
    result = run("list")
    assert result.code == 0 and "还没有报告" in result.out
    assert listed(run) == []


def test_resume_writes_where_new_was_told_to(run: Run, tmp_path: Path) -> None:
    """A clerk who started with --out and resumes without it finds the files there."""
    first = write_answers(tmp_path / "first.yaml", FIRST_HALF)
    out = tmp_path / "chosen"
    interview = new_id(run("new", "--answers", str(first), "--no-input", "--out", str(out)))
    rest = write_answers(tmp_path / "rest.yaml", SECOND_HALF)
    assert run("resume", interview, "--answers", str(rest), "--no-input").code == 0
    assert (out / f"{TITLE}.txt").is_file()


def test_menu_starts_from_last_years_report_asking_again_after_a_wrong_path(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_interview.cli import interview

    from .conftest import DATA
    from .fakes import ScriptedPrompter

    started: list[str] = []
    monkeypatch.setattr(interview, "cmd_import", lambda args: started.append(args.source) or 0)
    last_year = str(DATA / "niutun-2023.json")
    # import: a wrong path, then Enter (back to the menu); import again: the right file
    prompter = ScriptedPrompter(["import", "/没有/这个.txt", "", "import", f"'{last_year}'"])
    assert interview._menu(prompter) == 0
    assert started == [last_year]  # quotes of a path dragged into the window are dropped
    menu, where = (
        "您好！要做什么？",
        "去年的年度报告在哪里？请输入文件路径（Word、网页、PDF、文本或 .json 都可以），或者本工具里已完成的报告编号。",
    )
    assert prompter.asked == [menu, where, where, menu, where]
    assert "/没有/这个.txt：找不到文件。\n请重新输入，或直接回车返回菜单。" in prompter.text(
        "error"
    )


def test_menu_offers_to_start_from_last_years_report(home: Path) -> None:
    from report_interview.cli import interview

    class Menu:
        def __init__(self) -> None:
            self.options: list[tuple[str, str]] = []

        def ask_select(self, message: str, options: Any, **_: Any) -> str:
            self.options = list(options)
            return "nothing"

    menu = Menu()
    assert interview._menu(menu) == 0  # type: ignore[arg-type]
    assert [value for value, _ in menu.options] == ["new", "import", "list"]
    assert menu.options[1][1].startswith("从去年的报告开始")


def test_the_start_menu_explains_itself_on_question_mark(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """? then Enter in the first menu explains its options (newcomer run 1: it did
    nothing); < and > have nowhere to go and ask again."""
    from report_interview.chat.prompter import Command
    from report_interview.cli import interview

    from .fakes import ScriptedPrompter

    monkeypatch.setattr(interview, "cmd_list", lambda args: 0)
    prompter = ScriptedPrompter([Command.HELP, Command.BACK, "list"])
    assert interview._menu(prompter) == 0
    assert "从去年的报告开始：给出去年报告的文件" in prompter.text("note")
    assert prompter.asked == ["您好！要做什么？"] * 3

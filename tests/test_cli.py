"""The render and check commands, called as functions and as a real process."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from report_interview.cli.invocation import command_prefix
from report_interview.cli.main import main

from .conftest import DATA, reference_dict

REFERENCE = DATA / "niutun-2023.json"


def _write(tmp_path: Path, data: dict[str, Any], name: str = "r.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_render_without_output_writes_next_to_input(tmp_path: Path, capsys: Any) -> None:
    source = _write(tmp_path, reference_dict())
    assert main(["render", str(source)]) == 0
    out = tmp_path / "牛屯镇2023年政府信息公开工作年度报告.txt"
    assert out.read_text(encoding="utf-8").startswith("牛屯镇2023年")
    assert str(out) in capsys.readouterr().out


@pytest.mark.parametrize(("name", "fmt", "starts"), [("a.json", None, "{"), ("a.out", "json", "{")])
def test_render_picks_format(tmp_path: Path, name: str, fmt: str | None, starts: str) -> None:
    args = ["render", str(REFERENCE), "-o", str(tmp_path / name)]
    assert main([*args, "--format", fmt] if fmt else args) == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(starts)


def test_check_clean_exits_0_with_warnings(capsys: Any) -> None:
    assert main(["check", str(REFERENCE)]) == 0
    out = capsys.readouterr().out
    # R10: the reference's "2022 年主动公开"; R13: its 五 never follows up last year's problems
    assert "0 个错误，2 个警告" in out and "R10" in out and "R13" in out


def test_check_r4_exits_1(tmp_path: Path, capsys: Any) -> None:
    data = reference_dict()
    data["appeals"]["reconsideration"] = [10, 1, 0, 0, 0]
    assert main(["check", str(_write(tmp_path, data))]) == 1
    out = capsys.readouterr().out
    assert "[R4 错误]" in out and "应为 11" in out


def test_check_blank_cell_exits_1_naming_r7(tmp_path: Path, capsys: Any) -> None:
    data = reference_dict()
    data["applications"]["new"] = [None, 0, 0, 0, 0, 0]
    assert main(["check", str(_write(tmp_path, data)), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in findings} == {"R7", "R10", "R13"}  # the reference's warnings
    assert findings[0]["place"].endswith("自然人")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{ not json", "不是有效的 JSON"),
        ('{"org": {"name": "x"}, "year": 2023}', "缺少"),
        (None, "找不到文件"),
    ],
    ids=["malformed", "incomplete", "missing"],
)
def test_unusable_input_exits_2_with_one_chinese_line(
    tmp_path: Path, capsys: Any, content: str | None, message: str
) -> None:
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_bad_arguments_exit_2_in_chinese(capsys: Any) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["render"])
    assert exc.value.code == 2
    assert "命令行参数有误" in capsys.readouterr().err


# What may stay in Latin letters in a help or error text: the program's and the
# commands' names, option names, file formats, rule ids and what the test typed.
_LATIN_ALLOWED = re.compile(
    r"report-interview|--?[a-z][a-z-]*|\b(new|resume|import|list|render|check|summary|docx|txt|html"
    r"|md|json|pdf|YAML|JSON|xlsx|xls|csv|bogus)\b|R\d+"
)
COMMANDS = ["", "new", "resume", "import", "list", "render", "check", "summary"]


def english_words(text: str) -> list[str]:
    """Words in Latin letters left once the allowed names (and the command as it runs
    here, e.g. `/…/python -m report_interview`) are taken out."""
    text = text.replace(command_prefix(), " ")
    return re.findall(r"[A-Za-z]{2,}", _LATIN_ALLOWED.sub(" ", text))


@pytest.mark.parametrize("command", COMMANDS, ids=[c or "bare" for c in COMMANDS])
def test_every_help_is_chinese(command: str, capsys: Any) -> None:
    with pytest.raises(SystemExit) as exc:
        main([*filter(None, [command]), "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "选项：" in out and "显示本帮助并退出" in out
    assert english_words(out) == [], out


def test_version_help_and_check_rules_are_explained_in_words(capsys: Any) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--version   显示版本号并退出" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = re.sub(r"\s+", "", capsys.readouterr().out)
    for words in ("上年结转", "（R5）", "现行有效件数", "（R6）", "整改情况（R13）"):
        assert words in out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["check"], "缺少参数：文件"),
        (["bogus"], "没有“bogus”这一项"),
        (["list", "--x"], "无法识别的参数：--x"),
        (["new", "--year", "x"], "参数 --year：“x”不是有效的数值"),
        (["new", "--org"], "参数 --org：后面缺少一个值"),
    ],
    ids=["required", "invalid-choice", "unrecognized", "invalid-int", "missing-value"],
)
def test_usage_errors_are_chinese(argv: list[str], says: str, capsys: Any) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：") and says in err
    assert english_words(err) == [], err


def _help_columns(help_text: str) -> set[int]:
    """The display column where each line's help text starts, in the argument lists:
    after an option and two spaces, or on a line of its own (a continuation)."""
    from report_interview.chat.tables import width

    columns = set()
    listing = False
    for line in help_text.splitlines():
        if line.endswith("：") and not line.startswith(" "):  # 参数： 选项：
            listing = True
        elif listing and line.strip():
            head = re.match(r"( +\S+(?: \S+)*(?:, \S+(?: \S+)*)?  +| {6,})\S", line)
            if head and not re.fullmatch(r" +\S+(?: \S+)*", line):
                columns.add(width(head.group(1)))
    return columns


@pytest.mark.parametrize("command", COMMANDS, ids=[c or "bare" for c in COMMANDS])
@pytest.mark.parametrize("started", ["report-interview", "/a/long/path/.venv/bin/report-interview"])
def test_help_fits_80_columns_and_its_help_column_aligns(
    command: str, started: str, capsys: Any, monkeypatch: Any
) -> None:
    from report_interview.chat.tables import width

    monkeypatch.setattr("report_interview.cli.main.command_prefix", lambda: started)
    with pytest.raises(SystemExit):
        main([*filter(None, [command]), "--help"])
    out = capsys.readouterr().out
    assert max(width(line) for line in out.splitlines()) <= 80, out
    assert len(_help_columns(out)) == 1, out  # --ledger-map, --out, --previous included
    assert out.startswith(f"用法： {started} {command}".rstrip())


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", *args], capture_output=True, text=True, check=False, timeout=60
    )


@pytest.mark.parametrize("command", ["render", "check", "list", "summary"])
def test_render_check_and_list_do_not_import_prompt_toolkit(command: str, tmp_path: Path) -> None:
    args = {
        "render": ["render", str(REFERENCE), "-o", str(tmp_path / "x.txt")],
        "check": ["check", str(REFERENCE)],
        "list": ["list"],
        "summary": ["summary", str(REFERENCE), "-o", str(tmp_path / "x.xlsx"), "--jobs", "1"],
    }[command]
    code = (
        "import os, sys\n"
        f"os.environ['REPORT_INTERVIEW_HOME'] = {str(tmp_path / 'home')!r}\n"
        "from report_interview.cli.main import main\n"
        f"rc = main({args!r})\n"
        "assert 'prompt_toolkit' not in sys.modules and 'questionary' not in sys.modules\n"
        "sys.exit(rc)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr


def test_console_script_runs_as_a_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "report_interview", "check", str(REFERENCE)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0 and "R10" in result.stdout


def test_the_first_question_loads_nothing_the_end_or_a_file_needs(tmp_path: Path) -> None:
    """The first question of `new` waits for no reader, builder, check, review or
    template library (last year's carry-over was once imported without a last year)."""
    heavy = [
        "report_interview.report.carry", "report_interview.report.prose",
        "report_interview.report.builder", "report_interview.report.checks",
        "report_interview.report.data", "report_interview.chat.reviewing",
        "jinja2", "yaml", "docx", "lxml", "openpyxl", "pdfplumber", "questionary",
    ]  # fmt: skip
    code = (
        "import os, sys\n"
        f"os.environ['REPORT_INTERVIEW_HOME'] = {str(tmp_path / 'home')!r}\n"
        "sys.stdin.isatty = lambda: True\n"
        "from report_interview.chat import terminal\n"
        "from report_interview.chat.prompter import Interrupted\n"
        "def first(self, message, **kwargs):\n"
        f"    print('LOADED', [m for m in {heavy!r} if m in sys.modules])\n"
        "    raise Interrupted\n"
        "terminal.TerminalPrompter.ask_line = first\n"
        "from report_interview.cli.main import main\n"
        "main(['new'])\n"
    )
    result = _run(code)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr

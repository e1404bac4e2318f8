"""Every command the program prints runs as printed (issue 17, item 4): the prefix is
the way the program was started whenever `report-interview` on PATH is not this one."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from report_interview.cli import invocation
from report_interview.cli.invocation import command, command_prefix

pexpect = pytest.importorskip("pexpect")

SCRIPT = Path(sys.executable).with_name("report-interview")  # the console script
BARE_PATH = "/usr/bin:/bin"  # a PATH that does not find this program


@pytest.fixture(autouse=True)
def _fresh_prefix() -> Iterator[None]:
    command_prefix.cache_clear()
    yield
    command_prefix.cache_clear()


def _started(monkeypatch: pytest.MonkeyPatch, argv0: str, orig: list[str], path: str) -> str:
    monkeypatch.setattr(sys, "argv", [argv0, "new"])
    monkeypatch.setattr(sys, "orig_argv", orig)
    monkeypatch.setenv("PATH", path)
    return command_prefix()


needs_script = pytest.mark.skipif(not SCRIPT.is_file(), reason="no console script installed")


@needs_script
def test_a_script_not_on_path_is_shown_as_it_was_typed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    typed = os.path.relpath(SCRIPT)
    assert _started(monkeypatch, typed, [sys.executable, typed, "new"], BARE_PATH) == typed
    assert command("check", "我的 报告.docx") == f"{typed} check '我的 报告.docx'"
    assert command("check", "去年/报告.docx") == f"{typed} check 去年/报告.docx"


@needs_script
def test_the_bare_name_when_path_finds_this_program(monkeypatch: pytest.MonkeyPatch) -> None:
    path = f"{SCRIPT.parent}{os.pathsep}{BARE_PATH}"
    assert _started(monkeypatch, str(SCRIPT), [sys.executable, str(SCRIPT)], path) == (
        "report-interview"
    )


def test_python_dash_m_is_shown_with_its_interpreter(monkeypatch: pytest.MonkeyPatch) -> None:
    orig = [sys.executable, "-m", "report_interview", "new"]
    prefix = _started(monkeypatch, "/x/report_interview/__main__.py", orig, BARE_PATH)
    assert shlex.split(prefix) == [sys.executable, "-m", "report_interview"]
    # started by a name that PATH no longer finds: the interpreter's full path instead
    orig = ["python-that-is-not-there", "-m", "report_interview"]
    command_prefix.cache_clear()
    prefix = _started(monkeypatch, "/x/report_interview/__main__.py", orig, BARE_PATH)
    assert shlex.split(prefix)[0] == sys.executable


def test_a_path_finding_another_program_is_not_trusted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "report-interview"  # e.g. an older install elsewhere on PATH
    other.write_text("#!/bin/sh\nexit 0\n")
    other.chmod(0o755)
    orig = [sys.executable, "-m", "report_interview"]
    prefix = _started(monkeypatch, "__main__.py", orig, f"{tmp_path}{os.pathsep}{BARE_PATH}")
    assert prefix != "report-interview" and invocation.MODULE in prefix


@needs_script
@pytest.mark.skipif(sys.platform == "win32", reason="pexpect.spawn needs a POSIX terminal")
def test_the_printed_resume_command_runs_as_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started by a relative path not on PATH, left with Ctrl-C; the command it prints,
    split as a shell splits it and run in the same folder, resumes the interview."""
    monkeypatch.chdir(tmp_path)  # pexpect looks a relative command up from here
    env = {
        **os.environ,
        "PATH": BARE_PATH,
        "REPORT_INTERVIEW_HOME": str(tmp_path / "home"),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
    }
    typed = os.path.relpath(SCRIPT, tmp_path)
    shell = ["-c", f"exec {shlex.quote(typed)} new"]
    child = pexpect.spawn("/bin/sh", shell, cwd=tmp_path, env=env, encoding="utf-8",
                          dimensions=(24, 250), timeout=15)  # fmt: skip
    child.expect_exact("报告单位的全称是什么？")
    child.expect_exact("您 › ")
    child.sendcontrol("c")
    child.expect(r"下次输入 (.+?) 接着填")
    printed = child.match.group(1)
    child.expect(pexpect.EOF)
    assert printed.startswith(typed + " resume ")

    argv = shlex.split(printed)
    child = pexpect.spawn(argv[0], argv[1:], cwd=tmp_path, env=env, encoding="utf-8",
                          dimensions=(24, 250), timeout=15)  # fmt: skip
    child.expect_exact("继续填写报告")
    child.expect_exact("报告单位的全称是什么？")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)

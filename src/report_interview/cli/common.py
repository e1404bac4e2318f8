"""What every command shares: exit codes, the Chinese user error, how a finding is
printed, progress on stderr, and the door every printed line passes (`show`). Report
files are read by read/files.py and written by cli/outputs.py."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

from ..report.text_rules import for_display

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from ..report.checks import Finding

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


def show(*values: Any, sep: str = " ", end: str = "\n", file: TextIO | None = None) -> None:
    """print, through the terminal's one door (report/text_rules.for_display): a file
    name, a report's title or text quoted in a finding, a ledger's cell or a stored name
    may hold control characters (ESC sequences that retitle or clear the terminal) or
    bytes that are not UTF-8; they are shown as �, never sent to the screen. Every line
    the commands print goes through here."""
    text = sep.join(str(value) for value in values)
    print(for_display(text, lines=True), end=end, file=file or sys.stdout)


class UserError(Exception):
    """A failure to tell the user in Chinese, with the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_UNUSABLE) -> None:
        super().__init__(message)
        self.code = code


def report_year(provided: Mapping[str, Any], saved: Mapping[str, Any], needed_for: str) -> int:
    """The report year an option needs before the interview reaches it: --year, the
    answers file's report_year, or the interview's saved answer; UserError (exit 2)
    naming the option (`needed_for`, e.g. “导入台账”) when none gives it."""
    year: Any = provided.get("report_year") or saved.get("report_year")
    try:
        return int(year)
    except (TypeError, ValueError):
        raise UserError(
            f"{needed_for}要先知道报告年度：请加上 --year 年度（或在答案文件中给出 report_year）。"
        ) from None


def format_finding(finding: Finding) -> str:
    """A finding as `check` prints it: rule, level and place, then the message."""
    from ..report.checks import LEVEL_NAMES

    return (
        f"  [{finding.rule} {LEVEL_NAMES[finding.level]}] {finding.place}\n      {finding.message}"
    )


class Progress:
    """ "正在检查 12/1000：file" on stderr, rewritten in place — only when stderr is a
    terminal, so that redirected output and pipes stay clean."""

    def __init__(self, total: int, doing: str) -> None:
        self.total, self.doing = total, doing
        self.shown = total > 1 and sys.stderr.isatty()
        self.count = 0

    def step(self, path: Path) -> None:
        self.count += 1
        if self.shown:
            print(  # the program's own control sequence; the name through the door
                f"\r\033[K{self.doing} {self.count}/{self.total}：{for_display(path.name)}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    def done(self) -> None:
        if self.shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)

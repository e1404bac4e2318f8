"""What every command shares: exit codes, the Chinese user error, and how a finding is
printed. Report files are read by read/files.py and written by cli/outputs.py."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ..report.checks import Finding

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UserError(Exception):
    """A failure to tell the user in Chinese, with the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_UNUSABLE) -> None:
        super().__init__(message)
        self.code = code


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
            print(
                f"\r\033[K{self.doing} {self.count}/{self.total}：{path.name}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    def done(self) -> None:
        if self.shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)

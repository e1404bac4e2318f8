"""What every command shares: exit codes, the Chinese user error, reading and writing
files, and how a finding is printed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..report.checks import Finding

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UserError(Exception):
    """A failure to tell the user in Chinese, with the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_UNUSABLE) -> None:
        super().__init__(message)
        self.code = code


def write_output(path: Path, content: str | bytes) -> None:
    """Write a report file (text as UTF-8, a Word document as bytes)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"无法写入 {path}：{exc.strerror}") from None


def format_finding(finding: Finding) -> str:
    """A finding as `check` prints it: rule, level and place, then the message."""
    from ..report.checks import LEVEL_NAMES

    return (
        f"  [{finding.rule} {LEVEL_NAMES[finding.level]}] {finding.place}\n      {finding.message}"
    )

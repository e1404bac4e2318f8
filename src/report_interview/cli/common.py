"""What every command shares: exit codes, the Chinese user error, and how a finding is
printed. Report files are read by read/files.py and written by cli/outputs.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

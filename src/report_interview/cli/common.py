"""What every command shares: exit codes, the Chinese user error, how a finding is
printed and the door every printed line passes (`show`). Report files are read by read/files.py and written by cli/outputs.py."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

from ..report.text_rules import for_display

if TYPE_CHECKING:
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


def format_finding(finding: Finding) -> str:
    """A finding as `check` prints it: rule, level and place, then the message."""
    from ..report.checks import LEVEL_NAMES

    return (
        f"  [{finding.rule} {LEVEL_NAMES[finding.level]}] {finding.place}\n      {finding.message}"
    )

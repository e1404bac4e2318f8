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


MAX_INPUT_BYTES = 50 * 1024 * 1024  # a report file; the longest published ones are ~1 MB


def read_text_file(path: Path) -> str:
    """A report file's text: UTF-8, at most MAX_INPUT_BYTES; UserError otherwise."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_INPUT_BYTES + 1)
        if len(raw) > MAX_INPUT_BYTES:
            raise UserError(f"{path} 超过 {MAX_INPUT_BYTES // 1024 // 1024} MB，不像一份报告。")
        return raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise UserError(f"{path} 是一个文件夹，请给出报告文件。") from None
    except UnicodeDecodeError:
        raise UserError(
            f"{path} 不是 UTF-8 编码的文本；请在编辑器中另存为 UTF-8 后再试。"
        ) from None
    except OSError as exc:
        raise UserError(f"无法读取 {path}：{exc.strerror}") from None


def format_finding(finding: Finding) -> str:
    """A finding as `check` prints it: rule, level and place, then the message."""
    from ..report.checks import LEVEL_NAMES

    return (
        f"  [{finding.rule} {LEVEL_NAMES[finding.level]}] {finding.place}\n      {finding.message}"
    )

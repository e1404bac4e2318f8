"""Where report files may be written, and how: never over the data folder, the input
itself or through a link; never over a file this run did not write without saying so;
always atomically (a crash or a full disk leaves the old file or none)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Final

from ..files import atomic_write_bytes, temp_pattern
from .common import UserError

_MAX_VARIANTS: Final = 1000


def _inside(path: Path, folder: Path) -> bool:
    """Whether path (resolved) is folder or lies somewhere below it."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def _same_file(a: Path, b: Path) -> bool:
    """Same file on disk (hard links included); False when either is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_target(path: Path, *, inputs: Iterable[Path] = (), data_home: Path | None = None) -> None:
    """UserError (exit 2) unless path may receive a report file."""
    if path.is_symlink():
        raise UserError(f"{path} 是一个链接；为安全起见不写入链接，请换一个文件名。")
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹；请给出文件名，如 报告.docx。")
    if data_home is not None and _inside(path.parent, data_home):
        raise UserError(
            f"不能把报告写到数据文件夹 {data_home} 中（那里保存着问答记录）；请换一个位置。"
        )
    for source in inputs:
        if _same_file(path, source) or path.absolute() == source.absolute():
            raise UserError(f"输出文件 {path} 就是输入文件；请用 -o 指定另一个文件名。")


def free_path(path: Path, written: Iterable[Path] = ()) -> Path:
    """path itself when it is free or was written by this run; else 名称（2）.docx, （3） …"""
    if path in set(written) or not (path.exists() or path.is_symlink()):
        return path
    for number in range(2, _MAX_VARIANTS):
        candidate = path.with_name(f"{path.stem}（{number}）{path.suffix}")
        if not (candidate.exists() or candidate.is_symlink()):
            return candidate
    raise UserError(f"{path.parent} 中同名的报告文件太多；请清理后再试，或换一个文件夹。")


def write_file(path: Path, content: str | bytes) -> None:
    """Write a file for the user atomically (text as UTF-8), with the permissions the
    user's umask gives (0644 usually: a colleague or the web publisher can read it);
    the folder is created if needed."""
    payload = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(path)
        atomic_write_bytes(path, payload, shared=True)
    except OSError as exc:
        raise UserError(
            f"无法写入 {path}：{exc.strerror or exc}。原有文件未改动；请检查磁盘空间和权限后再试。"
        ) from None


def _remove_stale_temps(path: Path) -> None:
    """Temporary files an earlier, killed write of this same report left behind."""
    for temp in path.parent.glob(temp_pattern(path)):
        with suppress(OSError):
            temp.unlink()


def data_folder() -> Path:
    """The interviews' folder, which report files must never enter."""
    from ..store import data_home

    return data_home()

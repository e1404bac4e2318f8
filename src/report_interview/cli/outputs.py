"""Where report files may be written, and how — the rule every command that writes a
file follows (render -o, new/resume --out, and any later writer: check_target,
free_path, write_file; check_folder for a folder given on the command line):

- never over the data folder, the input itself, through a link, or over anything that
  is not a regular file (a folder, a pipe, a device such as /dev/null): refused before
  anything is opened for writing;
- never over a file this program did not write: that file is kept and the new one gets
  a free name, 名称（2）.docx, which the command says. “This program wrote it” means the
  file is, byte for byte, what the program last wrote at that path: every write is
  recorded (path, size, SHA-256) in the data folder's outputs/written.json, so a report
  rendered again replaces the one rendered before, while one edited by hand since, one
  the clerk made, or one another program wrote, is kept;
- always atomically (a crash or a full disk leaves the old file or none).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Final

from ..files import FileRefused, atomic_write_bytes, read_limited, temp_pattern
from ..limits import MAX_RECORD_BYTES
from .common import UserError

_MAX_VARIANTS: Final = 1000
_MAX_RECORDED: Final = 2000  # the record keeps the latest writes; an older one counts as foreign
_RECORD: Final = Path("outputs") / "written.json"


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
    """UserError (exit 2) unless path may receive a report file: a new name or a
    regular file, outside the data folder, not an input."""
    if path.is_symlink():
        raise UserError(f"{path} 是一个链接；为安全起见不写入链接，请换一个文件名。")
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹；请给出文件名，如 报告.docx。")
    if _exists(path) and not _regular(path):
        raise UserError(
            f"{path} 不是普通文件（可能是管道或设备），不能写入或替换它；请换一个文件名。"
        )
    if data_home is not None and _inside(path.parent, data_home):
        raise UserError(
            f"不能把报告写到数据文件夹 {data_home} 中（那里保存着问答记录）；请换一个位置。"
        )
    for source in inputs:
        if _same_file(path, source) or path.absolute() == source.absolute():
            raise UserError(f"输出文件 {path} 就是输入文件；请用 -o 指定另一个文件名。")


def check_folder(folder: Path, *, data_home: Path | None = None, option: str = "--out") -> None:
    """UserError (exit 2) unless folder may receive files: a folder or a new name (it is
    created when the first file is written), outside the data folder."""
    if _exists(folder) and not folder.is_dir():
        raise UserError(f"{option} {folder} 不是文件夹；请给出一个文件夹（不存在的会新建）。")
    if data_home is not None and _inside(folder, data_home):
        raise UserError(
            f"不能把文件写到数据文件夹 {data_home} 中（那里保存着问答记录）；请换一个位置。"
        )


def _exists(path: Path) -> bool:
    """Whether anything is at path (a dangling link included)."""
    return os.path.lexists(path)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def free_path(path: Path, written: Iterable[Path] = ()) -> Path:
    """path itself when it is free or holds what this program last wrote there; else the
    first of 名称（2）.docx, （3） … that is. `written`: paths this run wrote (also in the
    record; kept for callers that pass them)."""
    done = set(written)
    for number in range(1, _MAX_VARIANTS):
        candidate = path if number == 1 else path.with_name(f"{path.stem}（{number}）{path.suffix}")
        if candidate in done or not _exists(candidate) or written_here(candidate):
            return candidate
    raise UserError(f"{path.parent} 中同名的报告文件太多；请清理后再试，或换一个文件夹。")


def write_file(path: Path, content: str | bytes) -> None:
    """Write a file for the user atomically (text as UTF-8), with the permissions the
    user's umask gives (0644 usually: a colleague or the web publisher can read it);
    the folder is created if needed. The write is recorded, so that the file is known
    as this program's next time."""
    payload = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(path)
        atomic_write_bytes(path, payload, shared=True)
    except OSError as exc:
        raise UserError(
            f"无法写入 {path}：{exc.strerror or exc}。原有文件未改动；请检查磁盘空间和权限后再试。"
        ) from None
    _remember(path, payload)


# ---------------------------------------------------------------- the record of writes


def written_here(path: Path) -> bool:
    """Whether path holds, byte for byte, what this program last wrote there."""
    entry = _record().get(_key(path))
    if not isinstance(entry, list) or len(entry) != 2 or not _regular(path):
        return False
    size, digest = entry
    try:
        same_size = os.lstat(path).st_size == size
        return bool(same_size and _digest(read_limited(path, int(size))) == digest)
    except FileRefused:
        return False


def _key(path: Path) -> str:
    return str(path.absolute().parent.resolve() / path.name)


def _digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _record_path() -> Path:
    return data_folder() / _RECORD


def _record() -> dict[str, object]:
    """The record (path → [size, SHA-256]); empty when missing or unusable, which only
    makes every existing file count as foreign."""
    try:
        loaded = json.loads(read_limited(_record_path(), MAX_RECORD_BYTES))
    except (FileRefused, ValueError):
        return {}
    files = loaded.get("files") if isinstance(loaded, dict) else None
    return files if isinstance(files, dict) else {}


def _remember(path: Path, payload: bytes) -> None:
    """Add a write to the record, best effort: a record that cannot be written only
    makes this file count as foreign next time (it is then kept, never lost)."""
    files = _record()
    files.pop(_key(path), None)  # re-inserted last: the oldest entries go first
    files[_key(path)] = [len(payload), _digest(payload)]
    kept = dict(list(files.items())[-_MAX_RECORDED:])
    target = _record_path()
    with suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(target)
        atomic_write_bytes(target, json.dumps({"files": kept}, ensure_ascii=False).encode())


def _remove_stale_temps(path: Path) -> None:
    """Temporary files an earlier, killed write of this same report left behind."""
    for temp in path.parent.glob(temp_pattern(path)):
        with suppress(OSError):
            temp.unlink()


def data_folder() -> Path:
    """The interviews' folder, which report files must never enter."""
    from ..store import data_home

    return data_home()

"""Where the files a command writes for the user may go, and how — the rule every
writer follows (render -o, new/resume --out, the interview's files, summary's workbook
and letters): `place` a file, then `write_file` it; check_folder for a folder given on
the command line.

- never over the data folder, an input, through a link, or over anything that is not
  a regular file (a folder, a pipe, a device such as /dev/null): refused before
  anything is opened for writing;
- never over a file this program did not write: that file is kept and the new one gets
  a free name, 名称（2）.docx, which the command says (`Placed.notice`). “This program
  wrote it” means the file is, byte for byte, what the program last wrote at that path:
  every write is recorded (path, size, SHA-256) in the data folder's
  outputs/written.json, so a report rendered again replaces the one rendered before,
  while one edited by hand since, one the clerk made, or one another program wrote, is
  kept;
- always atomically (a crash or a full disk leaves the old file or none).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from ..files import FileRefused, atomic_write_bytes, read_limited, temp_pattern
from ..limits import MAX_RECORD_BYTES
from .common import UserError

_MAX_VARIANTS: Final = 1000
_MAX_RECORDED: Final = 2000  # the record keeps the latest writes; an older one counts as foreign
_RECORD: Final = Path("outputs") / "written.json"
REPORT, SUMMARY = "report", "summary"  # what a write was: a report, or summary's own output


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


def _not_in_data_folder(data_home: Path) -> str:
    return f"不能把文件写到数据文件夹 {data_home} 中（那里保存着问答记录）；请换一个位置。"


def check_target(path: Path, *, inputs: Iterable[Path] = (), data_home: Path | None = None) -> None:
    """UserError (exit 2) unless path may receive a file: a new name or a regular file,
    outside the data folder, not an input."""
    if path.is_symlink():
        raise UserError(f"{path} 是一个链接；为安全起见不写入链接，请换一个文件名。")
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹；请给出文件名，如 报告.docx。")
    if _exists(path) and not _regular(path):
        raise UserError(
            f"{path} 不是普通文件（可能是管道或设备），不能写入或替换它；请换一个文件名。"
        )
    if data_home is not None and _inside(path.parent, data_home):
        raise UserError(_not_in_data_folder(data_home))
    for source in inputs:
        if _same_file(path, source) or path.absolute() == source.absolute():
            raise UserError(f"输出文件 {path} 就是输入文件；请用 -o 指定另一个文件名。")


def check_folder(folder: Path, *, data_home: Path | None = None, option: str = "--out") -> None:
    """UserError (exit 2) unless folder may receive files: a folder or a new name (it is
    created when the first file is written), outside the data folder."""
    if _exists(folder) and not folder.is_dir():
        raise UserError(f"{option} {folder} 不是文件夹；请给出一个文件夹（不存在的会新建）。")
    if data_home is not None and _inside(folder, data_home):
        raise UserError(_not_in_data_folder(data_home))


def _exists(path: Path) -> bool:
    """Whether anything is at path (a dangling link included)."""
    return os.path.lexists(path)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


@dataclass(frozen=True)
class Placed:
    """Where a file goes: the name wanted, or a free one beside it, with the one line
    that says so (notice: "" when the name wanted is used)."""

    path: Path
    notice: str = ""

    @property
    def renamed(self) -> bool:
        return bool(self.notice)


def place(
    wanted: Path,
    *,
    inputs: Iterable[Path] = (),
    data_home: Path | None,
    taken: Collection[Path] = (),
) -> Placed:
    """Where a file wanted at `wanted` is written: `wanted` when it is free or this
    program's own file, else the first free 名称（2） …; UserError (exit 2) when neither
    may be written (check_target). `taken`: paths this run has written already, which
    another file of this run must not replace (two letters of the same name)."""
    sources = list(inputs)
    check_target(wanted, inputs=sources, data_home=data_home)
    path = free_path(wanted, taken)
    if path == wanted:
        return Placed(path)
    check_target(path, inputs=sources, data_home=data_home)
    return Placed(
        path,
        f"注意：{wanted} 已存在（不是本程序写的，或写后改过），未覆盖；新文件另存为 {path.name}。",
    )


def free_path(path: Path, taken: Collection[Path] = ()) -> Path:
    """path itself when it is free or holds what this program last wrote there (and was
    not written by this run: `taken`); else the first of 名称（2）.docx, （3） … that is."""
    for number in range(1, _MAX_VARIANTS):
        candidate = path if number == 1 else path.with_name(f"{path.stem}（{number}）{path.suffix}")
        if candidate in taken:
            continue
        if not _exists(candidate) or written_here(candidate):
            return candidate
    raise UserError(f"{path.parent} 中同名的文件太多；请清理后再试，或换一个文件夹。")


def write_file(path: Path, content: str | bytes, *, what: str = REPORT) -> None:
    """Write a file for the user atomically (text as UTF-8), with the permissions the
    user's umask gives (0644 usually: a colleague or the web publisher can read it);
    the folder is created if needed. The write is recorded (as `what`: REPORT, or
    SUMMARY for summary's workbook and letters), so that the file is known as this
    program's next time."""
    payload = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(path)
        atomic_write_bytes(path, payload, shared=True)
    except OSError as exc:
        raise UserError(
            f"无法写入 {path}：{exc.strerror or exc}。原有文件未改动；请检查磁盘空间和权限后再试。"
        ) from None
    _RECORD_OF_WRITES.remember(path, payload, what)


# ---------------------------------------------------------------- the record of writes


def written_here(path: Path, what: str | None = None) -> bool:
    """Whether path holds, byte for byte, what this program last wrote there (as `what`,
    when given: SUMMARY for summary's own files)."""
    entry = _RECORD_OF_WRITES.files().get(_key(path))
    if not isinstance(entry, list) or len(entry) not in (2, 3) or not _regular(path):
        return False
    size, digest, *kind = entry
    if what is not None and (kind[0] if kind else REPORT) != what:
        return False
    try:
        same_size = os.lstat(path).st_size == size
        return bool(same_size and _digest(read_limited(path, int(size))) == digest)
    except (FileRefused, TypeError, ValueError):
        return False


@contextmanager
def recording() -> Iterator[None]:
    """Many files written as one: the record saved once at the end (also when the block
    fails), not after each file. A kill -9 inside the block loses only the record of its
    files, which then count as foreign next time (kept, never replaced)."""
    _RECORD_OF_WRITES.deferred += 1
    try:
        yield
    finally:
        _RECORD_OF_WRITES.deferred -= 1
        if not _RECORD_OF_WRITES.deferred:
            _RECORD_OF_WRITES.save()


def _key(path: Path) -> str:
    return str(path.absolute().parent.resolve() / path.name)


def _digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


Signature = tuple[int, int, int] | None


def _signature(path: Path) -> Signature:
    """What tells that the record changed on disk (each save replaces the file)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass
class _Record:
    """The record (path → [size, SHA-256] or [size, SHA-256, what]) as this process
    knows it: parsed once, and again only when another process has saved it since (its
    file changed), so that looking up many names or writing many files costs no
    parsing. Entries written but not yet saved (`pending`, in a `recording()` block)
    are kept over a reload."""

    path: Path | None = None
    seen: Signature | bool = False  # False: not read yet; None: there was no record
    loaded: dict[str, object] = field(default_factory=dict)
    pending: dict[str, list[object]] = field(default_factory=dict)
    deferred: int = 0

    def files(self) -> dict[str, object]:
        target = data_folder() / _RECORD
        if target != self.path:  # another data folder (tests, the kill harness)
            self.path, self.seen, self.loaded, self.pending = target, False, {}, {}
        now = _signature(target)
        if now != self.seen:
            self.loaded, self.seen = _parsed(target), now
            for key, entry in self.pending.items():
                self.loaded.pop(key, None)
                self.loaded[key] = entry
        return self.loaded

    def remember(self, path: Path, payload: bytes, what: str) -> None:
        files = self.files()
        entry: list[object] = [len(payload), _digest(payload)]
        if what != REPORT:
            entry.append(what)
        key = _key(path)
        files.pop(key, None)  # re-inserted last: the oldest entries go first
        files[key] = self.pending[key] = entry
        if not self.deferred:
            self.save()

    def save(self) -> None:
        """Write the record, best effort: a record that cannot be written only makes
        these files count as foreign next time (they are then kept, never lost)."""
        if not self.pending or self.path is None:
            return
        files = self.files()  # another process's writes since are kept
        kept = dict(list(files.items())[-_MAX_RECORDED:])
        self.loaded, self.pending = kept, {}
        with suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_temps(self.path)
            atomic_write_bytes(self.path, json.dumps({"files": kept}, ensure_ascii=False).encode())
            self.seen = _signature(self.path)


def _parsed(path: Path) -> dict[str, object]:
    """The record on disk; empty when missing or unusable, which only makes every
    existing file count as foreign."""
    try:
        loaded = json.loads(read_limited(path, MAX_RECORD_BYTES))
    except (FileRefused, ValueError, RecursionError):
        return {}
    files = loaded.get("files") if isinstance(loaded, dict) else None
    return dict(files) if isinstance(files, dict) else {}


_RECORD_OF_WRITES = _Record()


def _remove_stale_temps(path: Path) -> None:
    """Temporary files an earlier, killed write of this same report left behind."""
    for temp in path.parent.glob(temp_pattern(path)):
        with suppress(OSError):
            temp.unlink()


def data_folder() -> Path:
    """The interviews' folder, which report files must never enter."""
    from ..store import data_home

    return data_home()

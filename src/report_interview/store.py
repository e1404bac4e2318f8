"""Interviews on disk: one TinyDB JSON file per interview, atomic writes, a lock, listing.

Layout of the data folder (``data_home()``)::

    20261126-0347-a1b2.json    TinyDB file: table ``meta`` (one document) and table
                               ``answers`` (one document per answer: {"id", "value"})
    20261126-0347-a1b2.lock    empty sidecar holding the OS lock while the interview is open
    .20261126-0347-a1b2.json.*.tmp   only after a crash mid-save; ignored, removed on open

Every write goes through ``AtomicJSONStorage``: a temporary file in the same folder,
flush, fsync, ``os.replace``. A crash at any instant leaves the old or the new file.
This is the only module that imports tinydb and platformdirs.
"""

from __future__ import annotations

import builtins
import json
import math
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, cast

from tinydb import TinyDB, where
from tinydb.storages import Storage
from tinydb.table import Table

from .files import atomic_write_bytes, temp_pattern

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

HOME_ENV: Final = "REPORT_INTERVIEW_HOME"
APP_NAME: Final = "report-interview"

STATUS_IN_PROGRESS: Final = "in_progress"
STATUS_FINISHED: Final = "finished"
STATUSES: Final = (STATUS_IN_PROGRESS, STATUS_FINISHED)

META_TABLE: Final = "meta"
ANSWERS_TABLE: Final = "answers"
# Meta fields the store maintains itself; update_meta() refuses them.
_MANAGED_META: Final = frozenset({"id", "created", "updated"})
# Every meta document has these fields with these types (bool is refused as an int).
_META_TYPES: Final[Mapping[str, type | tuple[type, ...]]] = {
    "id": str,
    "org": str,
    "flow": str,
    "status": str,
    "progress": dict,
    "position": (str, type(None)),
    "year": (int, type(None)),
    "created": str,
    "updated": str,
}

# Ids are typed by clerks and used as file names: no separators, no dots.
_ID_PATTERN: Final = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}")
_TEMP_NAME: Final = re.compile(r"\.(.+)\.json\..*\.tmp")
_ID_ATTEMPTS: Final = 100
# How deep a stored value may nest: tables, documents, a matrix of rows — and room.
MAX_DEPTH: Final = 32
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
# Optional meta fields and their types, checked when present.
_OPTIONAL_META_TYPES: Final[Mapping[str, type | tuple[type, ...]]] = {"previous": dict}
_LOCK_ATTEMPTS: Final = 5

Clock = Callable[[], datetime]
Tables = dict[str, dict[str, Any]]


# ---------------------------------------------------------------- errors


class StoreError(Exception):
    """A storage failure to show the user in Chinese; no data was lost or overwritten."""


class LockedError(StoreError):
    """The interview is open in another window (another process holds its lock)."""

    def __init__(self, interview_id: str) -> None:
        super().__init__(
            f"这份报告（{interview_id}）正在另一个窗口中填写；请先关闭那个窗口，再继续。"
        )
        self.interview_id = interview_id


class UnreadableError(StoreError):
    """A data file that is not valid JSON of our shape; it was left byte-for-byte as is."""

    def __init__(self, path: Path, reason: str = "") -> None:
        super().__init__(
            f"无法读取 {path}（文件已损坏或不是本程序的数据），已保留原文件未作改动。"
            "可以把它移到别处后再试。"
        )
        self.path = path
        self.reason = reason  # English detail for debugging, not for the clerk


# ---------------------------------------------------------------- folder and values


def data_home() -> Path:
    """The data folder: $REPORT_INTERVIEW_HOME, else the platform's user data folder.

    Not created here; ``Store.create`` creates it on the first write.
    """
    configured = os.environ.get(HOME_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    import platformdirs  # only when it is needed: it is not small

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def check_json_value(value: Any, label: str = "value") -> None:
    """Raise TypeError unless value is plain JSON (None, bool, int, finite float, str,
    list, dict with str keys). A programming error: convert Decimal to str first."""
    if value is None or isinstance(value, str | bool | int):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise TypeError(f"{label}: {value!r} cannot be stored as JSON")
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            check_json_value(item, f"{label}[{index}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{label}: key {key!r} is not a str")
            check_json_value(item, f"{label}.{key}")
        return
    raise TypeError(
        f"{label}: {type(value).__name__} is not JSON-compatible (convert Decimal to str)"
    )


def _now_iso(clock: Clock) -> str:
    return clock().astimezone().isoformat(timespec="seconds")


def _sort_time(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


# ---------------------------------------------------------------- atomic storage


def read_tables(path: Path) -> Tables | None:
    """The JSON object in path; None when the file is missing or empty.

    Raises ValueError (JSON or UTF-8 errors included) when the content is not an object.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    if not raw.strip():
        return None
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError("top level is not a JSON object")
    _check_plain(data)
    return cast(Tables, data)


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON; json.loads would accept them."""
    raise ValueError(f"{name} is not a JSON number")


def _check_plain(data: Any) -> None:
    """ValueError unless every value nests at most MAX_DEPTH deep and every text is
    real text (no lone surrogate from a \\ud800 escape); iterative, so a file built to
    exhaust the stack cannot."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValueError("nested too deeply")
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise ValueError("text with a lone surrogate")
        elif isinstance(item, dict):
            stack.extend((key, depth + 1) for key in item)
            stack.extend((value, depth + 1) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, depth + 1) for value in item)


class AtomicJSONStorage(Storage):
    """TinyDB storage that replaces its file atomically (temp, fsync, os.replace).

    Inside ``batch()`` writes are collected in memory and the file is written once at
    the end, so several table operations become one durable, all-or-nothing save.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)
        self._pending: Tables | None = None
        self._dirty = False

    def read(self) -> Tables | None:
        if self._pending is not None:
            return self._pending
        return read_tables(self.path)

    def write(self, data: Tables) -> None:
        if self._pending is not None:
            self._pending = data
            self._dirty = True
            return
        self._write_now(data)

    def _write_now(self, data: Tables) -> None:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        atomic_write_bytes(self.path, text.encode("utf-8"))

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Collect writes; write the file once on success, nothing on an exception."""
        if self._pending is not None:
            raise RuntimeError("batches do not nest")
        self._pending = self.read() or {}
        self._dirty = False
        try:
            yield
            if self._dirty:
                self._write_now(self._pending)
        finally:
            self._pending = None
            self._dirty = False


# ---------------------------------------------------------------- lock


class _Lock:
    """An OS lock on a sidecar file; the OS drops it when the process dies, even killed.

    The sidecar is never deleted: unlinking a lock file lets two processes lock two
    different files of the same name.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another holder has it. A sidecar
        that a sweep unlinked between our open and our lock is opened again."""
        for _ in range(_LOCK_ATTEMPTS):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                locked = _try_lock(fd)
            except BaseException:
                os.close(fd)
                raise
            if locked and _still_linked(fd, self.path):
                self._fd = fd
                return True
            os.close(fd)
            if not locked:
                return False
        return False

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)


def _still_linked(fd: int, path: Path) -> bool:
    """Whether path still names the file open as fd (a sweep may have removed it)."""
    if sys.platform == "win32":
        return True  # Windows cannot unlink a file another process holds open
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _try_lock(fd: int) -> bool:
    """Lock one byte (Windows) or the whole file (POSIX flock) without waiting."""
    try:
        if sys.platform == "win32":
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):  # held elsewhere (EAGAIN; EACCES on Windows)
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        with suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    # On POSIX closing the descriptor releases the flock.


# ---------------------------------------------------------------- file shape


def _check_shape(data: Tables | None) -> dict[str, Any]:
    """The meta document of a loaded file; ValueError when the shape is not ours."""
    if data is None:
        raise ValueError("empty file")
    meta_table = data.get(META_TABLE)
    if not isinstance(meta_table, dict) or len(meta_table) != 1:
        raise ValueError("table meta must hold exactly one document")
    ((doc_id, meta),) = meta_table.items()
    if not str(doc_id).isdigit() or not isinstance(meta, dict):
        raise ValueError("meta document is not an object")
    _check_meta(meta)
    answers = data.get(ANSWERS_TABLE, {})
    if not isinstance(answers, dict):
        raise ValueError("table answers is not an object")
    for key, doc in answers.items():
        if not str(key).isdigit() or not isinstance(doc, dict):
            raise ValueError(f"answers document {key!r} is not an object")
        if not isinstance(doc.get("id"), str) or "value" not in doc:
            raise ValueError(f"answers document {key!r} lacks id or value")
    return meta


def _check_meta_fields(fields: Mapping[str, Any]) -> None:
    """TypeError or ValueError unless the given meta fields fit the file format."""
    for name, value in fields.items():
        kind = _META_TYPES.get(name) or _OPTIONAL_META_TYPES.get(name)
        if kind is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise TypeError(f"meta.{name} has the wrong type: {value!r}")
    if "status" in fields and fields["status"] not in STATUSES:
        raise ValueError(f"meta.status must be one of {STATUSES}, not {fields['status']!r}")
    for name in ("created", "updated"):
        if name in fields:
            try:
                _sort_time(fields[name])
            except ValueError:
                raise ValueError(f"meta.{name} is not an ISO timestamp") from None


def _check_meta(meta: Mapping[str, Any]) -> None:
    missing = sorted(set(_META_TYPES).difference(meta))
    if missing:
        raise ValueError(f"meta lacks {missing}")
    try:
        _check_meta_fields(meta)
    except TypeError as exc:
        raise ValueError(str(exc)) from None


def _load_meta(path: Path) -> dict[str, Any]:
    """Read and check one interview file; UnreadableError (file untouched) otherwise."""
    try:
        return _check_shape(read_tables(path))
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError included
        raise UnreadableError(path, str(exc)) from None
    except OSError as exc:
        raise StoreError(f"无法读取 {path}：{exc.strerror or exc}") from None


# ---------------------------------------------------------------- public API


@dataclass(frozen=True)
class InterviewInfo:
    """One interview as shown by `list`."""

    id: str
    org: str
    year: int | None
    status: str
    progress: dict[str, Any]
    created: str
    updated: str
    path: Path

    @property
    def finished(self) -> bool:
        return self.status == STATUS_FINISHED


class Interview:
    """One open interview; holds its lock until close(). Use it as a context manager."""

    def __init__(self, path: Path, lock: _Lock, clock: Clock) -> None:
        self.id = path.stem
        self.path = path
        self._lock = lock
        self._clock = clock
        self._storage = AtomicJSONStorage(path)
        self._db = TinyDB(storage=lambda: self._storage)
        self._meta: Table = self._db.table(META_TABLE)
        self._answers: Table = self._db.table(ANSWERS_TABLE)
        self._closed = False

    def answers(self) -> dict[str, Any]:
        """Every saved answer by question id."""
        with self._reading():
            return {doc["id"]: doc["value"] for doc in self._answers.all()}

    def meta(self) -> dict[str, Any]:
        """id, org, year, status, progress, position, flow, created, updated."""
        with self._reading():
            docs = self._meta.all()
        return {**docs[0], "id": self.id}

    def save_answer(
        self, question_id: str, value: Any, *, position: str | None = None, **meta: Any
    ) -> None:
        """Save one answer durably (fsync'd) before returning; other answers untouched.
        Meta fields given (progress, org, year …) go into the same single write."""
        self.save_answers({question_id: value}, position=position, **meta)

    def save_answers(
        self, values: Mapping[str, Any], *, position: str | None = None, **meta: Any
    ) -> None:
        """Save many answers (and meta fields) in one durable, all-or-nothing write."""
        for question_id, value in values.items():
            if not isinstance(question_id, str) or not question_id:
                raise TypeError(f"question id {question_id!r} is not a non-empty str")
            check_json_value(value, question_id)
        fields: dict[str, Any] = dict(meta) if position is None else {**meta, "position": position}
        managed = _MANAGED_META.intersection(fields)
        if managed:
            raise TypeError(f"meta fields {sorted(managed)} are managed by the store")
        check_json_value(fields, "meta")
        _check_meta_fields(fields)
        with self._writing():
            for question_id, value in values.items():
                self._answers.upsert(
                    {"id": question_id, "value": value}, where("id") == question_id
                )
            self._touch(fields)

    def update_meta(self, **fields: Any) -> None:
        """Change org, year, status, progress, position, flow … (id and times are managed)."""
        managed = _MANAGED_META.intersection(fields)
        if managed:
            raise TypeError(f"meta fields {sorted(managed)} are managed by the store")
        check_json_value(fields, "meta")
        _check_meta_fields(fields)
        with self._writing():
            self._touch(fields)

    def close(self) -> None:
        """Release the lock; the data is already on disk."""
        if self._closed:
            return
        self._closed = True
        self._db.close()
        self._lock.release()

    def __enter__(self) -> Interview:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _touch(self, fields: Mapping[str, Any]) -> None:
        self._meta.update({**fields, "id": self.id, "updated": _now_iso(self._clock)})

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError(f"interview {self.id} is closed")

    @contextmanager
    def _reading(self) -> Iterator[None]:
        self._check_open()
        try:
            yield
        except ValueError as exc:
            raise UnreadableError(self.path, str(exc)) from None
        except OSError as exc:
            raise StoreError(f"无法读取 {self.path}：{exc.strerror or exc}") from None

    @contextmanager
    def _writing(self) -> Iterator[None]:
        self._check_open()
        try:
            with self._storage.batch():
                yield
        except OSError as exc:
            raise StoreError(
                f"无法保存到 {self.path}：{exc.strerror or exc}。"
                "刚才的修改没有保存，之前保存的内容完好无损；请检查磁盘空间后再试。"
            ) from exc
        finally:
            # A failed batch may have left query results of unsaved data in the caches.
            self._meta.clear_cache()
            self._answers.clear_cache()


class Store:
    """The data folder: creates, opens and lists interviews."""

    def __init__(self, home: Path | None = None, *, clock: Clock = datetime.now) -> None:
        self.home = home if home is not None else data_home()
        self._clock = clock

    def create(self, *, flow: str, org: str = "", year: int | None = None) -> Interview:
        """A new interview file with its lock held; its id is unique in the folder."""
        _check_meta_fields({"flow": flow, "org": org, "year": year})
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建数据文件夹 {self.home}：{exc.strerror or exc}") from None
        self.sweep()
        interview_id, lock = self._claim_new_id()
        now = _now_iso(self._clock)
        meta: dict[str, Any] = {
            "id": interview_id,
            "org": org,
            "year": year,
            "status": STATUS_IN_PROGRESS,
            "progress": {},
            "position": None,
            "flow": flow,
            "created": now,
            "updated": now,
        }
        interview = Interview(self._path(interview_id), lock, self._clock)
        try:
            with interview._writing():
                interview._meta.insert(meta)
        except BaseException:
            interview.close()
            raise
        return interview

    def open(self, interview_id: str) -> Interview:
        """Open an existing interview for writing, taking its lock.

        LockedError when another window has it; UnreadableError (file untouched) when
        the file is not ours or damaged; StoreError when there is no such interview.
        """
        path = self._existing(interview_id)
        interview_id = path.stem
        lock = self._lock(interview_id)
        try:
            _load_meta(path)
            self._remove_stray_temps(path)
            return Interview(path, lock, self._clock)
        except BaseException:
            lock.release()
            raise

    def read(self, interview_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """Meta and answers of an interview, read-only and without the lock (for render).

        Safe while another window writes it: every save replaces the file atomically.
        """
        path = self._existing(interview_id)
        try:
            data = read_tables(path)
            meta = _check_shape(data)
        except ValueError as exc:
            raise UnreadableError(path, str(exc)) from None
        except OSError as exc:
            raise StoreError(f"无法读取 {path}：{exc.strerror or exc}") from None
        assert data is not None
        answers = {doc["id"]: doc["value"] for doc in data.get(ANSWERS_TABLE, {}).values()}
        return {**meta, "id": path.stem}, answers

    def exists(self, interview_id: str) -> bool:
        interview_id = interview_id.strip()
        return bool(_ID_PATTERN.fullmatch(interview_id)) and self._path(interview_id).is_file()

    def sweep(self) -> None:
        """Remove what killed processes left: temporary files of saves, and lock files of
        interviews whose first save never happened; only files no process holds."""
        try:
            names = [p.name for p in self.home.iterdir()]
        except OSError:
            return
        present = set(names)
        # Only leftovers: a lock without its interview, or a temporary file. An intact
        # interview's lock is not touched, so a `list` never delays another window.
        ids = {n[: -len(".lock")] for n in names if n.endswith(".lock")}
        ids = {i for i in ids if f"{i}.json" not in present}
        ids |= {m.group(1) for n in names if (m := _TEMP_NAME.fullmatch(n))}
        for interview_id in sorted(i for i in ids if _ID_PATTERN.fullmatch(i)):
            self._sweep_one(interview_id)

    def _sweep_one(self, interview_id: str) -> None:
        """Under the interview's lock: its temporaries go, and its lock file too when
        the interview itself does not exist."""
        lock = _Lock(self.home / f"{interview_id}.lock")
        try:
            if not lock.acquire():
                return  # open in another window: its files are in use
        except OSError:
            return
        orphan = False
        try:
            self._remove_stray_temps(self._path(interview_id))
            orphan = not self._path(interview_id).exists()
            if orphan and sys.platform != "win32":  # POSIX: unlink while still holding it
                with suppress(OSError):
                    lock.path.unlink()
        finally:
            lock.release()
        if orphan and sys.platform == "win32":  # Windows cannot unlink an open file, so
            with suppress(OSError):  # it fails harmlessly if another process opened it
                lock.path.unlink()

    def scan(self) -> tuple[builtins.list[InterviewInfo], builtins.list[Path]]:
        """Readable interviews (newest change first) and unreadable files, in one pass;
        leftovers of killed processes are swept first."""
        self.sweep()
        infos: list[InterviewInfo] = []
        unreadable: list[Path] = []
        for path in self._data_files():
            if not _ID_PATTERN.fullmatch(path.stem):  # could not be opened by its id
                unreadable.append(path)
                continue
            try:
                meta = _load_meta(path)
            except StoreError:
                unreadable.append(path)
                continue
            infos.append(_info(path, meta))
        infos.sort(key=lambda info: (_sort_time(info.updated), info.id), reverse=True)
        return infos, unreadable

    def unreadable(self) -> builtins.list[Path]:
        """Data files that cannot be read; they are skipped by list() and left untouched."""
        return self.scan()[1]

    def latest_unfinished(self) -> InterviewInfo | None:
        """The unfinished interview changed last, to offer resuming it."""
        return next((info for info in self.scan()[0] if not info.finished), None)

    def list(self) -> builtins.list[InterviewInfo]:
        """Readable interviews, newest change first; see unreadable() and scan()."""
        return self.scan()[0]

    # -- helpers

    def _existing(self, interview_id: str) -> Path:
        """The file of an interview id; StoreError in Chinese when there is none."""
        interview_id = interview_id.strip()
        if not self.exists(interview_id):
            raise StoreError(
                f"找不到编号为 {interview_id} 的报告（在 {self.home} 中）。"
                f"输入 {APP_NAME} list 查看已有的报告。"
            )
        return self._path(interview_id)

    def _path(self, interview_id: str) -> Path:
        return self.home / f"{interview_id}.json"

    def _data_files(self) -> builtins.list[Path]:
        try:
            return sorted(p for p in self.home.glob("*.json") if p.is_file())
        except OSError:
            return []

    def _lock(self, interview_id: str) -> _Lock:
        lock = _Lock(self.home / f"{interview_id}.lock")
        try:
            acquired = lock.acquire()
        except OSError as exc:
            raise StoreError(f"无法锁定 {lock.path}：{exc.strerror or exc}") from None
        if not acquired:
            raise LockedError(interview_id)
        return lock

    def _claim_new_id(self) -> tuple[str, _Lock]:
        """A fresh id, locked; the lock makes the existence check race-free."""
        for _ in range(_ID_ATTEMPTS):
            candidate = f"{self._clock():%Y%m%d-%H%M}-{os.urandom(2).hex()}"
            if self._path(candidate).exists():
                continue
            try:
                lock = self._lock(candidate)
            except LockedError:
                continue
            if not self._path(candidate).exists():
                return candidate, lock
            lock.release()
        raise StoreError(f"无法在 {self.home} 中为新报告分配编号，请稍后再试。")

    @staticmethod
    def _remove_stray_temps(path: Path) -> None:
        """Temp files of a crashed save; safe to delete while holding the lock."""
        for temp in path.parent.glob(temp_pattern(path)):
            with suppress(OSError):
                temp.unlink()


def _info(path: Path, meta: Mapping[str, Any]) -> InterviewInfo:
    return InterviewInfo(
        id=path.stem,
        org=meta["org"],
        year=meta["year"],
        status=meta["status"],
        progress=meta["progress"],
        created=meta["created"],
        updated=meta["updated"],
        path=path,
    )

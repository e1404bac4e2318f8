"""Writing a file so that a crash at any instant leaves the old content or the new one.

Shared by the store (interviews) and the commands that write reports: a temporary file
in the same folder, flush, fsync, ``os.replace``, then an fsync of the folder. Reading
one within a size limit (``read_limited``) is here too: every reader of the program's
inputs goes through it. Standard library only, so every tier may use it.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from typing import Final

# Windows refuses os.replace while another process (a `list`, an antivirus) has the
# target open; such holds are brief, so retry a few times before giving up.
_REPLACE_ATTEMPTS: Final = 10
_REPLACE_PAUSE: Final = 0.05
TEMP_SUFFIX: Final = ".tmp"


def replace(source: str, target: Path) -> None:
    """os.replace, retried on Windows while another process briefly holds the target."""
    for attempt in range(_REPLACE_ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == _REPLACE_ATTEMPTS - 1:
                raise
            time.sleep(_REPLACE_PAUSE)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable on POSIX; Windows cannot open a folder for fsync."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):  # some file systems refuse fsync on a folder
            os.fsync(fd)
    finally:
        os.close(fd)


def temp_pattern(path: Path) -> str:
    """Glob pattern of the temporary files a write to path may leave after a crash."""
    return f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"


def user_mode() -> int:
    """The permissions a new file gets from the user's umask (0o644 under umask 022)."""
    mask = os.umask(0o077)  # the only way to read it; a private mask while it is set
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_bytes(path: Path, payload: bytes, *, shared: bool = False) -> None:
    """Write path so that a crash leaves the old or the new content, never a mix; on any
    failure (a full disk included) the temporary file is removed and the old file kept.
    The file is private (0600, as the temporary file is made) unless `shared`: then it
    has the permissions of any file the user creates (the umask's)."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        if shared and hasattr(os, "fchmod"):  # Windows: no modes, the folder's ACL applies
            os.fchmod(fd, user_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


class FileRefused(ValueError):
    """A file that is not read: missing, a folder, not a regular file (a pipe or a device
    is never opened for long), or larger than its limit. str(exc) is one Chinese line
    without the path; callers name the file."""


_NOT_REGULAR: Final = "这不是普通文件（可能是管道或设备），不能读取。"


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most max_bytes; FileRefused otherwise. The size
    is checked before reading, and the file is opened without blocking and checked again
    on the open descriptor, so a file swapped for a pipe after the first look cannot hang
    and one that grows while read is still cut at the limit."""
    from .limits import megabytes

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused("这是一个文件夹，不是文件。")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(_NOT_REGULAR)
        if info.st_size > max_bytes:
            raise FileRefused(
                f"文件有 {megabytes(info.st_size)}，超过 {megabytes(max_bytes)} 的上限。"
            )
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise FileRefused(_NOT_REGULAR)
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise FileRefused("找不到文件。") from None
    except OSError as exc:
        raise FileRefused(f"无法读取：{exc.strerror or exc}。") from None
    if len(data) > max_bytes:
        raise FileRefused(f"文件超过 {megabytes(max_bytes)} 的上限。")
    return data

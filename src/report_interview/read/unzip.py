"""Office packages (.docx, .xlsx) unpacked within a budget, never trusting the sizes a
zip directory claims.

Each part is streamed in small chunks with a running count of what it really unpacks
to; a package with too many parts, a part over MAX_PART_BYTES or more than
MAX_UNZIPPED_BYTES in all is refused at that point, having cost at most the limit. A
library that opens the zip itself (openpyxl) is given `repacked`: the parts as read,
stored uncompressed in memory, so it cannot unpack more than was counted. Stdlib only.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable

from ..limits import MAX_PART_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_MEMBERS, megabytes
from .budget import too_large
from .errors import ReadError

_CHUNK = 64 * 1024


class BrokenPackage(ValueError):
    """Not a zip file, or a part that cannot be unpacked (damaged, encrypted)."""


def read_parts(
    data: bytes,
    wanted: Callable[[str], bool] = lambda name: True,
    *,
    limit: int = MAX_UNZIPPED_BYTES,
) -> dict[str, bytes]:
    """The package's parts whose names `wanted` accepts, unpacked within the limits
    (`limit` bytes in all: a ledger's is smaller than a report's); ReadError (too
    large) or BrokenPackage."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BrokenPackage(str(exc)) from None
    with package:
        infos = package.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise too_large("压缩包中的文件数", f"{MAX_ZIP_MEMBERS:,} 个")
        parts: dict[str, bytes] = {}
        total = 0
        for info in infos:
            if info.is_dir() or not wanted(info.filename):
                continue
            part = _unpack(package, info, limit - total, limit)
            total += len(part)
            parts[info.filename] = part
    return parts


def _unpack(package: zipfile.ZipFile, info: zipfile.ZipInfo, room: int, total: int) -> bytes:
    """One part, read chunk by chunk: refused as soon as it passes MAX_PART_BYTES or the
    room left in the package's budget (`total` in all), whatever its directory entry
    says."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise BrokenPackage(f"compression {info.compress_type}")  # Office never uses others
    limit = min(MAX_PART_BYTES, room)
    chunks: list[bytes] = []
    size = 0
    try:
        with package.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    what = "压缩包中的一个文件解压后" if limit == MAX_PART_BYTES else "压缩包解压后"
                    shown = MAX_PART_BYTES if limit == MAX_PART_BYTES else total
                    raise too_large(what, megabytes(shown))
                chunks.append(chunk)
    except ReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, RuntimeError) as exc:  # fmt: skip
        raise BrokenPackage(str(exc)) from None  # damaged, encrypted, unknown method
    return b"".join(chunks)


def repacked(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """The parts as a new zip, stored without compression: a library opening it unpacks
    exactly what was counted."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        for name, part in parts:
            package.writestr(name, part)
    return buffer.getvalue()

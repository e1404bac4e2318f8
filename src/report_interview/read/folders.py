"""The report files named on a command line: files as named, and the report files found
in folders — with their subfolders, as a county keeps one folder per 乡镇 or 部门.

Shared by every command that takes folders (check, summary, new --sum-of). Only regular
files are listed (a pipe or device in a folder is never opened); hidden files and
folders (".git", "~$报告.docx" lock files of Word and WPS) are passed over; links to
folders are not followed, so a link loop cannot make the walk endless.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from .errors import ReadError
from .files import REPORT_FILE_SUFFIXES

# A county has at most a few hundred bodies; a walk that meets more report files, or
# more entries of any kind, than this is in the wrong folder (a whole disk), and is
# refused at once rather than left to run for minutes.
MAX_FILES: Final = 5000
MAX_ENTRIES: Final = 100_000


@dataclass(frozen=True)
class Found:
    """A file to read, and whether it was found in a folder (rather than named): a file
    found in a folder that holds no report is skipped, a named one is an error."""

    path: Path
    in_folder: bool


def report_files(sources: Sequence[str], *, subfolders: bool = True) -> list[Found]:
    """The files named and the report files in the folders named (with their subfolders
    unless `subfolders` is False), each folder's in sorted order; ReadError when a
    folder holds too many entries to be a folder of reports."""
    found: list[Found] = []
    for source in sources:
        path = Path(source)
        if not path.is_dir():
            found.append(Found(path, False))
            continue
        walk = _Walk(subfolders)
        found += (Found(file, True) for file in walk.files(path))
        if walk.seen > MAX_ENTRIES or len(found) > MAX_FILES:
            raise ReadError(
                f"{source} 中的文件太多（超过 {MAX_FILES} 份报告或 {MAX_ENTRIES} 个文件），"
                "不像是存放报告的文件夹；请给出存放报告的文件夹。"
            )
    return found


class _Walk:
    """One folder's walk: report files depth first, names sorted, folders not followed
    through links; it stops once more than MAX_ENTRIES entries were looked at."""

    def __init__(self, subfolders: bool) -> None:
        self.subfolders = subfolders
        self.seen = 0

    def files(self, folder: Path) -> Iterator[Path]:
        folders = []
        for entry in self._entries(folder):
            if entry.name.startswith((".", "~$")):
                continue
            if _is_dir(entry):
                folders.append(entry)
            elif Path(entry.name).suffix.lower() in REPORT_FILE_SUFFIXES and _regular(entry):
                yield Path(entry.path)
        for entry in folders if self.subfolders else []:
            if self.seen > MAX_ENTRIES:
                return
            yield from self.files(Path(entry.path))

    def _entries(self, folder: Path) -> list[os.DirEntry[str]]:
        entries = []
        try:
            with os.scandir(folder) as scan:
                for entry in scan:
                    self.seen += 1
                    if self.seen > MAX_ENTRIES:
                        break
                    entries.append(entry)
        except OSError:
            pass  # a folder that cannot be listed holds nothing to read
        return sorted(entries, key=lambda entry: entry.name)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _regular(entry: os.DirEntry[str]) -> bool:
    """Whether a folder entry is a regular file (a link to one counts)."""
    try:
        return stat.S_ISREG(entry.stat().st_mode)
    except OSError:
        return False

"""Report titles → file names: a title is text typed by a clerk (or read from a report),
never a path. Whatever it holds, the result is one plain file name for the folder the
user chose, on Linux, macOS and Windows alike."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

MAX_NAME_BYTES: Final = 200  # well under the 255-byte limit of ext4, NTFS and APFS
FALLBACK_STEM: Final = "报告"
# Characters Windows refuses in names, and path separators everywhere.
_FORBIDDEN: Final = re.compile(r'[<>:"/\\|?*]')
_SPACES: Final = re.compile(r"\s+")
# Names Windows reserves for devices, with or without an extension (CON.txt too).
_RESERVED: Final = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in (*range(10), "¹", "²", "³")}
    | {f"LPT{i}" for i in (*range(10), "¹", "²", "³")}
)


def _visible(text: str) -> str:
    """The text without control, format or unpaired surrogate characters."""
    return "".join(
        ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )


def _clean_stem(title: str) -> str:
    """One line of the title with separators and reserved characters made harmless."""
    stem = _FORBIDDEN.sub("_", _visible(title))
    stem = _SPACES.sub(" ", stem).strip()
    stem = stem.lstrip("-. ").rstrip(". ")  # no option-like, hidden or Windows-trailing dots
    while ".." in stem:
        stem = stem.replace("..", ".")
    if stem.split(".")[0].upper().rstrip() in _RESERVED:
        stem = f"_{stem}"
    return stem or FALLBACK_STEM


def _cut_to_bytes(stem: str, budget: int) -> str:
    """The longest prefix of stem whose UTF-8 form fits budget bytes (whole characters)."""
    encoded = stem.encode("utf-8")
    if len(encoded) <= budget:
        return stem
    return encoded[:budget].decode("utf-8", errors="ignore").rstrip(". ")


def safe_file_name(title: str, suffix: str) -> str:
    """A single safe file name for `title` with `suffix` (".docx" or "docx"): no folder
    separators, no "..", no control characters, no leading "-" or ".", no Windows
    device name, at most MAX_NAME_BYTES bytes in UTF-8 with the suffix kept whole."""
    ending = suffix if not suffix or suffix.startswith(".") else f".{suffix}"
    ending = _clean_stem(ending.lstrip(".")) if ending else ""
    ending = f".{ending}" if ending else ""
    budget = MAX_NAME_BYTES - len(ending.encode("utf-8"))
    stem = _cut_to_bytes(_clean_stem(title), budget) or FALLBACK_STEM
    return stem + ending

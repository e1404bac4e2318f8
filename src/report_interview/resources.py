"""Where the flow files and templates are, in a wheel and in an editable install.

A wheel carries flows/ and templates/ inside the package (hatch force-include); an
editable install leaves them at the repository root, two levels above this file.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str, package: Path = _PACKAGE) -> Path:
    """The folder `name` (flows or templates) beside the package or at the repo root."""
    for candidate in (package / name, package.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到程序自带的 {name} 文件夹；请重新安装 report-interview。")

"""The separations of design.md §2: pure modules, one module per library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import report_interview

PACKAGE = Path(report_interview.__file__).parent
PURE = ["model", "answers", "engine", "report", "checks", "prose", "narrative", "builder", "fill",
        "conversation"]  # fmt: skip
LIBRARIES = ["prompt_toolkit", "questionary", "tinydb", "jinja2", "yaml", "platformdirs", "docx"]
# Which module may import which third-party library (design.md §2).
OWNERS = {
    "prompt_toolkit": {"chat"},
    "questionary": {"chat"},
    "tinydb": {"store"},
    "platformdirs": {"store"},
    "yaml": {"loader"},
    "jinja2": {"expr", "render"},
    "docx": {"render_docx"},
}


def test_pure_modules_load_no_terminal_database_or_template_library() -> None:
    modules = ", ".join(f"report_interview.{name}" for name in PURE)
    code = (
        f"import sys, {modules}\n"
        f"loaded = [m for m in {LIBRARIES!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_each_library_is_imported_by_its_own_module_only(library: str) -> None:
    importers = {p.stem for p in PACKAGE.glob("*.py") if library in _imported(p)}
    assert importers <= OWNERS[library]

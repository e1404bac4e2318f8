"""The separations of design.md §2: packages that show the data path, imports that point
one way, one module per third-party library, pure modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import report_interview

PACKAGE = Path(report_interview.__file__).parent
ROOT = PACKAGE.name

# Modules whose import must load no terminal, database or template library.
PURE = [
    "flow.model", "flow.answers", "flow.engine", "flow.fill", "flow.kinds",
    "report.data", "report.checks", "report.prose", "report.narrative", "report.builder",
    "chat.conversation", "read.ledger", "read.ledger_sheet", "read.ledger_words",
]  # fmt: skip
LIBRARIES = ["prompt_toolkit", "questionary", "tinydb", "jinja2", "yaml", "platformdirs", "docx",
             "lxml", "pdfplumber", "pdfminer"]  # fmt: skip
# Which module may import which third-party library (design.md §2).
OWNERS = {
    "prompt_toolkit": {"chat.terminal"},
    "questionary": {"chat.terminal"},
    "tinydb": {"store"},
    "platformdirs": {"store"},
    "yaml": {"flow.loader"},
    "jinja2": {"flow.expr", "write.render"},
    "docx": {"write.word", "read.word"},
    "lxml": {"read.web"},
    "pdfplumber": {"read.pdf", "read.pdf_budget"},
    "pdfminer": {"read.pdf", "read.pdf_budget"},  # pdfplumber's parser: errors, budget
    "openpyxl": {"read.ledger_files"},
    "python_calamine": {"read.ledger_files"},
}
# The tiers of the data path: a module may import its own package and lower tiers only.
# report/ is the hub (ReportData, checks, prose); the interview (flow/), the readers and
# the writers make or consume it; the conversation and the store sit above them; cli/
# wires everything together.
TIERS = {"report": 0, "flow": 1, "read": 1, "write": 1, "chat": 2, "store": 2, "cli": 3}
SHARED = {"resources", "files", "limits", "__init__"}  # leaf modules every tier may use


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name or "__init__", path


MODULES = dict(_modules())


def _imports(path: Path) -> tuple[set[str], set[str]]:
    """(third-party top-level names, own modules) that a file imports, lazily or not."""
    name = next(n for n, p in MODULES.items() if p == path)
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    libraries: set[str] = set()
    own: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            libraries.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            libraries.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - (node.level - 1)]
            target = [*base, *(node.module.split(".") if node.module else [])]
            for alias in node.names:
                candidate = ".".join([*target, alias.name])
                own.add(candidate if candidate in MODULES else ".".join(target) or "__init__")
    return libraries, own


def _tier(module: str) -> int | None:
    return TIERS.get(module.split(".")[0])


def test_pure_modules_load_no_terminal_database_or_template_library() -> None:
    modules = ", ".join(f"{ROOT}.{name}" for name in PURE)
    code = (
        f"import sys, {modules}\n"
        f"loaded = [m for m in {LIBRARIES!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_each_library_is_imported_by_its_own_module_only(library: str) -> None:
    importers = {name for name, path in MODULES.items() if library in _imports(path)[0]}
    assert importers <= OWNERS[library]


def test_imports_point_down_the_data_path() -> None:
    wrong = []
    for name, path in MODULES.items():
        tier = _tier(name)
        for target in _imports(path)[1]:
            if target.split(".")[0] in SHARED or target.split(".")[0] == name.split(".")[0]:
                continue
            if tier is not None and (_tier(target) is None or _tier(target) >= tier):  # type: ignore[operator]
                wrong.append(f"{name} → {target}")
    assert not wrong


def test_no_import_cycle_between_modules() -> None:
    graph = {name: {t for t in _imports(path)[1] if t in MODULES} for name, path in MODULES.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in graph[node]:
            if state.get(target) == 1:
                pytest.fail("import cycle: " + " → ".join([*trail, node, target]))
            if target not in state:
                visit(target, [*trail, node])
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module, [])


def test_no_pickle_in_the_source() -> None:
    users = [name for name, path in MODULES.items() if "pickle" in _imports(path)[0]]
    assert not users

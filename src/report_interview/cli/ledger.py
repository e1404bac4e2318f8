"""`new/resume --ledger FILE [--ledger-map FILE]`: section 三 from the ledger without
the dialogue, for runs without a terminal (or to skip the questions once the mappings
are known).

Mappings come from, later ones winning: last year's interview (carried in `previous`),
this interview's earlier import, and the --ledger-map file. A ledger that leaves
nothing to decide gives the section's answers at once; otherwise the values and rows
still to decide are problems, one line each with their ledger row numbers; with a
terminal the dialogue then asks them (the file is offered again there).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..read.ledger import LedgerError, Mappings, carried_difference, import_ledger, unknown_lines
from ..read.ledger_files import read_sheets
from ..store import Interview
from .common import EXIT_UNUSABLE, UserError, report_year, show

MAP_HINT = (
    "  可以把这些值的分类写进对应表文件（YAML 或 JSON），用 --ledger-map 文件 给出，例如：\n"
    "    applicant: {某村民委员会: 其他组织}\n"
    "    outcome: {申请人撤回申请: （六）3.其他}\n"
    "  或者在终端里运行同一命令（不加 --no-input），程序会逐个询问，答案会保存。"
)


@dataclass
class LedgerRun:
    """What --ledger gives: answers to save, problems to list, notes to print."""

    answers: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def mappings_of(interview: Interview, map_file: str | None) -> Mappings:
    """Last year's, this interview's, then the file's mappings (later ones win)."""
    meta = interview.meta()
    stored = (meta.get("ledger") or {}).get("mappings")
    last = (meta.get("previous") or {}).get("ledger_mappings")
    try:
        mappings = Mappings.from_json(last).merged(Mappings.from_json(stored))
        if map_file:
            mappings = mappings.merged(Mappings.from_json(_load_map(Path(map_file))))
    except LedgerError as exc:
        raise UserError(f"台账对应表有误：{exc}", EXIT_UNUSABLE) from None
    return mappings


def _load_map(path: Path) -> dict[str, Any]:
    from ..flow.loader import FlowError, load_answers_file  # YAML is read by the loader only

    try:
        return load_answers_file(path)
    except FlowError as exc:
        raise UserError(str(exc).replace("答案文件", "对应表文件"), EXIT_UNUSABLE) from None


def run_ledger(
    args: argparse.Namespace, interview: Interview, provided: dict[str, Any]
) -> LedgerRun:
    """Import the --ledger file into section 三's answers, or say what is left to decide."""
    path = Path(args.ledger).expanduser()
    year = report_year(provided, interview.answers(), "导入台账")
    mappings = mappings_of(interview, getattr(args, "ledger_map", None))
    try:
        imported = import_ledger(read_sheets(path), year, mappings)
    except LedgerError as exc:
        raise UserError(f"{exc}已保存的回答不受影响（编号 {interview.id}）。") from None
    tally = imported.tally
    run = LedgerRun()
    run.notes += [f"台账第 {row} 行：{why}" for row, why in tally.left_out]
    previous = interview.meta().get("previous") or {}
    run.notes += [
        f"上年结转与去年报告不一致：{line}" for line in carried_difference(tally, previous)
    ]
    if not tally.resolved:
        run.problems = [f"  台账 {path.name}：{line}" for line in unknown_lines(tally)]
        run.problems.append(MAP_HINT)
        run.answers = {"apps_mode": "ledger"}
        interview.update_meta(ledger={"file": str(path.absolute()), "mappings": mappings.to_json()})
        return run
    run.answers = {
        "apps_new": tally.total("new"),
        "apps_carried": tally.total("carried_over"),
        "apps_mode": "ledger",
        "apps_matrix": tally.matrix(),
    }
    interview.update_meta(ledger={"file": str(path.absolute()), "mappings": mappings.to_json()})
    counted = len({r for rows in tally.cells.values() for r in rows})
    run.notes.insert(0, f"已从台账 {path.name} 导入第三部分：计入 {counted} 件申请（新收 "
                     f"{tally.total('new')} 件，上年结转 {tally.total('carried_over')} 件）。")  # fmt: skip
    return run


def apply_ledger(
    args: argparse.Namespace, interview: Interview, provided: dict[str, Any], *, ask_later: bool
) -> tuple[dict[str, Any], list[str]]:
    """The provided answers with section 三 from --ledger (the ledger wins), and the
    problems that stop a run without input. Notes are printed; with a terminal to ask
    them (`ask_later`), what is left to decide is said and asked later in the dialogue."""
    if not getattr(args, "ledger", None):
        return provided, []
    run = run_ledger(args, interview, provided)
    for note in run.notes:
        show(note)
    if run.problems and ask_later and not args.no_input:
        show(
            "台账中还有需要您决定的内容，到第三部分时会逐个询问：\n" + "\n".join(run.problems[:-1])
        )
        return {**provided, **run.answers}, []
    return {**provided, **run.answers}, run.problems

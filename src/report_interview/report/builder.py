"""Interview answers → ReportData.

Reads the values the engine's walk gives (answers, hidden questions as empty values,
computed values) by the question ids of flows/annual_report.yaml. Totals are computed
here, never asked, so an interview cannot produce a table that does not add up.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from . import narrative
from .data import (
    APPEAL_KEYS,
    APPLICATION_KEYS,
    OUTCOME_KEYS,
    DocCounts,
    Org,
    Overview,
    Proactive,
    ReportData,
    computed_rows,
    with_total,
)
from .naming import area_name


def _int(names: Mapping[str, Any], key: str) -> int:
    value = names.get(key, 0)
    return int(value) if isinstance(value, int) else 0


def _text(names: Mapping[str, Any], key: str) -> str:
    value = names.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _proactive(names: Mapping[str, Any]) -> Proactive:
    fee = names.get("fees", Decimal(0))
    return Proactive(
        regulations=DocCounts(*(_int(names, f"regulations_{f}") for f in _DOC_SUFFIXES)),
        normative_documents=DocCounts(*(_int(names, f"documents_{f}") for f in _DOC_SUFFIXES)),
        licensing=_int(names, "licensing"),
        penalty=_int(names, "penalty"),
        enforcement=_int(names, "enforcement"),
        fees_10k_yuan=fee if isinstance(fee, Decimal) else Decimal(0),
    )


_DOC_SUFFIXES = ("issued", "repealed", "in_force")


def applicant_keys(names: Mapping[str, Any]) -> list[str]:
    """The flow's applicant type keys, in the table's column order."""
    return [choice.value for choice in names.get("applicant_types", [])]


def _guided_matrix(names: Mapping[str, Any]) -> dict[str, list[int]]:
    """The matrix rows (six columns each) from the per-applicant-type answers."""
    columns = applicant_keys(names)
    rows: dict[str, list[int]] = {key: [0] * 6 for key in APPLICATION_KEYS}
    for c, key in enumerate(columns):
        rows["new"][c] = int(names.get("new_by_type", {}).get(key, 0))
        rows["carried_over"][c] = int(names.get("carried_by_type", {}).get(key, 0))
        for outcome, count in names.get(f"outcomes_{key}", {}).items():
            rows[outcome][c] = int(count)
    return rows


def _with_computed_rows(rows: Mapping[str, list[int]]) -> dict[str, tuple[int | None, ...]]:
    """Add （七）总计 and 四、结转下年度 (computed, never asked) and every row's 总计."""
    asked: dict[str, list[int | None]] = {
        key: list(rows.get(key, [0] * 6)) for key in APPLICATION_KEYS[:-2]
    }
    full: dict[str, list[int | None]] = {**asked, **computed_rows(asked)}
    return {key: with_total(full[key]) for key in APPLICATION_KEYS}


def summed(names: Mapping[str, Any]) -> bool:
    """Whether sections 三 and 四 are the sum of the area's reports (a 县/市人民政府 that
    chose to sum its bodies' reports: chat/area.py, cli/area.py)."""
    return names.get("area_sum") == "area"


def area_word(names: Mapping[str, Any]) -> str:
    """全县, 全市 … where the figures of 三 and 四 are the area's; "" otherwise."""
    return area_name(names.get("org_name"), names.get("org_kind")) if summed(names) else ""


def _applications(names: Mapping[str, Any]) -> dict[str, tuple[int | None, ...]]:
    """The section 三 matrix; all zeros when the body had no applications."""
    if not _int(names, "apps_new") and not _int(names, "apps_carried"):
        return _with_computed_rows({})
    if names.get("apps_mode") in ("rows", "ledger") or summed(names):  # rows, however made
        return _with_computed_rows(names.get("apps_matrix", {}))
    return _with_computed_rows(_guided_matrix(names))


def _appeals(names: Mapping[str, Any]) -> dict[str, tuple[int | None, ...]]:
    results = ("upheld", "corrected", "other", "pending")
    blocks: dict[str, tuple[int | None, ...]] = {}
    for key in APPEAL_KEYS:
        split = names.get(f"appeal_{key}", {}) if names.get("has_cases") else {}
        blocks[key] = with_total([int(split.get(r, 0)) for r in results])
    return blocks


def matrix_problem(value: Mapping[str, list[int]], names: Mapping[str, Any]) -> str | None:
    """Why quick-entry rows do not add up (Chinese), or None: the new and carried-over
    rows must match the totals given earlier, and no column may conclude more
    applications than it had (R1 with a non-negative 结转下年度)."""
    columns = [choice.label for choice in names.get("applicant_types", [])]
    for key, total_name, label in (
        ("new", "apps_new", "一、本年新收"),
        ("carried_over", "apps_carried", "二、上年结转"),
    ):
        given, expected = sum(value.get(key, [])), _int(names, total_name)
        if given != expected:
            return f"“{label}”一行合计 {given}，但前面填的是 {expected} 件"
    rows = _with_computed_rows(value)
    for c, column in enumerate(columns):
        forward = rows["carried_forward"][c]
        if forward is not None and forward < 0:
            concluded, in_hand = rows["concluded"][c], (forward + (rows["concluded"][c] or 0))
            return f"“{column}”一列办结 {concluded} 件，比手上的 {in_hand} 件还多"
    return None


def matrix_summary(value: Mapping[str, list[int]]) -> list[str]:
    """The running totals shown under the quick-entry table."""
    rows = _with_computed_rows(value)
    new, carried = rows["new"][6], rows["carried_over"][6]
    concluded, forward = rows["concluded"][6], rows["carried_forward"][6]
    return [
        f"合计：新收 {new} 件，上年结转 {carried} 件，办结 {concluded} 件（（七）总计），"
        f"结转下年度继续办理 {forward} 件。"
    ]


VALIDATORS = {"apps_matrix": matrix_problem}


def compose_other_matters(names: Mapping[str, Any]) -> str:
    """六, which also reports applications ended for an unpaid fee notice (R9)."""
    unpaid = _applications(names)["other_unpaid_fee"][6] or 0
    return narrative.other_matters(names, unpaid_fee_cases=unpaid, area=area_word(names))


def compose_preamble(names: Mapping[str, Any]) -> str:
    """The opening: legal basis, the statistics period, where to read it, whom to ask."""
    return narrative.preamble(
        ReportData(org=Org(name=""), year=_int(names, "report_year")),
        site=_text(names, "report_site"),
        office=_text(names, "contact_office"),
        address=_text(names, "contact_address"),
        phone=_text(names, "contact_phone"),
    )


def compose_on_request(names: Mapping[str, Any]) -> str:
    """（二）依申请公开, from the section 三 and 四 tables the answers make."""
    report = ReportData(
        org=Org(name="", self_name=_text(names, "org_self")),
        year=_int(names, "report_year"),
        applications=_applications(names),
        appeals=_appeals(names),
    )
    return narrative.on_request(report, area_word(names))


COMPOSERS = {
    **narrative.COMPOSERS,
    "other": compose_other_matters,
    "preamble": compose_preamble,
    "on_request": compose_on_request,
}

# The question holding each text of the report (a part of ReportData, or of its
# overview): the review offers the text there for editing.
PARAGRAPHS = {
    "preamble": "preamble_text",
    "proactive": "overview_proactive",
    "on_request": "overview_on_request",
    "management": "overview_management",
    "platforms": "overview_platforms",
    "oversight": "overview_oversight",
    "problems": "problems_text",
    "other_matters": "other_matters",
}


def row_sources(names: Mapping[str, Any]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The names this module reads for each row of the report's tables (section 二's
    rows, 三's data keys, 四's blocks), in tiers: the review offers the questions behind
    the first tier that has one asked (without applications every row of 三 goes to the
    counts of new and carried-over applications; without cases 四 to whether there were)."""
    types = applicant_keys(names)
    concluded = tuple(f"concluded_{key}" for key in types)
    outcomes = tuple(f"{prefix}_{key}" for prefix in ("groups", "outcomes") for key in types)
    counts = ("apps_new", "apps_carried")
    sources: dict[str, tuple[tuple[str, ...], ...]] = {
        "regulations": (tuple(f"regulations_{f}" for f in _DOC_SUFFIXES),),
        "normative_documents": (tuple(f"documents_{f}" for f in _DOC_SUFFIXES),),
        "licensing": (("licensing",),),
        "penalty": (("penalty",),),
        "enforcement": (("enforcement",),),
        "fees": (("fees",),),
        "new": (("apps_new", "new_by_type", "apps_matrix"),),
        "carried_over": (("apps_carried", "carried_by_type", "apps_matrix"),),
        "concluded": ((*concluded, "apps_matrix"), counts),
        "carried_forward": (("apps_forward_ok", *concluded, "apps_matrix"), counts),
    }
    sources.update({key: ((*outcomes, "apps_matrix"), counts) for key in OUTCOME_KEYS})
    sources.update({key: ((f"appeal_{key}",), ("case_kinds", "has_cases")) for key in APPEAL_KEYS})
    return sources


def _written(names: Mapping[str, Any], key: str, composer: str) -> str:
    """The paragraph the clerk accepted or wrote, or the program's own if none yet."""
    return _text(names, key) or COMPOSERS[composer](names).strip()


def _management(names: Mapping[str, Any]) -> str:
    """（三）, with the reason 现行有效件数 left last year's baseline (R6) when given."""
    parts = (_written(names, "overview_management", "management"), narrative.documents_note(names))
    return "\n".join(part for part in parts if part)


def build_report(names: Mapping[str, Any]) -> ReportData:
    """The report of a (possibly unfinished) interview."""
    report = ReportData(
        org=Org(
            name=_text(names, "org_name"),
            self_name=_text(names, "org_self"),
            kind=str(names.get("org_kind") or "other"),
        ),
        year=_int(names, "report_year"),
        proactive=_proactive(names),
        applications=_applications(names),
        appeals=_appeals(names),
        problems=_written(names, "problems_text", "problems"),
        other_matters=_written(names, "other_matters", "other"),
    )
    overview = Overview(
        proactive=_written(names, "overview_proactive", "proactive"),
        on_request=_written(names, "overview_on_request", "on_request"),
        management=_management(names),
        platforms=_written(names, "overview_platforms", "platforms"),
        oversight=_written(names, "overview_oversight", "oversight"),
    )
    preamble = _written(names, "preamble_text", "preamble")
    return dataclasses.replace(report, preamble=preamble, overview=overview)

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
from .report import (
    APPEAL_KEYS,
    APPLICATION_KEYS,
    DocCounts,
    Org,
    Overview,
    Proactive,
    ReportData,
    with_total,
)


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


def _applications(names: Mapping[str, Any]) -> dict[str, tuple[int | None, ...]]:
    """The section 三 matrix; all zeros when the body had no applications."""
    if _int(names, "apps_new") or _int(names, "apps_carried"):
        raise ValueError("有申请时的第三部分表格尚未支持")
    return {key: with_total([0] * 6) for key in APPLICATION_KEYS}


def _appeals(names: Mapping[str, Any]) -> dict[str, tuple[int | None, ...]]:
    return {key: with_total([0] * 4) for key in APPEAL_KEYS}


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
        problems=_text(names, "problems_text"),
        other_matters=_text(names, "other_matters"),
    )
    overview = Overview(
        proactive=_text(names, "overview_proactive"),
        on_request=narrative.on_request(report),
        management=_text(names, "overview_management"),
        platforms=_text(names, "overview_platforms"),
        oversight=_text(names, "overview_oversight"),
    )
    return dataclasses.replace(report, preamble=narrative.preamble(report), overview=overview)

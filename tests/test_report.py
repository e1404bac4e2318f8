"""ReportData from and to the JSON shape of report-format.md §6."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from report_interview.report.data import (
    APPEAL_KEYS,
    APPLICATION_KEYS,
    OUTCOME_KEYS,
    ReportDataError,
    dump_report_json,
    load_report_json,
    report_from_dict,
)

from .conftest import reference_dict


def test_reference_loads_with_computed_totals() -> None:
    report = report_from_dict(reference_dict())
    assert report.org.name == "牛屯镇" and report.org.is_government
    assert report.title == "牛屯镇2023年政府信息公开工作年度报告"
    assert all(len(report.applications[k]) == 7 for k in APPLICATION_KEYS)
    assert report.appeals["reconsideration"] == (0, 0, 0, 0, 0)
    assert len(OUTCOME_KEYS) == 21


def test_six_lists_get_totals_and_printed_totals_are_kept() -> None:
    data = reference_dict()
    data["applications"]["new"] = [3, 1, 0, 0, 0, 0]
    data["applications"]["granted"] = [1, 1, 0, 0, 0, 0, 5]  # wrong total kept as printed
    data["appeals"]["reconsideration"] = [10, 1, 0, 0, 0]
    report = report_from_dict(data)
    assert report.applications["new"] == (3, 1, 0, 0, 0, 0, 4)
    assert report.total("granted") == 5
    assert report.appeals["reconsideration"] == (10, 1, 0, 0, 0)


def test_null_cells_are_kept_as_none() -> None:
    data = reference_dict()
    data["applications"]["new"] = [None, 0, 0, 0, 0, 0]
    report = report_from_dict(data)
    assert report.applications["new"] == (None, 0, 0, 0, 0, 0, None)


def test_fee_is_an_exact_decimal_and_round_trips() -> None:
    data = reference_dict()
    data["proactive"]["fees_10k_yuan"] = "9116.36"
    report = report_from_dict(data)
    assert report.proactive.fees_10k_yuan == Decimal("9116.36")
    again = json.loads(dump_report_json(report))
    assert again["proactive"]["fees_10k_yuan"] == "9116.36"
    assert report_from_dict(again) == report


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        data = data[key]
    data[last] = value


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("year", "2023", "year"),
        ("year", 23, "四位数的年份"),
        ("org.kind", "village", "org.kind"),
        ("org.name", "  ", "org.name"),
        ("applications.new", [1, 2, 3], "applications.new"),
        ("applications.new", [0, 0, 0, 0, 0, "1"], "applications.new[5]"),
        ("applications.new", [0, 0, 0, 0, 0, 1.5], "整数或 null"),
        ("appeals.reconsideration", [0, 0, 0], "appeals.reconsideration"),
        ("proactive.fees_10k_yuan", 1.5, "字符串"),
        ("proactive.fees_10k_yuan", "abc", "proactive.fees_10k_yuan"),
        ("proactive.licensing", True, "proactive.licensing"),
        ("overview.proactive", 5, "overview.proactive"),
        ("format", "2018", "format"),
    ],
    ids=lambda v: str(v)[:20],
)
def test_wrong_types_name_the_key(path: str, value: Any, expected: str) -> None:
    data = reference_dict()
    _set(data, path, value)
    with pytest.raises(ReportDataError, match=expected.replace("[", r"\[").replace("]", r"\]")):
        report_from_dict(data)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(extra=1), "未知的键“extra”"),
        (lambda d: d["applications"].update(granted_x=[0] * 6), "granted_x"),
        (lambda d: d["applications"].pop("other_other"), "缺少“applications.other_other”"),
        (lambda d: d["appeals"].pop("litigation_direct"), "appeals.litigation_direct"),
        (lambda d: d.pop("org"), "缺少“org”"),
        (lambda d: d["proactive"]["regulations"].pop("in_force"), "regulations.in_force"),
    ],
    ids=[
        "unknown-top",
        "unknown-row",
        "missing-row",
        "missing-block",
        "missing-org",
        "missing-field",
    ],
)
def test_unknown_and_missing_keys(mutate: Any, expected: str) -> None:
    data = reference_dict()
    mutate(data)
    with pytest.raises(ReportDataError, match=expected):
        report_from_dict(data)


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "{'a': 1}"])
def test_malformed_json_is_a_report_data_error(text: str) -> None:
    with pytest.raises(ReportDataError):
        load_report_json(text)


def test_dump_round_trips() -> None:
    report = report_from_dict(reference_dict())
    assert load_report_json(dump_report_json(report)) == report
    assert set(json.loads(dump_report_json(report))["appeals"]) == set(APPEAL_KEYS)

"""Report data with numbers no report holds, or text no report holds (issue 14, items
8 and 12): refused in one Chinese line, exit 2, nothing written, quickly."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from report_interview.cli.main import main
from report_interview.report.data import Proactive, ReportDataError, amount_problem

from .conftest import reference_dict


def _fees(value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["proactive"].__setitem__("fees_10k_yuan", value)


def _new(value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["applications"].__setitem__("new", [value, 0, 0, 0, 0, 0])


def _org(value: str) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["org"].__setitem__("name", value)


CHANGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "fees-1e999999999": _fees("1E+999999999"),
    "fees-nan": _fees("NaN"),
    "fees-infinity": _fees("-Infinity"),
    "fees-7-decimals": _fees("0.0000001"),
    "fees-too-large": _fees("100000001"),
    "fees-long-text": _fees("1" * 100),
    "cell-too-large": _new(10**9),
}
RAW: dict[str, Callable[[str], str]] = {
    "5000-digit-integer": lambda text: text.replace('"year": 2023', '"year": ' + "9" * 5000),
    "nan-literal": lambda text: text.replace('"year": 2023', '"year": NaN'),
    "deep-nesting": lambda text: '{"org": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "esc-in-name": lambda text: text.replace(
        '"name": "牛屯镇"', '"name": "\\u001b]0;x\\u0007牛屯镇"', 1
    ),
    "nul-in-name": lambda text: text.replace('"name": "牛屯镇"', '"name": "牛屯镇\\u0000"', 1),
    "newline-in-name": lambda text: text.replace('"name": "牛屯镇"', '"name": "牛屯镇\\n镇"', 1),
    "surrogate-in-text": lambda text: text.replace('"preamble": "', '"preamble": "\\ud800', 1),
}


def _source(tmp_path: Path, case: str) -> Path:
    data = reference_dict()
    if case in CHANGES:
        CHANGES[case](data)
    text = json.dumps(data, ensure_ascii=False)
    if case in RAW:
        changed = RAW[case](text)
        assert changed != text, case
        text = changed
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["render", "check"])
@pytest.mark.parametrize("case", [*CHANGES, *RAW])
def test_implausible_report_data_is_refused_in_one_chinese_line(
    tmp_path: Path, capsys: Any, case: str, command: str
) -> None:
    source = _source(tmp_path, case)
    start = time.perf_counter()
    assert main([command, str(source)]) == 2
    assert time.perf_counter() - start < 5
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.isprintable() and "Traceback" not in err
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err)
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


@pytest.mark.parametrize(
    ("value", "fine"),
    [("9116.36", True), ("0.000001", True), ("100000000", True), ("0.0000001", False),
     ("100000000.01", False), ("NaN", False), ("1E+9", False), ("1E+2", True)],
)  # fmt: skip
def test_amount_bounds(value: str, fine: bool) -> None:
    assert (amount_problem(Decimal(value)) is None) is fine


def test_no_reader_or_builder_can_make_an_amount_no_writer_could_print() -> None:
    with pytest.raises(ReportDataError, match="合理范围"):
        Proactive(fees_10k_yuan=Decimal("1E+999999999"))

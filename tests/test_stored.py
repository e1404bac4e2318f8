"""Interview files that do not fit (issue 14, item 6): a file nested 100,000 deep, or
well-formed with the wrong types, is reported as unreadable by every command, left byte
for byte as it is, and every other interview still works."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .test_cli_interview import COMPLETE, Run, home, run, write_answers

__all__ = ["home", "run"]  # fixtures shared with the interview commands' tests

BAD_ID = "20260101-0000-bad0"


def _finished(run: Run, tmp_path: Path) -> str:
    answers = write_answers(tmp_path / "a.yaml", COMPLETE)
    result = run("new", "--answers", str(answers), "--no-input", "--out", str(tmp_path / "o"))
    assert result.code == 0, result.err
    match = re.search(r"编号 (\S+?)。", result.out)
    assert match
    return match.group(1)


def _edited(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], bytes]:
    def make(good: Path) -> bytes:
        data = json.loads(good.read_text(encoding="utf-8"))
        change(data)
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    return make


def _answer(data: dict[str, Any], question_id: str, value: Any) -> None:
    answers = data["answers"]
    key = next((k for k, doc in answers.items() if doc["id"] == question_id), str(len(answers) + 1))
    answers[key] = {"id": question_id, "value": value}


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = next(iter(data["meta"].values()))
    return meta


BROKEN: dict[str, Callable[[Path], bytes]] = {
    "nested-100000": lambda good: b"[" * 100_000 + b"]" * 100_000,
    "nested-object": lambda good: b'{"meta": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_001,
    "previous-a-string": _edited(lambda d: _meta(d).__setitem__("previous", "去年")),
    "fees-nan": _edited(lambda d: _answer(d, "fees", "NaN")),
    "fees-huge-exponent": _edited(lambda d: _answer(d, "fees", "1E+999999999")),
    "nan-literal": lambda good: good.read_bytes().replace(b'"status"', b'"x": NaN, "status"', 1),
    "paragraph-a-mapping": _edited(lambda d: _answer(d, "overview_proactive", {"a": 1})),
    "paragraph-facts-a-list": _edited(lambda d: _answer(
        d, "preamble_text", {"text": "开头", "from": "开头", "facts": ["report_year"]})),
    "count-a-string": _edited(lambda d: _answer(d, "report_year", "2023")),
    "esc-in-an-answer": _edited(lambda d: _answer(d, "org_name", "\x1b]0;x\x07牛屯镇")),
    "surrogate-escape": lambda good: good.read_bytes().replace(b'"status"', b'"x": "\\ud800", "status"', 1),
    # Issue 20: stored numbers have the bounds typing has, per kind
    "proactive-total-negative": _edited(lambda d: _answer(d, "proactive_total", -5)),
    "documents-in-force-negative": _edited(lambda d: _answer(d, "documents_in_force", -7)),
    "count-over-typing-bound": _edited(lambda d: _answer(d, "apps_new", 10**8)),
    "fees-negative": _edited(lambda d: _answer(d, "fees", "-3")),
    "counts-negative": _edited(lambda d: _answer(d, "document_changes", {"issued": -1, "repealed": 0})),
    "huge-integer": lambda good: good.read_bytes().replace(b'"status"', b'"x": ' + b"9" * 5000 + b', "status"', 1),
}  # fmt: skip


@pytest.mark.parametrize("case", BROKEN)
def test_a_file_that_does_not_fit_is_unreadable_everywhere_and_left_as_is(
    run: Run, home: Path, tmp_path: Path, case: str
) -> None:
    good_id = _finished(run, tmp_path)
    bad = home / f"{BAD_ID}.json"
    bad.write_bytes(BROKEN[case](home / f"{good_id}.json"))
    before = bad.read_bytes()
    listed = run("list", "--json")
    assert listed.code == 0 and [row["id"] for row in json.loads(listed.out)] in (
        [good_id],
        [good_id, BAD_ID],
    )
    for argv in (["resume", BAD_ID, "--no-input"], ["render", BAD_ID, "-o", str(tmp_path / "r.txt")],
                 ["new", "--previous", BAD_ID, "--no-input"], ["check", str(tmp_path / "x.json"), "--previous", BAD_ID]):  # fmt: skip
        result = run(*argv)
        assert result.code == 2, (argv, result)
        assert len(result.err.strip().splitlines()) == 1 and "无法读取" in result.err
    assert bad.read_bytes() == before
    assert not (tmp_path / "r.txt").exists()
    assert run("render", good_id, "-o", str(tmp_path / "good.txt")).code == 0


def test_an_unreadable_file_does_not_stop_resume_of_another(
    run: Run, home: Path, tmp_path: Path
) -> None:
    answers = write_answers(tmp_path / "a.yaml", dict(list(COMPLETE.items())[:5]))
    first = run("new", "--answers", str(answers), "--no-input")
    assert first.code == 1
    (good,) = home.glob("*.json")
    shutil.copy(good, home / f"{BAD_ID}.json")
    (home / f"{BAD_ID}.json").write_bytes(b"[" * 100_000)
    resumed = run("resume", good.stem, "--no-input")
    assert resumed.code == 1 and "还不完整" in resumed.err

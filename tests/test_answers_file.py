"""Answers files read safely (issue 14, items 4, 7, 13): values typed by the question,
not by YAML; aliases, tags, deep nesting, huge files, huge answers and bad characters
refused in one Chinese line, before any interview is created."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from report_interview.flow.loader import FlowError, load_answers_file
from report_interview.store import Store

from .test_cli_interview import COMPLETE, Run, home, run, write_answers

__all__ = ["home", "run"]  # fixtures shared with the interview commands' tests


def _file(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _yaml(answers: dict[str, object]) -> str:
    return "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in answers.items())


@pytest.mark.parametrize(
    ("line", "value"),
    [("contact_phone: 03725123456", "03725123456"), ("contact_phone: 1:20:30", "1:20:30"),
     ("org_self: no", "no"), ("org_self: yes", "yes"), ("org_self: 0x1F", "0x1F"),
     ("org_self: 1e3", "1e3"), ("org_self: 2023-01-01", "2023-01-01"), ("org_self: .inf", ".inf"),
     ("org_self:", ""), ("org_self: null", ""), ("org_self: 'null'", "null")],
)  # fmt: skip
def test_every_scalar_is_read_as_text(tmp_path: Path, line: str, value: str) -> None:
    key = line.split(":")[0]
    assert load_answers_file(_file(tmp_path, line)) == {key: value}


def test_text_answers_are_published_as_written(run: Run, home: Path, tmp_path: Path) -> None:
    answers = {k: v for k, v in COMPLETE.items() if k not in ("contact_phone", "org_self")}
    text = _yaml(answers) + "\ncontact_phone: 03725123456\norg_self: no\n"
    out = tmp_path / "out"
    path = _file(tmp_path, text)
    result = run("new", "--answers", str(path), "--no-input", "--out", str(out), "--formats", "txt")
    assert result.code == 0, result.err
    (report,) = out.iterdir()
    written = report.read_text(encoding="utf-8")
    assert "03725123456" in written and "525641518" not in written
    (info,) = Store(home).list()
    answers = Store(home).read(info.id)[1]
    assert (answers["contact_phone"], answers["org_self"]) == ("03725123456", "no")


def test_numbers_and_yes_no_are_converted_by_the_question(tmp_path: Path, run: Run) -> None:
    text = _yaml({k: v for k, v in COMPLETE.items() if k not in ("report_year",)})
    path = _file(tmp_path, text + "\nreport_year: 2023\n")
    result = run("new", "--answers", str(path), "--no-input", "--out", str(tmp_path / "o"))
    assert result.code == 0, result.err


BILLION_LAUGHS = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
    + ["org_name: *i"]
)
REFUSED = {
    "billion-laughs": (BILLION_LAUGHS, "别名"),
    "anchor": ("org_name: &n 牛屯镇\norg_self: *n\n", "别名"),
    "set-tag": ("proactive_channels: !!set {website, board}\n", "标签"),
    "python-tag": ("org_name: !!python/object:os.system x\n", "标签"),
    "deep-flow": ("a: " + "[" * 100_000 + "]" * 100_000, "嵌套太深"),
    "deep-block": ("".join(f"{' ' * i}k{i}:\n" for i in range(40)) + " " * 40 + "x\n", "嵌套"),
    "nul": ("org_name: 牛屯镇\x00\n", "控制字符"),
    "esc": ("org_name: \x1b[2J牛屯镇\n", "控制字符"),
    "surrogate-escape": ('{"org_name": "\\ud800"}', "Unicode"),
    "surrogate-escape-yaml": ('org_name: "\\udfff牛"', "Unicode"),
    "huge-answer": ("org_name: " + "牛" * 30_000 + "\n", "太长"),
    "too-many-keys": ("".join(f"k{i}: 1\n" for i in range(20_000)), "太多"),
    "not-a-mapping": ("- a\n- b\n", "映射"),
    "bad-yaml": ("org_name: [\n", "格式有误"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_an_unusable_answers_file_is_refused_in_one_line_before_anything_is_saved(
    run: Run, home: Path, tmp_path: Path, case: str
) -> None:
    text, words = REFUSED[case]
    path = _file(tmp_path, text, "a.json" if text.startswith("{") else "a.yaml")
    before = path.read_bytes()
    start = time.perf_counter()
    result = run("new", "--answers", str(path), "--no-input")
    assert time.perf_counter() - start < 5
    assert result.code == 2 and words in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not home.exists() or not list(home.glob("*.json"))
    assert path.read_bytes() == before


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    start = time.perf_counter()
    with pytest.raises(FlowError, match="MB"):
        load_answers_file(path)
    assert time.perf_counter() - start < 1


def test_a_mapping_where_one_answer_is_expected_is_refused_not_taken_as_text(
    run: Run, tmp_path: Path
) -> None:
    text = _yaml({**COMPLETE, "org_name": {"a": 1}, "proactive_channels": {"website": 1}})
    result = run("new", "--answers", str(_file(tmp_path, text)), "--no-input")
    assert result.code == 1
    assert "org_name" in result.err and "proactive_channels" in result.err
    assert "{'a'" not in result.err and "不能是列表或映射" in result.err


def test_many_unknown_keys_are_summarised_in_one_line(run: Run, tmp_path: Path) -> None:
    unknown = {f"typo_{i}": 1 for i in range(500)}
    path = write_answers(tmp_path / "a.yaml", {**COMPLETE, **unknown})
    result = run("new", "--answers", str(path), "--no-input", "--out", str(tmp_path / "o"))
    lines = [line for line in result.err.splitlines() if "不是问题编号" in line]
    assert len(lines) == 1 and "500 个键" in lines[0]

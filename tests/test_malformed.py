"""The malformed-flow corpus (issue 14): a flow file that cannot be used is refused with
one line naming the file, quickly, and nothing is written (the answers-file, interview
file and report-data corpora are in test_answers_file, test_stored, test_report_bounds)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from report_interview.cli.sources import make_engine
from report_interview.flow.expr import ExprError
from report_interview.flow.loader import FlowError, default_flow_path, load_flow

from .fuzzing import one_chinese_line

GOOD_HEAD = "name: t\ntitle: 测试\nintro: 测试。\nsections:\n"
FLOWS: dict[str, bytes] = {
    "deep-flow-nesting": b"name: " + b"[" * 100_000 + b"]" * 100_000,
    "deep-block-nesting": "".join(f"{' ' * i}k{i}:\n" for i in range(80)).encode(),
    "alias-bomb": "\n".join(
        ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
    ).encode(),
    "python-tag": b"name: !!python/object/apply:os.system [ls]\n",
    "not-a-mapping": b"- a\n- b\n",
    "not-utf8": "name: 牛屯镇".encode("gbk"),
    "nul": b"name: a\x00b\n",
    "unknown-kind": (GOOD_HEAD + "  - id: s\n    title: 一\n    questions:\n"
                     "      - {id: q, kind: essay, text: 问？}\n").encode(),
    "bad-expression": (GOOD_HEAD + "  - id: s\n    title: 一\n    questions:\n"
                       "      - {id: q, kind: integer, text: 问？, max: 'this_year +'}\n").encode(),
    "unknown-name": (GOOD_HEAD + "  - id: s\n    title: 一\n    questions:\n"
                     "      - {id: q, kind: integer, text: 问？, when: 'nothing > 0'}\n").encode(),
    "empty": b"",
}  # fmt: skip


@pytest.mark.parametrize("case", FLOWS)
def test_a_malformed_flow_is_refused_in_one_line(tmp_path: Path, case: str) -> None:
    path = tmp_path / "flow.yaml"
    path.write_bytes(FLOWS[case])
    start = time.perf_counter()
    with pytest.raises(FlowError) as refused:
        load_flow(path, cache_dir=tmp_path / "cache")
    assert time.perf_counter() - start < 5
    assert one_chinese_line(str(refused.value)), str(refused.value)
    assert path.read_bytes() == FLOWS[case]
    assert not (tmp_path / "cache").exists()  # nothing cached of a refused flow


# Issue 20: a locally edited flow's cache (the data folder's, used when the shipped
# compiled flow does not match) is checked like the YAML, or ignored and rebuilt.
def _first_question(flow: dict[str, Any]) -> dict[str, Any]:
    question: dict[str, Any] = flow["sections"][0]["items"][0]
    return question


def _second_section_question(flow: dict[str, Any]) -> dict[str, Any]:
    items = flow["sections"][1]["items"]
    question: dict[str, Any] = next(i for i in items if i["__class__"] == "Question")
    return question


CACHES: dict[str, Callable[[dict[str, Any]], None]] = {
    "unknown-kind": lambda f: _first_question(f).__setitem__("kind", "essay"),
    "unknown-name": lambda f: _first_question(f).__setitem__(
        "when", {"__class__": "Expr", "source": "nothing > 0", "names": ["nothing"]}
    ),
    "duplicate-id": lambda f: _second_section_question(f).__setitem__(
        "id", _first_question(f)["id"]
    ),
    "wrong-type": lambda f: _first_question(f).__setitem__("choices", "x"),
    "unknown-field": lambda f: _first_question(f).__setitem__("oops", 1),
    "huge-text": lambda f: _first_question(f).__setitem__("text", "问" * 100_000),
}


def _local_flow(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the program's flow edited locally (one comment more): its compiled
    form beside it does not match, so the data folder's cache is used."""
    path = tmp_path / "flow.yaml"
    path.write_bytes(default_flow_path().read_bytes() + b"\n# edited\n")
    cache = tmp_path / "cache"
    load_flow(path, cache_dir=cache)
    return path, next(cache.iterdir())


@pytest.mark.parametrize("case", CACHES)
def test_a_cache_that_does_not_fit_is_ignored_and_rebuilt(tmp_path: Path, case: str) -> None:
    path, cached = _local_flow(tmp_path)
    data = json.loads(cached.read_bytes())
    CACHES[case](data["flow"])
    cached.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    flow = load_flow(path, cache_dir=tmp_path / "cache")
    assert flow == load_flow(path)  # parsed again from the YAML
    assert json.loads(cached.read_bytes()) != data  # and the cache written again


def test_an_expression_that_would_exhaust_memory_fails_as_an_expression(tmp_path: Path) -> None:
    path, cached = _local_flow(tmp_path)
    data = json.loads(cached.read_bytes())
    first = _first_question(data["flow"])
    first["when"] = {"__class__": "Expr", "source": "('x'*10000000000)", "names": []}
    cached.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    flow = load_flow(path, cache_dir=tmp_path / "cache")  # well-formed: used as it is
    with pytest.raises(ExprError, match="超过"):
        make_engine(flow, this_year=2024).next_question({})
    yaml_flow = path.read_text(encoding="utf-8").replace(
        "kind: text", "kind: text\n        when: ('x'*10000000000)", 1
    )
    path.write_text(yaml_flow, encoding="utf-8")  # the same written in the YAML
    with pytest.raises(ExprError, match="超过"):
        make_engine(load_flow(path), this_year=2024).next_question({})


def test_the_program_s_own_flow_passes_the_compiled_check(tmp_path: Path) -> None:
    from report_interview.flow.compiled import flow_problem

    assert flow_problem(load_flow()) is None
    path, cached = _local_flow(tmp_path)
    before = cached.read_bytes()
    assert load_flow(path, cache_dir=tmp_path / "cache") == load_flow(path)
    assert cached.read_bytes() == before  # a cache that fits is used, not rewritten

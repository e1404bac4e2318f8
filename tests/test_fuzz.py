"""Fuzz tests (issue 14): typed replies per question kind, answers files, report data.
No traceback (only the documented refusals, each one Chinese line), no control
character accepted, every input within 5 s. See tests/fuzzing.py for the profiles."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report_interview.cli.sources import make_engine
from report_interview.flow import answers as parse
from report_interview.flow.engine import Engine, decode_all
from report_interview.flow.fill import accept, fill
from report_interview.flow.loader import FlowError, load_answers_file, load_flow
from report_interview.flow.provided import screen
from report_interview.report.data import ReportDataError, load_report_json
from report_interview.write.render import render

from .conftest import reference_dict
from .fuzzing import all_clean, counted, one_chinese_line
from .test_cli_interview import COMPLETE

FLOW = load_flow()
# One question of every kind, as the real flow asks it.
KIND_QUESTIONS = {
    "text": "org_name", "choice": "org_kind", "integer": "report_year",
    "choices": "proactive_channels", "breakdown": "key_area_counts",
    "paragraph": "overview_proactive", "yesno": "in_assessment", "decimal": "fees",
    "confirm": "apps_forward_ok", "matrix": "apps_matrix",
}  # fmt: skip


@cache
def _engine() -> Engine:
    return make_engine(FLOW, this_year=2024)


@cache
def _names(question_id: str) -> Any:
    typed = decode_all(FLOW, {k: format(v, "f") if isinstance(v, Decimal) else v
                              for k, v in COMPLETE.items()})  # fmt: skip
    return _engine().names_before(typed, FLOW.question(question_id))


# Text as it arrives: anything at all, or something close to a real reply.
ANY_TEXT = st.text(st.characters(codec=None, blacklist_categories=()), max_size=300)
NEAR_REPLIES = st.one_of(
    st.sampled_from(["12", "十二", "１２件", "无", "是", "否", "1 2 3", "3\t1\t0", "9116.36",
                     "政府网站", "website, 村广播", "-1", "1e9", "0.00001", "牛屯镇人民政府"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)  # fmt: skip
CONTROLS = st.sampled_from(["\x00", "\x1b[2J", "\x1b]0;x\x07", "\ud800", "\n", "\t", "\r", "\x7f"])
REPLIES = st.one_of(
    ANY_TEXT,
    NEAR_REPLIES,
    st.tuples(NEAR_REPLIES, CONTROLS, NEAR_REPLIES).map("".join),
    st.text(max_size=30).map(lambda s: s * 1000),
)


@pytest.mark.parametrize("kind", sorted(KIND_QUESTIONS))
@given(reply=REPLIES)
def test_typed_replies_of_every_kind(kind: str, reply: str) -> None:
    question = FLOW.question(KIND_QUESTIONS[kind])
    with counted():
        try:
            value = accept(question, reply, _engine(), _names(question.id))
        except parse.AnswerError as exc:
            assert one_chinese_line(str(exc)), str(exc)
            return
    assert all_clean(value), value
    if kind == "text":
        assert all("\n" not in text and "\t" not in text for text in [value])


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=40), NEAR_REPLIES, REPLIES,
)  # fmt: skip
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6), st.dictionaries(st.text(max_size=12), inner, max_size=6)
    ),
    max_leaves=20,
)
KEYS = st.one_of(st.sampled_from([*sorted(KIND_QUESTIONS.values()), "applications", "appeals"]),
                 st.text(max_size=20))  # fmt: skip
ANSWERS = st.dictionaries(KEYS, VALUES, max_size=8)
YAML_BITS = st.sampled_from(["&a ", "*a", "!!set ", "!!python/object ", "[", "]", "{", "}",
                             ": ", "- ", "\n  ", "'", '"', "\\ud800", "|\n", "? ", "#", "~"])  # fmt: skip


def _yaml_text(answers: dict[str, Any]) -> str:
    lines = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
             for k, v in answers.items()]  # fmt: skip
    return "\n".join(lines)


FILES = st.one_of(
    ANSWERS.map(lambda a: json.dumps(a, ensure_ascii=False)),
    ANSWERS.map(_yaml_text),
    st.lists(st.one_of(YAML_BITS, st.text(max_size=8)), max_size=40).map("".join),
)


def _load(text: str) -> dict[str, Any] | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.yaml"
        try:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        except UnicodeEncodeError:
            return None
        try:
            return load_answers_file(path)
        except FlowError as exc:
            assert one_chinese_line(str(exc).replace(folder, "F")), str(exc)
            return None


@given(text=FILES)
def test_answers_files(text: str) -> None:
    with counted():
        provided = _load(text)
        if provided is None:
            return
        kept, refused = screen(FLOW, provided)
        assert all(one_chinese_line(reason) for reason in refused.values())
        kept = {k: v for k, v in kept.items() if k not in ("applications", "appeals")}
        result = fill(_engine(), {}, kept)
    assert all(one_chinese_line(reason) for reason in result.refused.values()), result.refused
    assert all_clean(result.accepted), result.accepted


LEAF_VALUES = st.one_of(
    SCALARS,
    st.sampled_from(["1E+999999999", "NaN", "-Infinity", "9" * 5000, "0.0000001"]),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    st.just([[[[]]]]),
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _paths(v, (*prefix, k))] + [prefix]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _paths(v, (*prefix, i))] + [prefix]
    return [prefix]


REFERENCE = reference_dict()
PATHS = [p for p in _paths(REFERENCE) if p]


@given(changes=st.lists(st.tuples(st.sampled_from(PATHS), LEAF_VALUES), min_size=1, max_size=4))
def test_report_data_inputs(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = json.loads(json.dumps(REFERENCE))
    for path, value in changes:
        target = data
        try:
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    try:
        text = json.dumps(data, ensure_ascii=False)
    except ValueError:
        return
    with counted():
        try:
            report = load_report_json(text)
        except ReportDataError as exc:
            assert one_chinese_line(str(exc)), str(exc)
            return
        written = render(report, "txt")
    assert isinstance(written, str) and len(written) < 1_000_000
    assert all_clean(report.org.name) and all_clean(report.preamble)

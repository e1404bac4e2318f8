"""The question kinds (flow/kinds/): each kind's empty value, stored form, parsing,
validation, display and prompt; the registry; and that no code outside the kinds
branches on a kind's name."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import report_interview
from report_interview.flow.answers import AnswerError
from report_interview.flow.engine import Engine
from report_interview.flow.kinds import KINDS, kind_of
from report_interview.flow.loader import parse_flow

FLOW = parse_flow(
    """
name: t
title: T
sections:
  - id: s
    title: 一
    questions:
      - {id: name, kind: text, text: 名称？}
      - {id: notes, kind: paragraph, text: 说明？, required: false}
      - {id: count, kind: integer, text: 几件？, max: "100", unit: 件}
      - {id: fee, kind: decimal, text: 多少万元？, unit: 万元}
      - {id: done, kind: yesno, text: 有没有？}
      - {id: size, kind: choice, text: 哪类？, choices: [{value: a, label: 大}, {value: b, label: 小}]}
      - {id: ways, kind: choices, text: 哪些？, other: true,
         choices: [{value: web, label: 网站}, {value: board, label: 公开栏}]}
      - {id: split, kind: breakdown, text: 怎么分？, total: count,
         choices: [{value: x, label: 甲}, {value: y, label: 乙}]}
      - {id: grid, kind: matrix, text: 逐行？, rows: [{value: r1, label: 行一}],
         choices: [{value: c1, label: 列一}, {value: c2, label: 列二}]}
      - {id: ok, kind: confirm, text: 对吗？, confirms: count * 2}
      - {id: per, kind: counts, text: 各多少？, required: false, unit: 条,
         choices: [{value: w, label: 网站}, {value: b, label: 公开栏}]}
      - {id: items, kind: list, text: 哪些？}
      - {id: fixes, kind: list, text: 整改？, each: items}
      - {id: where, kind: folder, text: 在哪个文件夹？}
""",
    "t.yaml",
)
ENGINE = Engine(FLOW, this_year=2024)
NAMES: dict[str, Any] = {"count": 3}


@dataclass(frozen=True)
class Sample:
    """What one kind does with a typed reply, an answers-file value and a stored value."""

    question: str
    empty: Any
    typed: str
    value: Any
    stored: Any
    shown: str
    default_text: str
    bad_stored: Any
    refused: list[Any] = field(default_factory=list)  # raw replies refused with a message


SAMPLES = {
    "text": Sample("name", "", " 牛屯镇 ", "牛屯镇", "牛屯镇", "牛屯镇", "牛屯镇", 3, [""]),
    "paragraph": Sample("notes", "", "一行\n二行", "一行\n二行", "一行\n二行", "一行\n二行",
                        "一行\n二行", {"x": 1}, ["字" * 6000]),
    "integer": Sample("count", 0, "十二件", 12, 12, "12 件", "12", "12", ["-1", "1.5", "101"]),
    "decimal": Sample("fee", Decimal(0), "12.50万元", Decimal("12.50"), "12.50", "12.50 万元",
                      "12.50", "abc", ["-1", "3500元"]),
    "yesno": Sample("done", False, "有", True, True, "是", "是", "yes", ["也许"]),
    "choice": Sample("size", "", "小", "b", "b", "小", "b", 1, ["中"]),
    "choices": Sample("ways", [], "网站、自拍栏", ["web", "自拍栏"], ["web", "自拍栏"],
                      "网站、自拍栏", "['web', '自拍栏']", "web", []),
    "breakdown": Sample("split", {"x": 0, "y": 0}, "2 1", {"x": 2, "y": 1}, {"x": 2, "y": 1},
                        "甲 2，乙 1", "{'x': 2, 'y': 1}", {"x": "2"}, ["2 2", "1"]),
    "matrix": Sample("grid", {"r1": [0, 0]}, "", {"r1": [1, 2]}, {"r1": [1, 2]},
                     "1 行，共 3 个计数", "{'r1': [1, 2]}", {"r1": ["1", 2]}, ["1 2"]),
    "confirm": Sample("ok", False, "是", 6, 6, "是", "是", None, ["嗯"]),
    "counts": Sample("per", {"w": 0, "b": 0}, "12 不详", {"w": 12, "b": None},
                     {"w": 12, "b": None}, "网站 12 条，公开栏 不详", "12 不详",
                     {"w": "12"}, ["1", "1 2 3", "-1 2", "12 很多"]),
    "list": Sample("items", [], "甲\n\n乙", ["甲", "乙"], ["甲", "乙"], "1. 甲；2. 乙",
                   "甲\n乙", "甲", ["", 3]),
    "folder": Sample("where", "", " '/县里/2024年 报告' ", "/县里/2024年 报告",
                     "/县里/2024年 报告", "/县里/2024年 报告", "/县里/2024年 报告", 3,
                     ["", "' '", "甲\n乙"]),
}  # fmt: skip


def test_every_registered_kind_has_samples() -> None:
    """Adding a kind means adding its class and its samples here."""
    assert set(SAMPLES) == set(KINDS)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_kind_reads_stores_and_shows_its_answer(name: str) -> None:
    sample = SAMPLES[name]
    question = FLOW.question(sample.question)
    kind = kind_of(question)
    assert kind.name == name
    assert kind.empty(question) == sample.empty
    raw: Any = sample.typed if name != "matrix" else {"r1": [1, 2]}
    value = kind.coerce(question, raw, ENGINE, NAMES)
    assert value == sample.value
    assert kind.problem(question, value, ENGINE, NAMES) is None
    assert kind.encode(question, value) == sample.stored
    assert kind.decode(question, sample.stored) == sample.value
    assert kind.show(question, value) == sample.shown
    assert kind.default_text(question, value) == sample.default_text


@pytest.mark.parametrize("name", sorted(n for n in SAMPLES if n != "confirm"))
def test_a_stored_value_of_the_wrong_type_is_dropped(name: str) -> None:
    sample = SAMPLES[name]
    question = FLOW.question(sample.question)
    assert kind_of(question).decode(question, sample.bad_stored) is None


@pytest.mark.parametrize(
    ("name", "raw"),
    [(name, raw) for name, sample in sorted(SAMPLES.items()) for raw in sample.refused],
)
def test_refused_replies_say_what_to_type(name: str, raw: Any) -> None:
    question = FLOW.question(SAMPLES[name].question)
    kind = kind_of(question)
    with pytest.raises(AnswerError) as refused:
        value = kind.coerce(question, raw, ENGINE, NAMES)
        problem = kind.problem(question, value, ENGINE, NAMES)
        if problem:
            raise AnswerError(problem)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(refused.value))


def test_answers_file_values_are_read_by_the_kind() -> None:
    """An answers file may already hold a number, a bool, a list or a mapping."""
    cases = [
        ("count", 7, 7),
        ("done", False, False),
        ("ways", ["公开栏", "web"], ["board", "web"]),
        ("split", {"x": 1, "y": 2}, {"x": 1, "y": 2}),
        ("split", [3, 0], {"x": 3, "y": 0}),
        ("fee", "0.5", Decimal("0.5")),
        ("per", {"网站": 3, "b": None}, {"w": 3, "b": None}),  # by label or by key
        ("per", [3, 4], {"w": 3, "b": 4}),
    ]
    for qid, raw, expected in cases:
        question = FLOW.question(qid)
        assert kind_of(question).coerce(question, raw, ENGINE, NAMES) == expected, qid


def test_a_breakdown_that_leaves_no_choice_is_filled_without_asking() -> None:
    question = FLOW.question("split")
    kind = kind_of(question)
    assert kind.auto(question, ENGINE, {"count": 0}) == {"x": 0, "y": 0}
    assert kind.auto(question, ENGINE, {"count": 3}) is None


def test_a_paired_list_has_one_item_per_entry_of_its_pair() -> None:
    question = FLOW.question("fixes")
    kind = kind_of(question)
    names = {"items": ["甲", "乙"]}
    assert kind.coerce(question, ["改了", "也改了"], ENGINE, names) == ["改了", "也改了"]
    with pytest.raises(AnswerError, match="一一对应"):
        kind.coerce(question, ["改了"], ENGINE, names)
    assert kind.problem(question, ["改了"], ENGINE, names) is not None


def test_counts_follow_the_names_given_earlier() -> None:
    flow = parse_flow(
        """
name: t
title: T
sections:
  - id: s
    title: 一
    questions:
      - {id: accounts, kind: text, text: 账号？}
      - {id: per, kind: counts, text: 各多少？, fields: "accounts.split('、')", unit: 条}
""",
        "t.yaml",
    )
    engine = Engine(flow, this_year=2024)
    question = flow.question("per")
    kind = kind_of(question)
    names = {"accounts": "公众号“甲”、抖音号“乙”"}
    value = kind.coerce(question, "3 4", engine, names)
    assert value == {"公众号“甲”": 3, "抖音号“乙”": 4}
    assert kind.problem(question, value, engine, {"accounts": "公众号“甲”"}) is not None
    with pytest.raises(AnswerError, match="不详"):  # required counts take no 不详
        kind.coerce(question, "3 不详", engine, names)


def test_a_confirmation_stores_what_it_confirmed_and_goes_stale_when_that_changes() -> None:
    question = FLOW.question("ok")
    kind = kind_of(question)
    assert kind.coerce(question, "否", ENGINE, NAMES) is False
    assert kind.problem(question, 6, ENGINE, {"count": 4}) is not None
    assert kind.exposed(question, 6) is True and kind.exposed(question, False) is False
    assert not kind.offers_stored


# ---------------------------------------------------------------- one home per kind

PACKAGE = Path(report_interview.__file__).parent
KIND_NAMES = frozenset(KINDS)


def _kind_comparisons(source: str, label: str) -> list[str]:
    """Comparisons of something named `kind` with a kind's name (`question.kind ==
    "integer"`, `kind in ("yesno", "confirm")`): branching that belongs in a kind."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        named_kind = any(
            (isinstance(s, ast.Attribute) and s.attr == "kind")
            or (isinstance(s, ast.Name) and s.id == "kind")
            for s in sides
        )
        literals = {
            c.value
            for s in sides
            for c in ast.walk(s)
            if isinstance(c, ast.Constant) and isinstance(c.value, str)
        }
        if named_kind and literals & KIND_NAMES:
            found.append(f"{label}:{node.lineno}")
    return found


def test_no_code_outside_the_kinds_branches_on_a_kind_name() -> None:
    outside = [p for p in PACKAGE.rglob("*.py") if "kinds" not in p.relative_to(PACKAGE).parts]
    hits = [
        hit
        for path in outside
        for hit in _kind_comparisons(path.read_text(encoding="utf-8"), path.name)
    ]
    assert hits == []


@pytest.mark.parametrize(
    "source",
    ['if question.kind == "integer":\n    pass\n', 'x = kind in ("yesno", "confirm")\n'],
)
def test_the_branching_detector_finds_what_it_looks_for(source: str) -> None:
    assert _kind_comparisons(source, "probe") == ["probe:1"]


# ---------------------------------------------------------------- 不详 (issue 17)

UNKNOWN_FLOW = parse_flow(
    """
name: t
title: T
sections:
  - id: s
    title: 一
    questions:
      - {id: total, kind: integer, text: 一共几条？, required: false, unit: 条}
      - {id: table, kind: integer, text: 表格里几件？, unit: 件}
      - id: mixed
        kind: counts
        required: false
        text: 培训和追责？
        choices:
          - {value: training, label: 培训（次）}
          - {value: cases, label: 追责（起）, required: true}
""",
    "t.yaml",
)
UNKNOWN_ENGINE = Engine(UNKNOWN_FLOW, this_year=2024)


def test_an_optional_count_is_unknown_as_typed_stored_and_seen_as_none() -> None:
    question = UNKNOWN_FLOW.question("total")
    kind = kind_of(question)
    for typed in ("不详", "不知道", "未统计", None):
        value = kind.coerce(question, typed, UNKNOWN_ENGINE, {})
        assert value == "不详" and kind.problem(question, value, UNKNOWN_ENGINE, {}) is None
    assert kind.decode(question, kind.encode(question, "不详")) == "不详"
    assert kind.exposed(question, "不详") is None  # expressions and the narrative: no number
    assert kind.show(question, "不详") == "不详" and kind.default_text(question, "不详") == "不详"
    assert kind.exposed(question, 12) == 12


def test_a_required_count_refuses_unknown_and_says_why() -> None:
    question = UNKNOWN_FLOW.question("table")
    kind = kind_of(question)
    with pytest.raises(AnswerError, match="要写进报告的表格或必须在报告中说明"):
        kind.coerce(question, "不详", UNKNOWN_ENGINE, {})
    assert kind.decode(question, "不详") is None  # a stored 不详 where none may be
    fee = FLOW.question("fee")  # amounts go into the tables too
    with pytest.raises(AnswerError, match="不能写“不详”"):
        kind_of(fee).coerce(fee, "不详", ENGINE, {})


def test_a_counts_field_may_be_required_where_the_others_may_be_unknown() -> None:
    question = UNKNOWN_FLOW.question("mixed")
    kind = kind_of(question)
    assert kind.coerce(question, "不详 0", UNKNOWN_ENGINE, {}) == {"training": None, "cases": 0}
    with pytest.raises(AnswerError, match="“追责”要写进报告"):
        kind.coerce(question, "4 不详", UNKNOWN_ENGINE, {})
    assert kind.problem(question, {"training": 4, "cases": None}, UNKNOWN_ENGINE, {})
    # an answers file may leave an optional count out (not known), never a required one
    assert kind.coerce(question, {"追责": 0}, UNKNOWN_ENGINE, {}) == {"cases": 0}
    with pytest.raises(AnswerError, match="缺少“追责”"):
        kind.coerce(question, {"培训": 2}, UNKNOWN_ENGINE, {})


class Asked:
    """An Asker that keeps the prompt it was given."""

    figures = UNKNOWN_ENGINE

    def __init__(self) -> None:
        self.message = ""

    def read(self, message: str, default: str = "", *, multiline: bool = False) -> str:
        self.message = message
        return ""


def test_the_prompt_says_which_counts_may_be_unknown() -> None:
    asked = Asked()
    question = UNKNOWN_FLOW.question("mixed")
    kind_of(question).ask(asked, question, "培训和追责？", None, {})  # type: ignore[arg-type]
    assert asked.message.endswith("（按顺序输入数字，用空格隔开；①不知道的可以写“不详”）")
    question = UNKNOWN_FLOW.question("total")
    kind_of(question).ask(asked, question, "一共几条？", None, {})  # type: ignore[arg-type]
    assert asked.message == "一共几条？\n（不知道的写“不详”）"


def test_own_entries_of_an_answers_file_split_only_at_the_ideographic_comma() -> None:
    question = FLOW.question("ways")
    kind = kind_of(question)
    own = "征地信息公开的及时性还不够、复议纠正1件，说明答复质量有待提高"
    assert kind.coerce(question, own, ENGINE, NAMES) == [
        "征地信息公开的及时性还不够",
        "复议纠正1件，说明答复质量有待提高",
    ]
    assert kind.coerce(question, "web,村（居）务栏", ENGINE, NAMES) == ["web", "村（居）务栏"]

"""Flow files: the real flow loads; malformed ones are refused naming file, line, id."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_interview.flow.loader import (
    FlowError,
    default_flow_path,
    load_flow,
    parse_flow,
    prose,
)
from report_interview.flow.model import Compute, Question

GOOD = """
name: t
title: T
sections:
  - id: s1
    title: 第一部分
    questions:
      - id: a
        kind: integer
        text: 几件？
      - id: b
        kind: yesno
        text: 有吗？
        when: a > 0
      - id: a2
        compute: a * 2
    compute:
      a3: a2 + 1
    checks:
      - when: a3 > 100
        message: 太多了
        goto: a
"""


def test_real_flow_loads_and_covers_every_section() -> None:
    flow = load_flow()
    titles = [s.title for s in flow.sections]
    assert titles[0] == "基本情况"
    assert titles[1:] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert all(q.help for q in flow.questions), "every question explains itself"


def test_inline_and_section_computes_keep_their_order() -> None:
    flow = parse_flow(GOOD, "good.yaml")
    items = flow.sections[0].items
    assert [type(i).__name__ for i in items] == ["Question", "Question", "Compute", "Compute"]
    assert isinstance(items[1], Question) and items[1].when is not None
    assert items[1].when.names == {"a"}
    assert isinstance(items[3], Compute) and items[3].id == "a3"


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            GOOD.replace("when: a > 0", "when: c > 0"),
            "bad.yaml:14：问题“b”的 when：表达式“c > 0”用到了“c”",
        ),
        (GOOD.replace("when: a > 0", "when: b > 0"), "用到了“b”"),
        (GOOD.replace("kind: yesno", "kind: yes"), "bad.yaml:12：问题“b”：kind 应为"),
        (GOOD.replace("id: b", "id: a"), "id“a”重复"),
        (GOOD.replace("id: b", "id: B-1"), "id“B-1”须由"),
        (GOOD.replace("text: 有吗？", "txet: 有吗？"), "未知的键“txet”"),
        (GOOD.replace("when: a > 0", "when: a >"), "语法错误"),
        (GOOD.replace("goto: a", "goto: zz"), "goto“zz”不是问题 id"),
        (GOOD.replace("compute: a * 2", "compute: a3 * 2"), "计算值“a2”"),
        ("sections: [", "YAML 格式错误"),
        ("name: x", "需要 sections"),
        (
            GOOD.replace("kind: integer", "kind: matrix\n        choices: [x, y]"),
            "matrix 类问题需要 rows",
        ),
        (GOOD.replace("kind: yesno", "kind: choice"), "choice 类问题需要 choices"),
    ],
    ids=[
        "unknown-name",
        "self-reference",
        "bad-kind",
        "duplicate-id",
        "bad-id",
        "unknown-key",
        "syntax",
        "bad-goto",
        "compute-forward-ref",
        "yaml",
        "no-sections",
        "matrix-rows",
        "choice-choices",
    ],
)
def test_malformed_flows_are_refused(yaml_text: str, expected: str) -> None:
    with pytest.raises(FlowError, match=expected):
        parse_flow(yaml_text, "bad.yaml")


def test_validated_flow_is_cached_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow_file = tmp_path / "f.yaml"
    flow_file.write_text(GOOD, encoding="utf-8")
    first = load_flow(flow_file, cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("flow-*.json"))) == 1

    def no_parsing(*_: object) -> None:
        raise AssertionError("the cached flow should have been used")

    monkeypatch.setattr("report_interview.flow.loader.parse_flow", no_parsing)
    assert load_flow(flow_file, cache_dir=tmp_path / "cache") == first


def test_changed_or_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    flow_file = tmp_path / "f.yaml"
    flow_file.write_text(GOOD, encoding="utf-8")
    load_flow(flow_file, cache_dir=tmp_path)
    (cached,) = tmp_path.glob("flow-*.json")
    cached.write_bytes(b"not json")
    assert load_flow(flow_file, cache_dir=tmp_path).name == "t"
    flow_file.write_text(GOOD.replace("几件？", "多少件？"), encoding="utf-8")
    assert load_flow(flow_file, cache_dir=tmp_path).question("a").text == "多少件？"


@pytest.mark.parametrize(
    "payload",
    [
        # what a pickle cache would have run: the bytes of pickle.dumps(os.system("…"))
        b"cos\nsystem\n(S'touch PWNED'\ntR.",
        b'{"__class__": "Popen", "args": ["touch", "PWNED"]}',
        b'{"__class__": "Flow", "name": "t", "title": "", "sections": [], "extra": 1}',
        b"[" * 100_000,
    ],
    ids=["pickle-payload", "foreign-class", "unknown-field", "deep-nesting"],
)
def test_a_cache_file_is_data_never_code(tmp_path: Path, payload: bytes) -> None:
    """A shared data folder may hold a cache file someone else wrote: it is read as JSON
    of the flow's own classes only, and anything else is ignored and rebuilt."""
    flow_file = tmp_path / "f.yaml"
    flow_file.write_text(GOOD, encoding="utf-8")
    load_flow(flow_file, cache_dir=tmp_path / "cache")
    (cached,) = (tmp_path / "cache").glob("flow-*.json")
    cached.write_bytes(payload)
    flow = load_flow(flow_file, cache_dir=tmp_path / "cache")
    assert flow.name == "t" and flow.questions
    assert not (Path.cwd() / "PWNED").exists() and not (tmp_path / "PWNED").exists()


def test_a_malformed_flow_file_is_never_cached(tmp_path: Path) -> None:
    flow_file = tmp_path / "f.yaml"
    flow_file.write_text(GOOD.replace("kind: yesno", "kind: yes"), encoding="utf-8")
    with pytest.raises(FlowError):
        load_flow(flow_file, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_flow_lists_use_the_report_data_keys_in_table_order() -> None:
    from report_interview.report.data import APPLICANT_KEYS, APPLICATION_KEYS, OUTCOME_KEYS

    lists = {name: [c.value for c in items] for name, items in load_flow().lists}
    assert tuple(lists["applicant_types"]) == APPLICANT_KEYS
    assert tuple(lists["outcome_rows"]) == OUTCOME_KEYS
    assert tuple(lists["matrix_rows"]) == APPLICATION_KEYS[:-2]


def test_every_written_paragraph_has_a_composer() -> None:
    from report_interview.cli.sources import COMPOSER_NAMES
    from report_interview.report.builder import COMPOSERS

    composed = {q.compose for q in load_flow().questions if q.compose}
    assert composed == set(COMPOSERS) == set(COMPOSER_NAMES)


def test_the_shipped_compiled_flow_is_the_yaml_validated() -> None:
    """The program's own flow is shipped compiled, so that even the first start parses no
    YAML; after editing flows/annual_report.yaml (or the version), refresh it with
    `python -m report_interview.flow.loader`."""
    from report_interview.flow.loader import _read_compiled, _stamp, compiled_path

    path = default_flow_path()
    data = path.read_bytes()
    shipped = _read_compiled(compiled_path(path), _stamp(data))
    assert shipped is not None, "flows/annual_report.compiled.json is stale: see the docstring"
    assert shipped == parse_flow(data.decode("utf-8"), path.name)


def test_a_stale_compiled_flow_is_ignored(tmp_path: Path) -> None:
    from report_interview.flow.loader import compile_flow, compiled_path

    flow_file = tmp_path / "f.yaml"
    flow_file.write_text(GOOD, encoding="utf-8")
    compile_flow(flow_file)
    flow_file.write_text(GOOD.replace("几件？", "多少件？"), encoding="utf-8")
    assert load_flow(flow_file).question("a").text == "多少件？"
    compiled_path(flow_file).write_text('{"stamp": 1, "flow": {"__class__": "Popen"}}', "utf-8")
    assert load_flow(flow_file).question("a").text == "多少件？"


def test_a_line_break_inside_a_sentence_is_joined_paragraphs_are_kept() -> None:
    text = "责任追究是必须写的（条例第\n五十条），\n没有就填 0。\n\n新的一段：\n- 第一项\n- 第二项\n\nsee the\nmanual"
    assert prose(text) == (
        "责任追究是必须写的（条例第五十条），没有就填 0。\n\n新的一段：\n- 第一项\n- 第二项\n\n"
        "see the manual"
    )


def test_the_flows_help_texts_are_wrapped_by_the_program_not_by_the_yaml() -> None:
    flow = load_flow()
    texts = [flow.intro, *(s.intro for s in flow.sections)]
    texts += [t for q in flow.questions for t in (q.text, q.help, q.example)]
    texts += [c.help for q in flow.questions for c in q.choices]
    soft = [
        line
        for text in texts
        for line in text.splitlines()[:-1]
        if line and line[-1] not in "。！？：；"
    ]
    assert soft == []  # e.g. no "（条例第五十条），" ending a line before "没有就填 0"

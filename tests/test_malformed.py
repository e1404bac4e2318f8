"""The malformed-flow corpus (issue 14): a flow file that cannot be used is refused with
one line naming the file, quickly, and nothing is written (the answers-file, interview
file and report-data corpora are in test_answers_file, test_stored, test_report_bounds)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from report_interview.flow.loader import FlowError, load_flow

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

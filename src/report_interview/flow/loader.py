"""YAML flow file → Flow, validated before any question is asked.

Every error names the file, the line and the question (or section) id, and a flow
with any error is refused whole: a malformed flow never starts an interview.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zlib
from collections.abc import Iterable, Mapping
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import FileRefused, read_limited
from ..limits import (
    MAX_ANSWERS_BYTES,
    MAX_ANSWERS_DEPTH,
    MAX_ANSWERS_EVENTS,
    MAX_ANSWERS_KEYS,
    MAX_FLOW_BYTES,
    MAX_FLOW_DEPTH,
)
from ..report.text_rules import (
    MAX_ANSWER_CHARS,
    TextError,
    check_text,
    for_display,
    is_clean,
    texts_in,
)
from ..resources import resource_dir
from . import expr
from .compiled import BUILTIN_NAMES, ID, flow_problem, kind_problem
from .kinds import KINDS, Kind
from .model import (
    Check,
    Choice,
    Compute,
    Expr,
    Flow,
    Question,
    Section,
    from_json,
    to_json,
)

# Names every expression may read besides earlier questions and computed values:
# last year's figures (a dict, empty when unknown) and the current calendar year
# (BUILTIN_NAMES, from flow/compiled.py, which checks compiled flows like the YAML).
_ID = ID
_LINE = "__line__"  # line of a mapping's first key
_LINES = "__lines__"  # line of each key
_META = (_LINE, _LINES)

QUESTION_KEYS = frozenset(
    {"id", "kind", "text", "help", "example", "default", "when", "settle", "min", "max",
     "choices", "total", "active", "rows", "confirms", "compose", "other", "required", "unit",
     "fields", "each", "review_only"}
)  # fmt: skip
SECTION_KEYS = frozenset({"id", "title", "intro", "questions", "compute", "checks"})
FLOW_KEYS = frozenset({"name", "title", "intro", "lists", "sections"})
# In a `repeat` block, these are replaced by each list entry's value and label.
REPEAT_KEY, REPEAT_LABEL = "$key", "$label"


class FlowError(ValueError):
    """A flow file that cannot be used; the message names file, line and id."""


@cache
def _line_loader() -> type[Any]:
    """A yaml SafeLoader (libyaml's when present) that records the line of every key."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class LineLoader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> dict[Any, Any]:
        mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
        mapping[_LINE] = node.start_mark.line + 1
        mapping[_LINES] = {
            key.value: key.start_mark.line + 1
            for key, _ in node.value
            if isinstance(key, yaml.ScalarNode)
        }
        return mapping

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return LineLoader


def default_flow_path() -> Path:
    return resource_dir("flows") / "annual_report.yaml"


# A line of a flow text ends its paragraph when it ends with one of these, or when a
# blank line or a list item follows; any other line break in the YAML is only where the
# author's editor wrapped, and the program wraps texts to the terminal itself.
_PARAGRAPH_ENDS = frozenset("。！？：；")
# (a pattern, not compiled at import: only parsing a flow's YAML needs it)
_LIST_ITEM = r"[-·•*]\s|\d+[.、．]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+是"


def prose(value: object) -> str:
    """A text of the flow (question, help, intro) with the YAML's soft line breaks
    joined, so that "（条例第\n五十条）" reads as one sentence; paragraphs are kept."""
    paragraphs: list[str] = []
    for line in (raw.strip() for raw in str(value).strip().splitlines()):
        last = paragraphs[-1] if paragraphs else ""
        if last and line and last[-1] not in _PARAGRAPH_ENDS and not re.match(_LIST_ITEM, line):
            gap = " " if last[-1].isascii() and line[0].isascii() else ""
            paragraphs[-1] = last + gap + line
        else:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def load_flow(path: Path | None = None, *, cache_dir: Path | None = None) -> Flow:
    """Read and validate a flow file.

    A validated flow is kept as JSON (flow/model.py `to_json`), stamped with the
    program version and a checksum of the YAML's bytes: beside the YAML as
    `NAME.compiled.json` (shipped with the program for its own flow, so that even the
    very first start parses no YAML), and with `cache_dir` in the data folder for a
    flow edited locally. A compiled file that does not match is ignored.
    """
    path = path or default_flow_path()
    try:
        data = read_limited(path, MAX_FLOW_BYTES)
    except FileRefused as exc:
        raise FlowError(f"{path}：无法读取问答流程文件：{exc}") from None
    stamp = _stamp(data)
    cached = _cache_path(cache_dir, path, data) if cache_dir else None
    # The compiled file shipped beside the program's own YAML is part of the program
    # (a test keeps it current); a cache in the data folder is data, checked like YAML.
    for candidate, check in ((compiled_path(path), False), (cached, True)):
        flow = _read_compiled(candidate, stamp, check=check) if candidate is not None else None
        if flow is not None:
            return flow
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise FlowError(f"{path}：问答流程文件不是 UTF-8 编码。") from None
    flow = parse_flow(text, str(path))
    if cached is not None:
        _write_cache(cached, compiled_json(flow, stamp))
    return flow


def compiled_path(path: Path) -> Path:
    """Where the compiled form of a flow file is shipped: beside it."""
    return path.with_name(f"{path.stem}.compiled.json")


def _stamp(data: bytes) -> str:
    """The program version and a checksum of the flow's bytes (crc32 is enough to notice
    an edit, and avoids loading hashlib at start-up)."""
    return f"{__version__}:{zlib.crc32(data):08x}:{len(data)}"


def compiled_json(flow: Flow, stamp: str) -> bytes:
    return json.dumps({"stamp": stamp, "flow": to_json(flow)}, ensure_ascii=False).encode()


def _read_compiled(path: Path, stamp: str, *, check: bool = True) -> Flow | None:
    """The flow in a compiled file when its stamp matches and (with `check`) it is
    checked like the YAML (flow/compiled.py); None for anything else (a stale, damaged,
    oversized or foreign file is data that does not fit, never code: the YAML is parsed
    again)."""
    with suppress(Exception):  # MemoryError and RecursionError included
        data = json.loads(read_limited(path, MAX_FLOW_BYTES))
        if isinstance(data, dict) and data.get("stamp") == stamp:
            flow = from_json(data["flow"])
            if isinstance(flow, Flow) and not (check and flow_problem(flow)):
                return flow
    return None


def compile_flow(path: Path | None = None) -> Path:
    """Parse and validate a flow file and write its compiled form beside it."""
    path = path or default_flow_path()
    data = path.read_bytes()
    target = compiled_path(path)
    flow = parse_flow(data.decode("utf-8"), path.name)
    target.write_bytes(compiled_json(flow, _stamp(data)))
    return target


def _cache_path(cache_dir: Path, path: Path, data: bytes) -> Path:
    """Keyed by the program version, the file's path and a checksum of its bytes."""
    key = f"{__version__}\0{path}".encode()
    return cache_dir / f"flow-{zlib.crc32(key):08x}-{zlib.crc32(data):08x}-{len(data)}.json"


def _write_cache(target: Path, payload: bytes) -> None:
    """Best effort: a cache that cannot be written only costs time at the next start."""
    with suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(temp, target)


def parse_flow(text: str, source: str = "<flow>") -> Flow:
    import yaml

    try:  # checked first: no alias expands, no nesting exhausts the stack
        _check_events(
            yaml.parse(text, Loader=_line_loader()), f"问答流程文件 {source}", MAX_FLOW_DEPTH
        )
        data = yaml.load(text, Loader=_line_loader())  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        problem = " ".join(str(getattr(exc, "problem", exc)).split())
        raise FlowError(f"{where}：YAML 格式错误：{problem}") from None
    return _Builder(source).flow(data)


def _line(obj: Mapping[str, Any], key: str) -> int:
    """The line of `key` in a loaded mapping (the mapping's own line if unknown)."""
    line: int = obj.get(_LINES, {}).get(key, obj[_LINE])
    return line


def _substitute(data: Any, entry: Choice) -> Any:
    """A copy of a repeated question with $key and $label filled in."""
    if isinstance(data, str):
        return data.replace(REPEAT_KEY, entry.value).replace(REPEAT_LABEL, entry.label)
    if isinstance(data, Mapping):
        return {k: v if k in _META else _substitute(v, entry) for k, v in data.items()}
    if isinstance(data, list):
        return [_substitute(item, entry) for item in data]
    return data


class _Builder:
    """Builds the model while tracking which names are defined so far."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.defined: set[str] = set(BUILTIN_NAMES)
        self.question_ids: set[str] = set()
        self.section_ids: set[str] = set()
        self.lists: dict[str, tuple[Choice, ...]] = {}

    def fail(self, line: int, what: str, message: str) -> FlowError:
        return FlowError(f"{self.source}:{line}：{what}：{message}")

    def flow(self, data: object) -> Flow:
        obj = self.mapping(data, 1, "流程文件", FLOW_KEYS)
        lists = obj.get("lists") or {}
        if not isinstance(lists, Mapping):
            raise self.fail(obj[_LINE], "流程文件", "lists 应是“名字: 选项列表”的映射")
        for name, entries in lists.items():
            if name not in _META:
                line = _line(lists, name)
                self.lists[self.new_id(name, line, "列表")] = self.choices(
                    entries, line, f"列表“{name}”"
                )
                self.defined.add(name)
        sections_data = obj.get("sections")
        if not isinstance(sections_data, list) or not sections_data:
            raise self.fail(obj[_LINE], "流程文件", "需要 sections 列表，且至少有一个部分")
        sections = tuple(self.section(s) for s in sections_data)
        flow = Flow(
            name=str(obj.get("name", "")),
            title=str(obj.get("title", "")),
            intro=prose(obj.get("intro", "")),
            sections=sections,
            source=self.source,
            lists=tuple(self.lists.items()),
        )
        self.check_gotos(flow)
        return flow

    def mapping(
        self, data: object, line: int, what: str, allowed: Iterable[str]
    ) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            raise self.fail(line, what, "这里应是一个映射（键: 值）")
        unknown = sorted(k for k in data if k not in _META and k not in allowed)
        if unknown:
            raise self.fail(_line(data, unknown[0]), what, f"未知的键“{unknown[0]}”")
        return data

    def new_id(self, value: object, line: int, what: str) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(line, what, f"id“{value}”须由小写英文字母、数字和下划线组成")
        if value in self.defined or value in self.section_ids:
            raise self.fail(line, what, f"id“{value}”重复")
        return value

    def expression(self, value: object, line: int, what: str) -> Expr:
        source = str(value).strip() if not isinstance(value, bool) else str(value).lower()
        try:
            parsed = expr.parse(source)
        except expr.ExprError as exc:
            raise self.fail(line, what, str(exc)) from None
        unknown = sorted(parsed.names - self.defined)
        if unknown:
            raise self.fail(
                line, what, f"表达式“{source}”用到了“{unknown[0]}”，它不是之前的问题或计算值"
            )
        return parsed

    def section(self, data: object) -> Section:
        obj = self.mapping(data, 0, "部分", SECTION_KEYS)
        line = obj[_LINE]
        sid = self.new_id(obj.get("id"), line, "部分")
        self.section_ids.add(sid)
        what = f"部分“{sid}”"
        if not obj.get("title"):
            raise self.fail(line, what, "缺少 title")
        items: list[Question | Compute] = []
        for entry in obj.get("questions") or []:
            for expanded in self.repeated(entry, line):
                items.append(self.item(expanded, sid, line))
        computes = obj.get("compute") or {}
        if not isinstance(computes, Mapping):
            raise self.fail(line, what, "compute 应是“名字: 表达式”的映射")
        for cid, source in computes.items():
            if cid not in _META:
                items.append(self.compute(cid, source, _line(computes, cid)))
        checks = tuple(self.check(c, what) for c in obj.get("checks") or [])
        return Section(
            sid, str(obj["title"]), prose(obj.get("intro", "")), tuple(items), checks, line
        )

    def repeated(self, data: object, line: int) -> list[object]:
        """A `repeat: LIST` block → its questions once per list entry, with $key and
        $label replaced; any other entry → itself."""
        if not isinstance(data, Mapping) or "repeat" not in data:
            return [data]
        obj = self.mapping(data, line, "重复块", {"repeat", "questions"})
        entries = self.lists.get(str(obj["repeat"]))
        if entries is None:
            raise self.fail(
                _line(obj, "repeat"), "重复块", f"repeat“{obj['repeat']}”不是 lists 中的列表"
            )
        questions = obj.get("questions")
        if not isinstance(questions, list):
            raise self.fail(obj[_LINE], "重复块", "需要 questions 列表")
        return [_substitute(q, entry) for entry in entries for q in questions]

    def item(self, data: object, section: str, line: int) -> Question | Compute:
        if isinstance(data, Mapping) and "compute" in data:
            obj = self.mapping(data, line, "计算值", {"id", "compute"})
            return self.compute(obj.get("id"), obj["compute"], _line(obj, "compute"))
        return self.question(data, section, line)

    def compute(self, cid: object, source: object, line: int) -> Compute:
        name = self.new_id(cid, line, "计算值")
        parsed = self.expression(source, line, f"计算值“{name}”")
        self.defined.add(name)
        return Compute(name, parsed, line)

    def question(self, data: object, section: str, line: int) -> Question:
        obj = self.mapping(data, line, "问题", QUESTION_KEYS)
        line = obj[_LINE]
        qid = self.new_id(obj.get("id"), line, "问题")
        what = f"问题“{qid}”"
        kind = obj.get("kind")
        if not isinstance(kind, str) or kind not in KINDS:
            raise self.fail(_line(obj, "kind"), what, f"kind 应为以下之一：{'、'.join(KINDS)}")
        if not obj.get("text"):
            raise self.fail(line, what, "缺少问题文字 text")
        if obj.get("other", False) not in (True, False, "each"):
            raise self.fail(_line(obj, "other"), what, "other 只能是 true、false 或 each")
        exprs = {
            key: self.expression(obj[key], _line(obj, key), f"{what}的 {key}")
            for key in (
                "default",
                "when",
                "settle",
                "min",
                "max",
                "total",
                "active",
                "confirms",
                "fields",
                "each",
            )
            if key in obj and obj[key] is not None
        }
        choices = self.choices(obj.get("choices"), line, what)
        rows = self.choices(obj.get("rows"), line, what)
        self.kind_needs(KINDS[kind], obj, what, has_choices=bool(choices), has_rows=bool(rows))
        text = prose(obj["text"])
        for key in ("text", "help", "example"):
            self.text_names(str(obj.get(key, "")), _line(obj, key), what)
        self.defined.add(qid)
        self.question_ids.add(qid)
        return Question(
            id=qid,
            kind=kind,
            text=text,
            section=section,
            help=prose(obj.get("help", "")),
            example=prose(obj.get("example", "")),
            default=exprs.get("default"),
            when=exprs.get("when"),
            settle=exprs.get("settle"),
            minimum=exprs.get("min"),
            maximum=exprs.get("max"),
            total=exprs.get("total"),
            active=exprs.get("active"),
            confirms=exprs.get("confirms"),
            fields=exprs.get("fields"),
            each=exprs.get("each"),
            compose=str(obj.get("compose", "")),
            review_only=bool(obj.get("review_only", False)),
            rows=rows,
            choices=choices,
            other=bool(obj.get("other", False)),
            other_each=obj.get("other") == "each",
            required=bool(obj.get("required", True)),
            unit=str(obj.get("unit", "")),
            line=line,
        )

    def kind_needs(
        self, kind: Kind, obj: Mapping[str, Any], what: str, *, has_choices: bool, has_rows: bool
    ) -> None:
        """What the question's kind requires of it (options, rows, the value it confirms)."""
        lacking = kind_problem(
            kind, choices=has_choices, rows=has_rows, compose=bool(obj.get("compose")),
            confirms=obj.get("confirms") is not None, fields=obj.get("fields") is not None,
            review_only=bool(obj.get("review_only")),
        )  # fmt: skip
        if lacking:
            key = next((k for k in ("review_only", "compose") if k in lacking), None)
            line = _line(obj, key) if key else obj[_LINE]
            raise self.fail(line, what, lacking)

    def text_names(self, text: str, line: int, what: str) -> None:
        if "{{" not in text:
            return
        try:
            names = expr.parse_template(text)
        except expr.ExprError as exc:
            raise self.fail(line, what, str(exc)) from None
        unknown = sorted(names - self.defined)
        if unknown:
            raise self.fail(line, what, f"问题文字用到了“{unknown[0]}”，它不是之前的问题或计算值")

    def choices(self, data: object, line: int, what: str) -> tuple[Choice, ...]:
        if data is None:
            return ()
        if isinstance(data, str):
            if data not in self.lists:
                raise self.fail(line, what, f"“{data}”不是 lists 中的列表")
            return self.lists[data]
        if not isinstance(data, list):
            raise self.fail(line, what, "choices 应是列表")
        result = []
        for entry in data:
            if isinstance(entry, str):
                result.append(Choice(entry, entry))
                continue
            obj = self.mapping(entry, line, what, {"value", "label", "help", "group", "required"})
            if not obj.get("value") or not obj.get("label"):
                raise self.fail(obj[_LINE], what, "每个选项需要 value 和 label")
            result.append(
                Choice(
                    str(obj["value"]),
                    str(obj["label"]),
                    prose(obj.get("help", "")),
                    str(obj.get("group", "")),
                    obj.get("required") is True,
                )
            )
        values = [c.value for c in result]
        if len(set(values)) != len(values):
            raise self.fail(line, what, "选项的 value 有重复")
        return tuple(result)

    def check(self, data: object, what: str) -> Check:
        obj = self.mapping(data, 0, f"{what}的检查", {"when", "message", "goto"})
        line = obj[_LINE]
        if "when" not in obj or not obj.get("message"):
            raise self.fail(line, f"{what}的检查", "需要 when 和 message")
        return Check(
            self.expression(obj["when"], line, f"{what}的检查"),
            str(obj["message"]),
            str(obj.get("goto", "")),
            line,
        )

    def check_gotos(self, flow: Flow) -> None:
        for section in flow.sections:
            for check in section.checks:
                if check.goto and check.goto not in self.question_ids:
                    raise self.fail(
                        check.line, f"部分“{section.id}”的检查", f"goto“{check.goto}”不是问题 id"
                    )


# Answers files ----------------------------------------------------------------------
# Values are typed by the question, not by YAML: every scalar is read as text (03725123456
# stays a phone number, 1:20:30 stays text, no stays "no"), except an empty value or
# null, read as "". Aliases, tags, deep nesting, huge files and huge answers are refused
# before anything is built from them.

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


@cache
def _answers_loader() -> type[Any]:
    """A YAML loader without implicit typing: plain scalars are text, null is ""."""
    import yaml

    base = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

    class AnswersLoader(base):  # type: ignore[misc, valid-type]
        pass

    null_tag = "tag:yaml.org,2002:null"
    AnswersLoader.add_implicit_resolver(null_tag, _NULL, ["~", "n", "N", ""])
    AnswersLoader.add_constructor(null_tag, lambda loader, node: "")
    return AnswersLoader


def load_answers_file(path: Path) -> dict[str, Any]:
    """An --answers file (YAML, or JSON, which YAML reads too) → raw answers by question
    id, every scalar a str. FlowError (one Chinese line) when it cannot be used."""
    text = _answers_text(path)
    data = _parse_answers(text, path)
    if data is None or data == "":
        return {}
    if not isinstance(data, dict):
        raise FlowError(f"答案文件 {path} 应是“问题编号: 回答”的映射，如 apps_new: 0。")
    if len(data) > MAX_ANSWERS_KEYS:
        raise FlowError(
            f"答案文件 {path} 有 {len(data)} 个键，太多了（问答共约一百多个问题）；请检查文件。"
        )
    for key, value in data.items():
        _check_answer(key, value, path)
    return data


def _answers_text(path: Path) -> str:
    """The file's text: at most MAX_ANSWERS_BYTES of UTF-8 without control characters."""
    try:
        raw = read_limited(path, MAX_ANSWERS_BYTES)
    except FileRefused as exc:
        if str(exc) == "找不到文件。":
            raise FlowError(f"找不到答案文件：{path}") from None
        raise FlowError(f"无法读取答案文件 {path}：{exc}请检查文件。") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FlowError(
            f"答案文件 {path} 不是 UTF-8 编码；请在编辑器中另存为 UTF-8 后再试。"
        ) from None
    try:
        check_text(text, max_chars=len(text))
    except TextError as exc:
        line = _first_control_line(text)
        raise FlowError(f"答案文件 {path} 第 {line} 行：{exc}") from None
    return text


def _first_control_line(text: str) -> int:
    """The line (from 1) of the first character check_text refuses."""
    for number, line in enumerate(text.split("\n"), 1):
        if not is_clean(line, max_chars=len(line)):
            return number
    return 1


def _parse_answers(text: str, path: Path) -> Any:
    """Check the YAML events (no alias, anchor or tag; nesting at most MAX_ANSWERS_DEPTH)
    and only then build the data, so nothing is expanded or recursed into."""
    import yaml

    loader = _answers_loader()
    try:
        _check_events(yaml.parse(text, Loader=loader), f"答案文件 {path}")
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        problem = str(getattr(exc, "problem", "")).lower()
        if "unicode" in problem:
            raise FlowError(
                f"答案文件 {path} {where}有无效的 Unicode 转义（如 \\ud800）；请直接写出文字。"
            ) from None
        if "nesting" in problem:  # libyaml's own limit on [ and { levels
            raise FlowError(
                f"答案文件 {path} {where}嵌套太深（最多 {MAX_ANSWERS_DEPTH} 层）。"
            ) from None
        raise FlowError(
            f"答案文件 {path} {where}格式有误，请检查这一行的冒号、缩进和引号。"
        ) from None
    except RecursionError:
        raise FlowError(f"答案文件 {path} 嵌套太深（最多 {MAX_ANSWERS_DEPTH} 层）。") from None


def _check_events(events: Iterable[Any], what: str, max_depth: int = MAX_ANSWERS_DEPTH) -> None:
    """Refuse aliases, anchors and written tags, and nesting deeper than max_depth; what
    names the file in the message ("答案文件 a.yaml")."""
    import yaml

    depth = 0
    for count, event in enumerate(events):
        line = f"第 {event.start_mark.line + 1} 行" if event.start_mark else ""
        if count > MAX_ANSWERS_EVENTS:
            raise FlowError(
                f"{what} 的内容超过 {MAX_ANSWERS_EVENTS:,} 项（上限），太多了；请检查文件。"
            )
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise FlowError(f"{what} {line}用了 YAML 的锚点或别名（& 或 *），请直接写出内容。")
        if getattr(event, "tag", None) and not _implicit(event):
            raise FlowError(f"{what} {line}用了 YAML 标签（如 !!set），请直接写出内容。")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise FlowError(f"{what} {line}嵌套太深（最多 {max_depth} 层）。")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _implicit(event: Any) -> bool:
    """Whether an event's tag is implied (plain YAML) rather than written (!!set)."""
    implicit = getattr(event, "implicit", True)
    return any(implicit) if isinstance(implicit, tuple) else bool(implicit)


def _check_answer(key: object, value: object, path: Path) -> None:
    """Every key a str; every text within an answer at the door, none too long."""
    if not isinstance(key, str):
        raise FlowError(f"答案文件 {path} 的键应是问题编号（文字）。")
    for text in texts_in(value):
        try:
            check_text(text, max_chars=MAX_ANSWER_CHARS)
        except TextError as exc:
            shown = for_display(key[:40])
            raise FlowError(f"答案文件 {path} 中“{shown}”的回答有误：{exc}") from None


if __name__ == "__main__":  # python -m report_interview.flow.loader: after editing the flow
    print(f"已写入：{compile_flow()}")

"""Sandboxed Jinja2 expressions for a flow's when/default/compute/checks.

Compiled in an immutable sandbox with StrictUndefined and `undefined_to_none=False`, so
a misspelt name is an error rather than a silent None. Flow files are trusted
configuration; answers are only ever passed in as values, never compiled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from ..report.naming import (
    answering_office,
    area_name,
    labels_of,
    org_kind,
    self_name,
    split_names,
    unit_of,
    with_unit,
)
from .model import Expr

if TYPE_CHECKING:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

# jinja2 is imported on first use, not at start-up: a flow loaded from the cache shows
# its first question before any expression is needed (bench/bench_interview.py).


class ExprError(ValueError):
    """An expression that does not compile or fails to evaluate (a flow-file bug);
    `source` is the expression (or text), to find which question of the flow it is in."""

    def __init__(self, message: str, source: str = "") -> None:
        super().__init__(message)
        self.source = source


# ---------------------------------------------------------------- filters for flows


def sum_unit(counts: object, unit: str) -> int:
    """The sum of the known counts of a counts answer whose fields are in `unit`."""
    if not isinstance(counts, Mapping):
        return 0
    return sum(v for k, v in counts.items() if isinstance(v, int) and unit_of(str(k)) == unit)


_SAMPLES = {"条": (120, 46, 35, 18, 12, 9), "期": (24,), "场": (2,), "个": (12,)}


def sample_counts(fields: Iterable[object]) -> str:
    """An example reply to a counts question: one plausible number per field, in the
    field's unit ("120 46 24" for a website, an account and the boards in 期)."""
    numbers, used = [], dict.fromkeys(_SAMPLES, 0)
    for field in fields:
        unit = unit_of(str(field))
        unit = unit if unit in _SAMPLES else "条"
        samples = _SAMPLES[unit]
        numbers.append(str(samples[used[unit] % len(samples)]))
        used[unit] += 1
    return " ".join(numbers)


def helps_of(values: Iterable[object], options: Iterable[Any]) -> list[str]:
    """The help of each chosen option (a bank problem's usual measure); "" for own entries."""
    helps = {getattr(o, "value", o): getattr(o, "help", "") for o in options}
    return [str(helps.get(value, "")) for value in values]


_MAX_REPEAT = 1_000_000  # items a repetition ('x' * n, [0] * n) may make
_MAX_EXPONENT = 1_000


def _bounded_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse what would exhaust memory or time before it is computed: a repetition
    ('x' * 10000000000) past _MAX_REPEAT items, a power past _MAX_EXPONENT, text
    formatted with % (its widths are unbounded). jinja2's SecurityError, so the
    expression fails like any other (flow/failures.py says which question)."""
    from jinja2.exceptions import SecurityError

    if operator == "*":
        sequence, times = (left, right) if isinstance(left, str | list | tuple) else (right, left)
        repeated = isinstance(sequence, str | list | tuple) and isinstance(times, int)
        if repeated and len(sequence) * max(times, 0) > _MAX_REPEAT:
            raise SecurityError(f"重复得到的内容超过 {_MAX_REPEAT:,} 项")
    elif operator == "**" and isinstance(right, int | float) and abs(right) > _MAX_EXPONENT:
        raise SecurityError(f"乘方的指数超过 {_MAX_EXPONENT}")
    elif operator == "%" and isinstance(left, str):
        raise SecurityError("不能用 % 格式化文字")


@cache
def _env() -> ImmutableSandboxedEnvironment:
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedEnvironment(ImmutableSandboxedEnvironment):
        """The sandbox, with *, ** and % checked before they run; jinja2 then also never
        computes them ahead while compiling (constant folding), where a MemoryError
        could not be caught as a failing expression."""

        intercepted_binops = frozenset({"*", "**", "%"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _bounded_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

    env = BoundedEnvironment(undefined=jinja2.StrictUndefined)
    env.filters["self_name"] = self_name
    env.filters.update(
        split_names=split_names,
        with_unit=with_unit,
        sum_unit=sum_unit,
        labels_of=labels_of,
        helps_of=helps_of,
        sample_counts=sample_counts,
        body_kind=partial(org_kind, certain=True),  # what the name settles, else asked
        answering_office=answering_office,
        area_name=area_name,
    )
    return env


def parse(source: str) -> Expr:
    """Compile-check an expression and record the names it reads."""
    import jinja2
    from jinja2 import meta

    try:
        ast = _env().parse("{{ (" + source + ") }}")
        _compiled(source)
    except jinja2.TemplateSyntaxError as exc:
        raise ExprError(f"表达式“{source}”有语法错误：{exc.message}") from None
    return Expr(source=source, names=frozenset(meta.find_undeclared_variables(ast)))


@cache
def _compiled(source: str) -> Any:
    return _env().compile_expression(source, undefined_to_none=False)


def evaluate(expr: Expr, names: Mapping[str, Any]) -> Any:
    """Evaluate against answers and computed values; failures become ExprError."""
    import jinja2

    try:
        return _compiled(expr.source)(**names)
    except jinja2.UndefinedError as exc:
        raise ExprError(
            f"表达式“{expr.source}”用到了未定义的名字：{exc.message}", expr.source
        ) from None
    except (TypeError, ValueError, ArithmeticError, jinja2.TemplateError) as exc:
        raise ExprError(f"表达式“{expr.source}”无法计算：{exc}", expr.source) from None


def parse_template(source: str) -> frozenset[str]:
    """Compile-check a text with {{ … }} placeholders; the names it reads."""
    import jinja2
    from jinja2 import meta

    try:
        ast = _env().parse(source)
    except jinja2.TemplateSyntaxError as exc:
        raise ExprError(f"文字“{source[:30]}…”中的占位符有语法错误：{exc.message}") from None
    return frozenset(meta.find_undeclared_variables(ast))


@cache
def _template(source: str) -> Any:
    return _env().from_string(source)


def render_text(source: str, names: Mapping[str, Any]) -> str:
    """Fill a flow text's placeholders (question, help, example) from answers (the text
    is trusted flow data; the answers are only values). A text without placeholders is
    returned as it is, without loading jinja2."""
    if "{{" not in source and "{%" not in source:
        return source
    import jinja2

    try:
        return str(_template(source).render(**names))
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError) as exc:
        raise ExprError(f"文字“{source[:30]}…”无法填入：{exc}", source) from None

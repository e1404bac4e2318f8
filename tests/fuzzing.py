"""Shared by the fuzz tests: hypothesis profiles, and the tally the session prints.

Profiles: "ci" (the default: a modest number of examples, so the suite stays fast) and
"long" (the ≥ 30,000-input run): `pytest tests/test_fuzz.py --hypothesis-profile=long`
or HYPOTHESIS_PROFILE=long (conftest.py loads the one chosen). Every example must
finish within 5 s (the deadline).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from hypothesis import HealthCheck, settings

from report_interview.report.text_rules import is_clean

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long",
    max_examples=2500,
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def load_profile(chosen: str | None) -> None:
    """--hypothesis-profile, else $HYPOTHESIS_PROFILE, else "ci"."""
    settings.load_profile(chosen or os.environ.get("HYPOTHESIS_PROFILE") or "ci")


@dataclass
class Tally:
    inputs: int = 0
    slowest: float = 0.0
    over_5s: int = 0


TALLY = Tally()


@contextmanager
def counted() -> Iterator[None]:
    """Count one fuzzed input and how long it took."""
    start = time.perf_counter()
    yield
    took = time.perf_counter() - start
    TALLY.inputs += 1
    TALLY.slowest = max(TALLY.slowest, took)
    TALLY.over_5s += took > 5


def one_chinese_line(message: str) -> bool:
    """A refusal as users see it: one printable line holding Chinese."""
    return (
        bool(message)
        and is_clean(message, one_line=True, max_chars=100_000)
        and any("\u4e00" <= ch <= "\u9fff" for ch in message)
    )


def texts_in(value: object) -> Iterator[str]:
    """Every str inside an accepted value (keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(key)
            yield from texts_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts_in(item)


def all_clean(value: object, check: Callable[[str], bool] = is_clean) -> bool:
    """No control character, ESC or lone surrogate in anything accepted."""
    return all(check(text) for text in texts_in(value))

"""What a written paragraph rests on: the names its composer read, each with a short
fingerprint of its value. Kept with the paragraph the clerk accepted, they tell later
which answers changed since, without keeping the answers twice."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

Facts = dict[str, str]  # name → fingerprint of its value


class _Reading(Mapping[str, Any]):
    """The names, recording every name looked up (present or not)."""

    def __init__(self, names: Mapping[str, Any]) -> None:
        self._names = names
        self.read: list[str] = []

    def __getitem__(self, key: str) -> Any:
        if key not in self.read:
            self.read.append(key)
        return self._names[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _plain(value: Any) -> Any:
    """A JSON stand-in for what json cannot write: sets in a stable order, else repr."""
    if isinstance(value, set | frozenset):
        return sorted(map(repr, value))
    return repr(value)


def fingerprint(value: Any) -> str:
    """A short, stable fingerprint of a value (answers, computed values, option lists)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def written_with_facts(
    compose: Callable[[Mapping[str, Any]], str], names: Mapping[str, Any]
) -> tuple[str, Facts]:
    """The paragraph `compose` writes from `names`, and the facts it read."""
    reading = _Reading(names)
    text = compose(reading)
    return text, {name: fingerprint(names.get(name)) for name in reading.read}


def changed(facts: Mapping[str, str], names: Mapping[str, Any]) -> list[str]:
    """The names among `facts` whose value is no longer the one they were taken from."""
    return [name for name, print_ in facts.items() if fingerprint(names.get(name)) != print_]

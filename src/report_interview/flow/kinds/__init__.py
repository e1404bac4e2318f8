"""The question kinds: one class per kind, looked up by the name a flow gives.

    kind_of(question).coerce(question, raw, figures, names)

Adding a kind is one new class registered here, and its tests.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Question
from .base import Asker, Figures, Kind
from .counts import Counts
from .folder import Folder
from .lists import ItemList
from .numbers import Amount, Integer
from .options import Choice, Choices, Confirm, YesNo
from .tables import Breakdown, Matrix
from .texts import Paragraph, Text

KINDS: Mapping[str, Kind] = {
    kind.name: kind
    for kind in (
        Text(), Paragraph(), Integer(), Amount(), YesNo(), Choice(), Choices(),
        Breakdown(), Matrix(), Confirm(), Counts(), ItemList(), Folder(),
    )
}  # fmt: skip


def kind_of(question: Question) -> Kind:
    """The kind of a question (the loader has checked that it exists)."""
    return KINDS[question.kind]


__all__ = ["KINDS", "Asker", "Figures", "Kind", "kind_of"]

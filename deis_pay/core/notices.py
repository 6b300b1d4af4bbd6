"""Warnings, notes and errors as values: a stable code, the input field concerned, the values.

The core says *what* happened (`Notice`); it never builds a sentence. The edges (the CLI, the
renderers, the JSON/CSV/xlsx writers, the batch) say it in the user's language through
`i18n/messages.py`, naming the field as their caller knows it (`--birth` on the command line, the
`birth_date` column in a batch, `birth_date` in the library).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar

# What a notice's values may be: written as is in the JSON (`params`), formatted by the edges.
Param = str | int | bool | Decimal | date | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Notice:
    """`code`: stable, snake_case, listed in docs/codes.md; `field`: the input it concerns
    (`birth_date`, `start`, `smc`…) or None; `params`: the values its sentence names."""

    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}

    code: str
    field: str | None = None
    params: dict[str, Param] = dataclasses.field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.code, self.field, tuple(self.params.items())))


def notice(code: str, field: str | None = None, **params: Param) -> Notice:
    return Notice(code, field, params)

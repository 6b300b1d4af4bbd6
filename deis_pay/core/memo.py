"""Results kept for reuse: one small LRU table class, and the registry of every table.

The rules are plain functions; what is worth keeping between contracts is kept by the caller
that meets the same inputs again (the batch, mostly), in a `Memo` keyed by everything the result
depends on (for a pay: `rules.pay.PayKey`). The few tables kept inside the rules are there
because a benchmark shows they pay for themselves; each says by how much. Every table
registers itself, so that `clear_all()` empties them all: a test that compares a result
computed after others with the same result computed alone starts from there.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_REGISTRY: list[Memo[Any, Any]] = []


class Memo(Generic[K, V]):
    """At most `size` results by key; when full, the least recently used goes first (a result
    asked for again is kept longest). Values are kept as given: they must be immutable, or
    treated so, since every caller with an equal key gets the same object; None is not a
    value (`get` says "not kept" with it)."""

    __slots__ = ("_table", "name", "size")

    def __init__(self, name: str, size: int) -> None:
        if size < 1:
            raise ValueError(f"memo {name!r}: size {size} < 1")
        self.name = name
        self.size = size
        self._table: OrderedDict[K, V] = OrderedDict()
        _REGISTRY.append(self)

    def get(self, key: K) -> V | None:
        """The result kept for `key`, now the most recently used, or None."""
        table = self._table
        known = table.get(key)
        if known is not None:
            table.move_to_end(key)
        return known

    def put(self, key: K, value: V) -> V:
        """Keep `value` for `key` (the least recently used goes when full); returns it."""
        table = self._table
        while len(table) >= self.size:
            table.popitem(last=False)
        table[key] = value
        return value

    def recall(self, key: K, compute: Callable[[], V]) -> V:
        """The result kept for `key`, or `compute()` kept for it."""
        known = self.get(key)
        return self.put(key, compute()) if known is None else known

    def resize(self, size: int) -> None:
        """A new bound: the least recently used go now if there are more."""
        if size < 1:
            raise ValueError(f"memo {self.name!r}: size {size} < 1")
        self.size = size
        while len(self._table) > size:
            self._table.popitem(last=False)

    def clear(self) -> None:
        self._table.clear()

    def __len__(self) -> int:
        return len(self._table)

    def __repr__(self) -> str:
        return f"Memo({self.name!r}, {len(self._table)}/{self.size})"


def memos() -> tuple[Memo[Any, Any], ...]:
    """Every table made so far (those of the modules imported)."""
    return tuple(_REGISTRY)


def clear_all() -> None:
    """Empty every table: the next results are computed anew."""
    for memo in _REGISTRY:
        memo.clear()

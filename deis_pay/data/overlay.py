"""A user's data overlay: a folder of TOML files that add records to the shipped data.

`--data DIR` (or `DEIS_PAY_DATA=DIR`) names a folder holding some of the data files of
`data/` (`smic.toml`, `sources.toml`…), with the same schema, each holding only what it adds:
a SMIC revaluation published this morning is one `[[metropole]]` record in `smic.toml` and its
text's `[[sources]]` entry in `sources.toml`. Merging, file by file:

- a list of records (`[[metropole]]`, `[[rates]]`, `[[sources]]`…) gains the overlay's records;
  one with the same key as a shipped record (its `from`, `concluded_from`, `id`, `year` or
  `share_below`) replaces it whole; dated records are then put back in date order;
- a table (`[driving_licence]`) takes the overlay's keys over the shipped ones;
- a single value (`verified_through`) is replaced.

The result is then checked exactly as the shipped data is (loader.py), and an error names the
file the faulty value came from — the overlay's or the shipped one — and its key there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from deis_pay.core.errors import DataError

# The key that tells apart the records of a list, by the first of these names they have.
RECORD_KEYS = ("from", "concluded_from", "id", "year", "share_below")

Loc = tuple[str | int, ...]


@dataclass
class Merged:
    """One data file's content after the overlay, and where each part of it came from."""

    path: Path  # the shipped file
    content: dict[str, Any]
    origins: dict[Loc, tuple[Path, Loc]] = field(default_factory=dict)

    def where(self, loc: Loc) -> str:
        """`file: key a.b.c` for a key of the merged content, in the file it came from."""
        path, own = self.path, loc
        for length in range(len(loc), 0, -1):
            found = self.origins.get(loc[:length])
            if found is not None:
                path, prefix = found
                own = prefix + loc[length:]
                break
        key = ".".join(str(part) for part in own) or "(top level)"
        return f"{path}: key {key}"


def overlay_files(folder: Path, names: tuple[str, ...]) -> dict[str, Path]:
    """The data files of an overlay folder, by name. Any other `.toml` file is an error (a
    misspelt `smic.tom1` must not be silently left out); other files are not read."""
    if not folder.is_dir():
        raise DataError(f"{folder}: the data overlay is not a folder")
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".toml":
            continue
        if path.name not in names:
            raise DataError(
                f"{path}: not a data file of deis-pay (the files are {', '.join(names)})"
            )
        found[path.name] = path
    if not found:
        raise DataError(f"{folder}: no data file in the overlay (the files are {', '.join(names)})")
    return found


def merge(base: Merged, added: dict[str, Any], path: Path) -> None:
    """Put the content of the overlay file `path` into `base` (see the module's docstring)."""
    content = base.content
    for name, value in added.items():
        shipped = content.get(name)
        if _records(value):
            if shipped is not None and not _records(shipped):
                raise DataError(f"{path}: key {name}: records, where the shipped file has none")
            content[name] = _merge_records(base, name, shipped or [], value, path)
        elif isinstance(value, dict) and isinstance(shipped, dict):
            content[name] = {**shipped, **value}
            for key in value:
                base.origins[(name, key)] = (path, (name, key))
        else:
            content[name] = value
            base.origins[(name,)] = (path, (name,))


def _records(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _merge_records(
    base: Merged, name: str, shipped: list[dict[str, Any]], added: list[dict[str, Any]], path: Path
) -> list[dict[str, Any]]:
    sample = shipped[0] if shipped else added[0]
    key = next((k for k in RECORD_KEYS if k in sample), None)
    if key is None:
        raise DataError(f"{path}: key {name}: these records have no key to merge them by")
    dated = isinstance(sample.get(key), date)
    merged = [(record, (base.path, (name, i))) for i, record in enumerate(shipped)]
    seen: set[object] = set()
    for i, record in enumerate(added):
        value = record.get(key)
        if value is None:
            raise DataError(f"{path}: key {name}.{i}: no {key!r}, the key of these records")
        if dated and not isinstance(value, date):
            raise DataError(f"{path}: key {name}.{i}.{key}: {value!r} is not a date")
        if value in seen:
            raise DataError(f"{path}: key {name}.{i}.{key}: {value} is given twice")
        seen.add(value)
        place = next((j for j, (old, _) in enumerate(merged) if old.get(key) == value), None)
        if place is None:
            merged.append((record, (path, (name, i))))
        else:
            merged[place] = (record, (path, (name, i)))
    if dated:
        merged.sort(key=lambda pair: pair[0][key])  # stable: the shipped order otherwise
    # Each merged record's place, for errors: named as in the file it came from.
    for index, (_, origin) in enumerate(merged):
        base.origins[(name, index)] = origin
    return [record for record, _ in merged]

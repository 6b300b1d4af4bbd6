"""Which column of a contracts file is which: deis-pay's names, French headers, a caller's map.

An HR export names its columns its own way (`Matricule`, `Date de naissance`, `Début`…). A
header is matched, in order, by the caller's map (`--columns "id=Matricule,…"` or a TOML
file), by deis-pay's own name, or by a French alias (`date_de_naissance`, `début`, `fin`,
`grille`…), all compared without case, accents or punctuation. A header that matches nothing
is refused, the whole file with it (a misspelt optional column must not be silently ignored),
unless the caller names it as ignored (`--ignore-columns`) or ignores every unknown one
(`--ignore-unknown-columns`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from deis_pay.core.errors import InputError

# French names an export may give the columns, by deis-pay's name (compared through `_key`).
FRENCH: Mapping[str, tuple[str, ...]] = {
    "id": ("identifiant",),
    "birth_date": ("date_de_naissance", "date_naissance", "naissance", "ne_le", "nee_le"),
    "start": ("debut", "date_de_debut", "date_debut", "debut_du_contrat", "debut_contrat"),
    "end": ("fin", "date_de_fin", "date_fin", "fin_du_contrat", "fin_contrat"),
    "grid": ("grille",),
    "smc": ("salaire_minimum_conventionnel",),
    "territory": ("territoire",),
    "cycle_start_year": ("annee_du_cycle", "annee_de_cycle", "annee_du_cycle_au_debut"),
    "previous_start": ("debut_du_contrat_precedent", "debut_contrat_precedent"),
    "previous_end": ("fin_du_contrat_precedent", "fin_contrat_precedent"),
    "previous_grid": ("grille_du_contrat_precedent", "grille_precedente"),
    "previous_percent": ("pourcentage_precedent", "taux_precedent"),
    "prolonged_to": ("prolonge_jusqu_au", "prolongation_jusqu_au"),
    "prolongation_reason": ("motif_de_prolongation", "motif_prolongation"),
}


def _key(name: str) -> str:
    """`Date de naissance` → `date_de_naissance`: no case, accents or punctuation."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """The caller's say on the columns of a file whose records have the fields `known`: its map
    (file header → deis-pay name), the headers to drop, and whether any other unknown header
    is dropped too."""

    known: tuple[str, ...]
    mapping: Mapping[str, str] = field(default_factory=dict)
    ignored: frozenset[str] = frozenset()
    ignore_unknown: bool = False
    _names: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Header (as `_key` writes it) → deis-pay's name: the caller's map first, then the
        # names themselves, then their French aliases. Built once: a JSON-lines batch asks
        # for every key of every record.
        by_key = {_key(header): name for header, name in self.mapping.items()}
        for name in self.known:
            by_key.setdefault(_key(name), name)
            for alias in FRENCH.get(name, ()):
                by_key.setdefault(alias, name)
        object.__setattr__(self, "_names", by_key)

    def name_of(self, header: str) -> str | None:
        """deis-pay's name for a header, or None when it matches none."""
        return self._names.get(_key(header))

    def resolve(self, headers: Iterable[str]) -> list[str | None]:
        """deis-pay's name for each header, None for one the caller ignores. Raises
        InputError for headers that match nothing (all of them named), or two headers that
        match the same name."""
        ignored = {_key(header) for header in self.ignored}
        names: list[str | None] = []
        unknown = []
        for header in headers:
            if _key(header) in ignored:  # named as ignored: ignored, even a known name
                names.append(None)
                continue
            found = self._names.get(_key(header))
            if found is None and not self.ignore_unknown:
                unknown.append(header.strip())
            names.append(found)
        if unknown:
            raise InputError("unknown_columns", "input", unknown=tuple(unknown), known=self.known)
        given = [name for name in names if name is not None]
        doubled = tuple(sorted({name for name in given if given.count(name) > 1}))
        if doubled:
            raise InputError("duplicate_columns", "input", names=doubled)
        return names


def plan_from_options(
    columns: str | None, ignore_columns: str | None, ignore_unknown: bool, known: Iterable[str]
) -> ColumnPlan:
    """`--columns "birth_date=Date de naissance,id=Matricule"` (or a .toml file with a
    [columns] table of the same pairs) and `--ignore-columns "Nom,Prénom"`."""
    names = tuple(known)
    mapping: dict[str, str] = {}
    if columns is not None:
        pairs = _pairs_from_file(columns) if columns.strip().endswith(".toml") else _pairs(columns)
        for name, header in pairs:
            if name not in names:
                raise InputError("unknown_choice", "columns", value=name[:40], choices=names)
            if not header:
                raise InputError("columns_syntax", "columns", value=f"{name}=")
            mapping[header] = name
    ignored = frozenset(part.strip() for part in (ignore_columns or "").split(",") if part.strip())
    return ColumnPlan(names, mapping, ignored, ignore_unknown)


def _pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, header = part.partition("=")
        if not sep:
            raise InputError("columns_syntax", "columns", value=part.strip()[:40])
        pairs.append((name.strip(), header.strip()))
    return pairs


def _pairs_from_file(path: str) -> list[tuple[str, str]]:
    import tomllib

    try:
        content = Path(path.strip()).read_text(encoding="utf-8-sig")  # (a BOM is accepted)
        table = tomllib.loads(content).get("columns", {})
    except OSError as exc:
        raise InputError("input_unreadable", "columns", path=path,
                         error=exc.strerror or str(exc)) from None  # fmt: skip
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError("columns_syntax", "columns", value=str(exc)[:80]) from None
    if not isinstance(table, dict) or not all(isinstance(value, str) for value in table.values()):
        raise InputError("columns_syntax", "columns", value=path)
    return [(str(name), value.strip()) for name, value in table.items()]

"""Which column of a contracts file is which: deis-pay's names, French headers, a caller's map.

An HR export names its columns its own way (`Matricule`, `Date début contrat`, `Convention`,
`Taux AT/MP`…). A header is matched, in order, by the caller's map (`--columns
"id=Matricule,…"` or a TOML file), by deis-pay's own name, or by a French alias as HR exports
spell them (`FRENCH`), all compared without case, accents, spaces or punctuation. Two headers
of one column are refused, both named. A header that matches nothing is refused, the whole
file with it (a misspelt optional column must not be silently ignored), unless the caller
names it as ignored (`--ignore-columns`) or ignores every unknown one
(`--ignore-unknown-columns`), which still refuses a header that looks like a known column
(`Date de fin de période d'essai`: the words of `date fin`) and remembers the names it drops.

A categorical column (`CATEGORIES`: the grid, the employer's kind, a flag…) may come with a
value map (`--values "grid:CCN 66=sssms;Syntec=general"`, or a [values.grid] table of the
TOML file): its cells read through the map, compared the same way; a cell neither mapped nor
a known value fails its record, naming the value and the map.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from deis_pay.core.errors import InputError
from deis_pay.core.notices import Notice, notice
from deis_pay.core.values import parse_choice, parse_flag, parse_int, shown
from deis_pay.rules.contract import GRIDS, PROLONGATION_REASONS, TERRITORIES

# The names an export may give the columns, by deis-pay's name, as HR software and payroll
# exports spell them (compared through `_key`: `Date début contrat` is `date_debut_contrat` is
# `DateDebutContrat`). No alias may name two columns (tests/test_batch_hr.py). Left out on
# purpose: words an export uses for something else (`Niveau`, a job's classification;
# `Employeur`, the company's name; `Date d'entrée`, a hire that may precede the contract).
FRENCH: Mapping[str, tuple[str, ...]] = {
    "id": ("identifiant", "matricule", "n° matricule", "numéro de matricule", "code salarié"),
    "birth_date": (
        "date de naissance",
        "date naissance",
        "naissance",
        "né le",
        "née le",
        "né(e) le",
    ),
    "start": (
        "début",
        "date de début",
        "date début",
        "début du contrat",
        "début contrat",
        "date début contrat",
        "date de début du contrat",
        "date de début de contrat",
    ),
    "end": (
        "fin",
        "date de fin",
        "date fin",
        "fin du contrat",
        "fin contrat",
        "date fin contrat",
        "date de fin du contrat",
        "date de fin de contrat",
    ),
    "grid": ("grille", "convention", "convention collective", "CCN", "IDCC", "grille de salaire"),
    "smc": ("SMC", "salaire minimum conventionnel", "minimum conventionnel"),
    "territory": ("territoire",),
    "cycle_start_year": ("année du cycle", "année de cycle", "année du cycle au début"),
    "previous_start": (
        "début du contrat précédent",
        "début contrat précédent",
        "date début contrat précédent",
    ),
    "previous_end": (
        "fin du contrat précédent",
        "fin contrat précédent",
        "date fin contrat précédent",
    ),
    "previous_grid": ("grille du contrat précédent", "grille précédente", "convention précédente"),
    "previous_cycle_start_year": ("année du cycle précédent",),
    "previous_percent": ("pourcentage précédent", "taux précédent"),
    "same_level_related": ("même niveau en rapport direct", "même niveau"),
    "previous_diploma_years": ("durée du diplôme précédent", "durée diplôme précédent"),
    "licence_pro": ("licence professionnelle", "licence pro"),
    "prolonged_to": ("prolongé jusqu'au", "prolongation jusqu'au"),
    "prolongation_reason": ("motif de prolongation", "motif prolongation"),
    "signed": (
        "date de signature",
        "date signature",
        "signé le",
        "date de conclusion",
        "conclu le",
    ),
    "employer": ("type d'employeur", "type employeur", "catégorie d'employeur"),
    "headcount": ("effectif", "effectifs", "effectif salarié", "nombre de salariés", "nb salariés"),
    "atmp_rate": ("taux AT", "taux AT/MP", "taux ATMP", "AT/MP", "taux accident du travail"),
    "mobility_rate": (
        "versement mobilité",
        "taux versement mobilité",
        "taux de versement mobilité",
        "taux VM",
        "versement transport",
    ),
    "health_cover": ("mutuelle", "cotisation mutuelle", "complémentaire santé", "prime mutuelle"),
    "health_employer_share": (
        "part employeur mutuelle",
        "part patronale mutuelle",
        "part employeur complémentaire santé",
    ),
    "work_study_share": ("part d'alternants", "part alternants", "taux d'alternants"),
    "diploma_level": ("niveau de diplôme", "niveau diplôme", "niveau du diplôme"),
    "rqth": ("RQTH", "travailleur handicapé"),
    "overseas": ("outre-mer",),
}
# Words left out when a header is compared word by word with the aliases (`_alike`).
_SMALL_WORDS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "a", "au", "en", "et"})


def _key(name: str) -> str:
    """`Date début contrat`, `date_debut_contrat`, `DATE-DEBUT-CONTRAT` → `datedebutcontrat`:
    no case, accents, spaces or punctuation."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "", plain.lower())


def _words(name: str) -> frozenset[str]:
    """The words of a header, less the small ones: `Date de fin de période d'essai` →
    {date, fin, periode, essai}."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return frozenset(re.split(r"[^a-z0-9]+", plain.lower())) - _SMALL_WORDS - {""}


# The columns whose cells are one of a few values, and those values (what `--values` maps to,
# and what an unmapped cell must be). A flag is any of oui/non, true/false, 1/0; a diploma
# level any whole number, its range checked with the employer's other inputs.
_FLAG = ("oui", "non")
CATEGORIES: Mapping[str, tuple[str, ...]] = {
    "grid": GRIDS,
    "previous_grid": GRIDS,
    "territory": TERRITORIES,
    "prolongation_reason": PROLONGATION_REASONS,
    "employer": ("private", "association", "public"),
    "diploma_level": ("3", "4", "5", "6", "7", "8"),
    "same_level_related": _FLAG,
    "licence_pro": _FLAG,
    "rqth": _FLAG,
    "overseas": _FLAG,
}
# A value map remembers what each cell's text became (a dict lookup per cell after the first):
# up to this many texts a column, so that a file of all-different cells keeps its memory flat.
_REMEMBERED_VALUES = 4096
# The names --ignore-unknown-columns says it dropped: a JSON-lines file may invent new keys on
# every line; past this many, it says that there were more.
MAX_DROPPED = 50


def known_value(column: str, text: str) -> bool:
    """Whether a cell of a categorical column is read as it is, without a value map: `sssms`,
    `Branche`, `Légale`, `oui`, `5`."""
    try:
        if column == "diploma_level":
            parse_int(column, text, "diploma_level")
        elif CATEGORIES[column] is _FLAG:
            parse_flag(column, text)
        else:
            parse_choice(column, text, CATEGORIES[column])
    except InputError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """The caller's say on the columns of a file whose records have the fields `known`: its map
    (file header → deis-pay name), the headers to drop, whether any other unknown header is
    dropped too, and the value maps of categorical columns (column → {cell text → value})."""

    known: tuple[str, ...]
    mapping: Mapping[str, str] = field(default_factory=dict)
    ignored: frozenset[str] = frozenset()
    ignore_unknown: bool = False
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The headers --ignore-unknown-columns dropped, in the order met (at most MAX_DROPPED, and
    # `more_dropped` set past it): said on stderr by the batch command.
    dropped: list[str] = field(default_factory=list, compare=False)
    _names: dict[str, str] = field(init=False, repr=False, compare=False)
    _alike: dict[str, tuple[frozenset[str], ...]] = field(init=False, repr=False, compare=False)
    _maps: dict[str, dict[str, str]] = field(init=False, repr=False, compare=False)
    _cells: dict[str, dict[str, str | Notice]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Header (as `_key` writes it) → deis-pay's name: the caller's map first, then the
        # names themselves, then their French aliases. Built once: a JSON-lines batch asks
        # for every key of every record.
        by_key = {_key(header): name for header, name in self.mapping.items()}
        alike: dict[str, list[frozenset[str]]] = {}
        for header, name in self.mapping.items():
            alike.setdefault(name, []).append(_words(header))
        for name in self.known:
            by_key.setdefault(_key(name), name)
            alike.setdefault(name, []).append(_words(name.replace("_", " ")))
            for alias in FRENCH.get(name, ()):
                by_key.setdefault(_key(alias), name)
                alike[name].append(_words(alias))
        object.__setattr__(self, "_names", by_key)
        object.__setattr__(self, "_alike", {k: tuple(v) for k, v in alike.items()})
        maps = {c: {_key(text): value for text, value in m.items()} for c, m in self.values.items()}
        object.__setattr__(self, "_maps", maps)
        object.__setattr__(self, "_cells", {column: {} for column in maps})

    def name_of(self, header: str) -> str | None:
        """deis-pay's name for a header, or None when it matches none."""
        return self._names.get(_key(header))

    def looks_like(self, header: str) -> str | None:
        """The known column an unknown header seems to be, if any: one whose name or an alias
        has all its words in the header (`Date de fin de période d'essai` has those of
        `date fin`: end). `--ignore-unknown-columns` does not drop such a header silently."""
        words = _words(header)
        for name, word_sets in self._alike.items():
            if any(alias and alias <= words for alias in word_sets):
                return name
        return None

    def resolve(self, headers: Iterable[str]) -> list[str | None]:
        """deis-pay's name for each header, None for one the caller ignores. Raises
        InputError for headers that match nothing (all of them named), headers that
        --ignore-unknown-columns would drop although they look like a known column, or two
        headers that match the same name (both named)."""
        headers = list(headers)
        ignored = {_key(header) for header in self.ignored}
        names: list[str | None] = []
        unknown, alike, dropped = [], [], []
        for header in headers:
            if _key(header) in ignored:  # named as ignored: ignored, even a known name
                names.append(None)
                continue
            found = self._names.get(_key(header))
            if found is None:
                if not self.ignore_unknown:
                    unknown.append(header.strip())
                elif (like := self.looks_like(header)) is not None:
                    alike.append(f"{header.strip()} → {like}")
                else:
                    dropped.append(header.strip())
            names.append(found)
        if unknown:
            raise InputError("unknown_columns", "input", unknown=tuple(unknown), known=self.known)
        if alike:
            raise InputError("ignored_column_known", "input", pairs=tuple(alike))
        given = [name for name in names if name is not None]
        doubled = tuple(sorted({name for name in given if given.count(name) > 1}))
        if doubled:
            headers = tuple(header.strip() for header, name in zip(headers, names, strict=False)
                            if name in doubled)  # fmt: skip
            raise InputError("duplicate_columns", "input", names=doubled, headers=headers)
        for header in dropped:
            if header not in self.dropped and len(self.dropped) <= MAX_DROPPED:
                self.dropped.append(header)  # (one past the most: there were more)
        return names

    def translate(self, cells: dict[str, str | None]) -> Notice | None:
        """The value maps applied to a record's cells, in place: a mapped text becomes its
        value, a known value stays. A text neither mapped nor known is the record's error
        (`value_not_mapped`), returned; None when all are read."""
        for column, seen in self._cells.items():
            text = cells.get(column)
            if text is None:
                continue
            found = seen.get(text)
            if found is None:
                found = self._translated(column, text)
                if len(seen) < _REMEMBERED_VALUES:
                    seen[text] = found
            if isinstance(found, Notice):
                return found
            cells[column] = found
        return None

    def _translated(self, column: str, text: str) -> str | Notice:
        value = self._maps[column].get(_key(text))
        if value is not None:
            return value
        if known_value(column, text):
            return text
        mapped = tuple(shown(source) for source in list(self.values[column])[:10])
        more = ("…",) if len(self.values[column]) > 10 else ()
        return notice("value_not_mapped", column, value=shown(text), mapped=mapped + more,
                      choices=CATEGORIES[column])  # fmt: skip


def plan_from_options(
    columns: str | None,
    ignore_columns: str | None,
    ignore_unknown: bool,
    known: Iterable[str],
    values: Iterable[str] = (),
) -> ColumnPlan:
    """`--columns "birth_date=Date de naissance,id=Matricule"` (or a .toml file with a
    [columns] table of the same pairs, and [values.COLUMN] tables), `--ignore-columns
    "Nom,Prénom"` and `--values "grid:CCN 66=sssms;Syntec=general"` (one column each)."""
    names = tuple(known)
    mapping: dict[str, str] = {}
    maps: dict[str, list[tuple[str, str]]] = {}
    if columns is not None:
        if columns.strip().endswith(".toml"):
            pairs, maps = _from_file(columns)
        else:
            pairs = _pairs(columns)
        for name, header in pairs:
            if name not in names:
                raise InputError("unknown_choice", "columns", value=name[:40], choices=names)
            if not header:
                raise InputError("columns_syntax", "columns", value=f"{name}=")
            mapping[header] = name
    ignored = frozenset(part.strip() for part in (ignore_columns or "").split(",") if part.strip())
    plan = ColumnPlan(names, mapping, ignored, ignore_unknown)
    for text in values:
        column, sep, rest = text.partition(":")
        if not sep or not column.strip():
            raise InputError("values_syntax", "values", value=shown(text.strip()))
        maps.setdefault(column.strip(), []).extend(_value_pairs(rest, text))
    if not maps:
        return plan
    value_maps: dict[str, dict[str, str]] = {}
    for given, pairs in maps.items():
        found = plan.name_of(given)  # (deis-pay's name, or a header that names it)
        if found is None or found not in CATEGORIES:
            categorical = tuple(name for name in names if name in CATEGORIES)
            raise InputError("values_not_categorical", "values", column=shown(given),
                             choices=categorical)  # fmt: skip
        table = value_maps.setdefault(found, {})
        for source, value in pairs:  # (a text given twice: the last given wins)
            if not known_value(found, value):
                raise InputError("values_bad_target", "values", column=found,
                                 value=shown(value), choices=CATEGORIES[found])  # fmt: skip
            table[source] = value
    return ColumnPlan(names, mapping, ignored, ignore_unknown, value_maps)


def _value_pairs(text: str, whole: str) -> list[tuple[str, str]]:
    """`CCN 66=sssms;CCN 51=sssms` → [(CCN 66, sssms), (CCN 51, sssms)]."""
    pairs = []
    for part in text.split(";"):
        if not part.strip():
            continue
        source, sep, value = part.partition("=")
        if not sep or not _key(source) or not value.strip():
            raise InputError("values_syntax", "values", value=shown(whole.strip()))
        pairs.append((source.strip(), value.strip()))
    if not pairs:
        raise InputError("values_syntax", "values", value=shown(whole.strip()))
    return pairs


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


def _from_file(path: str) -> tuple[list[tuple[str, str]], dict[str, list[tuple[str, str]]]]:
    """The [columns] pairs and the [values.COLUMN] tables of a TOML file."""
    import tomllib

    try:
        content = Path(path.strip()).read_text(encoding="utf-8-sig")  # (a BOM is accepted)
        whole = tomllib.loads(content)
    except OSError as exc:
        raise InputError("input_unreadable", "columns", path=path,
                         error=exc.strerror or str(exc)) from None  # fmt: skip
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError("columns_syntax", "columns", value=str(exc)[:80]) from None
    table, values = whole.get("columns", {}), whole.get("values", {})
    if not isinstance(table, dict) or not all(isinstance(value, str) for value in table.values()):
        raise InputError("columns_syntax", "columns", value=path)
    maps: dict[str, list[tuple[str, str]]] = {}
    if not isinstance(values, dict):
        raise InputError("values_syntax", "values", value=shown(path))
    for column, pairs in values.items():
        if not isinstance(pairs, dict) or not all(
            isinstance(value, str) and value.strip() and _key(source)
            for source, value in pairs.items()
        ):
            raise InputError("values_syntax", "values", value=shown(f"[values.{column}]"))
        maps[str(column)] = [(str(source).strip(), text.strip()) for source, text in pairs.items()]
    return [(str(name), value.strip()) for name, value in table.items()], maps

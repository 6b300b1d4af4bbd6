"""The pure computation core: the minimum pay of an apprenticeship contract, month by month.

Implements pay-rules.md §3–§6. No I/O: it takes dates, amounts and the loaded dataset, and
returns a `Schedule`. Bad input raises `InputError` with a one-line French message that the CLI
and the batch command show as is.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from .data import AgeBracket, Dataset, GridId, SmicRecord, Territory, default_dataset
from .dates import (
    ONE_DAY,
    add_years,
    age_on,
    days_between,
    days_in_month,
    end_after_months,
    first_of_next_month,
)
from .errors import InputError
from .i18n import day as day_text
from .i18n import num, tr
from .models import (
    SCHEMA_VERSION,
    Aid,
    Base,
    CalendarYearTotal,
    Change,
    ChangeKind,
    ContractInputs,
    ContractYearTotal,
    Month,
    Schedule,
    Segment,
    SourceRef,
)
from .money import percent_of, prorate, round_cents

# Age brackets of art. D6222-26: (first age of the bracket, label). A new bracket takes effect
# on the 1st of the month after the birthday that reaches it (art. D6222-31).
BRACKETS: tuple[tuple[int, AgeBracket], ...] = (
    (0, "<18"),
    (18, "18-20"),
    (21, "21-25"),
    (26, "26+"),
)
_BRACKET_OF_FIRST_AGE: dict[int, AgeBracket] = dict(BRACKETS)
GRIDS: tuple[GridId, ...] = ("general", "sssms")
TERRITORIES: tuple[Territory, ...] = ("metropole", "mayotte")
# Contracts concluded before this date had the pre-2019 grid (art. D6222-26 in its former wording).
FIRST_SUPPORTED_START = date(2019, 1, 1)
# Duration limits (art. L6222-7-1: 6 months to 3 years; 4 years with a recognised disability).
MIN_MONTHS, USUAL_MAX_MONTHS, ABSOLUTE_MAX_MONTHS = 6, 36, 48
# Age at the start of the contract (art. L6222-1): 16 to 29, with exceptions on both sides.
MIN_USUAL_AGE, MAX_USUAL_AGE = 16, 29
LAST_CYCLE_YEAR = 3


def clear_caches() -> None:
    """Forget computed results (they hold sentences in the language of the time)."""
    _pay.cache_clear()


@dataclass(frozen=True, slots=True)
class _Terms:
    """What sets the pay rate on a given day."""

    contract_year: int
    age_bracket: AgeBracket
    rate_percent: Decimal
    base: Base
    base_amount: Decimal
    smic: SmicRecord
    monthly_rate: Decimal


@dataclass(frozen=True, slots=True)
class _PayKey:
    """All that the pay of a contract depends on. The birth date enters only through the age
    bracket on the start date and the days a higher bracket takes effect, so contracts of
    people born in the same month often share a key (and, in a batch, the computation)."""

    start: date
    end: date
    grid: GridId
    smc: Decimal | None
    territory: Territory
    cycle_start_year: int
    first_age_of_bracket_at_start: int
    bracket_changes: tuple[tuple[date, int], ...]

    @classmethod
    def of(cls, inputs: ContractInputs) -> _PayKey:
        age = age_on(inputs.birth_date, inputs.start)
        # Days on which a higher age bracket takes effect during the contract (D6222-31).
        changes = []
        for first_age, _ in BRACKETS[1:]:
            birthday = add_years(inputs.birth_date, first_age)
            effective = first_of_next_month(birthday)
            if birthday > inputs.start and effective <= inputs.end:
                changes.append((effective, first_age))
        return cls(
            inputs.start,
            inputs.end,
            inputs.grid,
            inputs.smc,
            inputs.territory,
            inputs.cycle_start_year,
            max(first_age for first_age, _ in BRACKETS if age >= first_age),
            tuple(changes),
        )


@dataclass(frozen=True, slots=True)
class _Pay:
    """The part of a schedule that depends on the `_PayKey` only."""

    months: tuple[Month, ...]
    contract_years: tuple[ContractYearTotal, ...]
    calendar_years: tuple[CalendarYearTotal, ...]
    total_gross: Decimal
    changes: tuple[Change, ...]
    sources: tuple[SourceRef, ...]
    projected_from: date | None
    warnings: tuple[str, ...]


class _Contract:
    """A checked contract and the lookups the day-by-day rules need."""

    def __init__(self, key: _PayKey, data: Dataset) -> None:
        self.key = key
        self.grid = data.grids.in_force(key.grid, key.start)
        self.general = data.grids.in_force("general", key.start)
        self.smic_records = data.smic.records(key.territory)
        self.smic_starts = [r.from_ for r in self.smic_records]
        self.bracket_changes = key.bracket_changes
        self._terms: dict[tuple[int, int, int], _Terms] = {}
        self.anniversaries: list[date] = []
        k = 1
        while (anniversary := add_years(key.start, k)) <= key.end:
            self.anniversaries.append(anniversary)
            k += 1

    def cut_points(self) -> list[date]:
        """Every day on which a segment may begin."""
        start, end = self.key.start, self.key.end
        cuts = {start}
        month = first_of_next_month(start)
        while month <= end:
            cuts.add(month)
            month = first_of_next_month(month)
        cuts.update(self.anniversaries)
        cuts.update(d for d, _ in self.bracket_changes)
        cuts.update(d for d in self.smic_starts if start < d <= end)
        return sorted(cuts)

    def terms_on(self, day: date) -> _Terms:
        contract_year = bisect_right(self.anniversaries, day) + 1
        age = self.key.first_age_of_bracket_at_start
        for effective, first_age in self.bracket_changes:
            if effective <= day and first_age > age:
                age = first_age
        smic_index = bisect_right(self.smic_starts, day) - 1
        # Most days of a contract share their terms with the day before: compute each once.
        known = self._terms.get((contract_year, age, smic_index))
        if known is None:
            known = self._terms_for(contract_year, age, self.smic_records[smic_index])
            self._terms[(contract_year, age, smic_index)] = known
        return known

    def _terms_for(self, contract_year: int, age: int, smic: SmicRecord) -> _Terms:
        bracket = _BRACKET_OF_FIRST_AGE[age]
        # Contract year k is paid at the rate of cycle year k + offset, capped at year 3
        # (art. D6222-28-1 for a contract that starts after year 1 of the cycle).
        cycle_year = min(contract_year + self.key.cycle_start_year - 1, LAST_CYCLE_YEAR)
        row = self.grid.rates.get(bracket)
        if row is None:  # SSSMS publishes no under-18 row: the legal row applies.
            row = self.general.rates[bracket]
        rate = row[cycle_year - 1]
        smc = self.key.smc
        base: Base = "smic"
        amount = smic.monthly_amount
        if smc is not None and bracket in self.grid.smc_brackets and smc > amount:
            base, amount = "smc", smc
        return _Terms(contract_year, bracket, rate, base, amount, smic, percent_of(rate, amount))


def check_contract(
    birth_date: date,
    start: date | None = None,
    end: date | None = None,
    *,
    months: int | None = None,
    grid: str = "general",
    smc: Decimal | None = None,
    territory: str = "metropole",
    cycle_start_year: int = 1,
    data: Dataset | None = None,
) -> ContractInputs:
    """Apply the defaults of the seed's programme and refuse what deis-pay cannot compute."""
    data = data if data is not None else default_dataset()
    programme = data.programme
    if grid not in GRIDS:
        raise InputError(tr("grille inconnue « {grid} » : choisir general ou sssms", grid=grid))
    if territory not in TERRITORIES:
        raise InputError(
            tr(
                "territoire inconnu « {territory} » : choisir metropole ou mayotte",
                territory=territory,
            )
        )
    if isinstance(cycle_start_year, bool) or cycle_start_year not in (1, 2, 3):
        raise InputError(
            tr("année du cycle de départ {year} : choisir 1, 2 ou 3", year=cycle_start_year)
        )
    if smc is not None and not (smc.is_finite() and smc > 0):
        raise InputError(tr("SMC {smc} : un montant mensuel brut positif est attendu", smc=smc))
    if smc is not None and smc != round_cents(smc):
        raise InputError(tr("SMC {smc} : un montant en euros a au plus deux décimales", smc=smc))
    if end is not None and months is not None:
        raise InputError(tr("donner la fin du contrat ou sa durée en mois, pas les deux"))
    if months is not None and months <= 0:
        raise InputError(
            tr("durée de {months} mois : un nombre de mois positif est attendu", months=months)
        )
    start = start if start is not None else programme.default_start
    if end is None:
        end = end_after_months(start, months if months is not None else programme.duration_months)
    if start < FIRST_SUPPORTED_START:
        raise InputError(
            tr(
                "début du contrat le {start} : les contrats conclus avant le 01/01/2019 "
                "relevaient d'une autre grille, non prise en charge",
                start=day_text(start),
            )
        )
    first_smic = data.smic.records(territory)[0].from_
    if start < first_smic:
        raise InputError(
            tr(
                "début du contrat le {start} : SMIC de {territory} inconnu avant le {first}",
                start=day_text(start),
                territory=territory,
                first=day_text(first_smic),
            )
        )
    if end < start:
        raise InputError(
            tr(
                "la fin du contrat ({end}) précède son début ({start})",
                end=day_text(end),
                start=day_text(start),
            )
        )
    if birth_date > start:
        raise InputError(
            tr(
                "date de naissance ({birth}) postérieure au début du contrat ({start})",
                birth=day_text(birth_date),
                start=day_text(start),
            )
        )
    longest = end_after_months(start, ABSOLUTE_MAX_MONTHS)
    if end > longest:
        raise InputError(
            tr(
                "contrat du {start} au {end} : plus de 4 ans, la durée maximale "
                "(fin au plus tard le {longest})",
                start=day_text(start),
                end=day_text(end),
                longest=day_text(longest),
            )
        )
    return ContractInputs(
        birth_date=birth_date,
        start=start,
        end=end,
        grid=grid,
        smc=smc,
        territory=territory,
        cycle_start_year=cycle_start_year,
    )


def compute_schedule(
    birth_date: date,
    start: date | None = None,
    end: date | None = None,
    *,
    months: int | None = None,
    grid: str = "general",
    smc: Decimal | None = None,
    territory: str = "metropole",
    cycle_start_year: int = 1,
    data: Dataset | None = None,
) -> Schedule:
    """Minimum gross pay of every month of the contract, with totals, aids, changes and sources.

    Defaults are the seed's DEIS contract (01/09/2025 → 29/02/2028), the legal grid and mainland
    France. Raises `InputError` for a contract deis-pay cannot compute.
    """
    data = data if data is not None else default_dataset()
    inputs = check_contract(
        birth_date,
        start,
        end,
        months=months,
        grid=grid,
        smc=smc,
        territory=territory,
        cycle_start_year=cycle_start_year,
        data=data,
    )
    return schedule_for(inputs, data)


def schedule_for(inputs: ContractInputs, data: Dataset) -> Schedule:
    """The schedule of an already checked contract (see `check_contract`)."""
    pay = _pay(_PayKey.of(inputs), data)
    return Schedule(
        schema_version=SCHEMA_VERSION,
        inputs=inputs,
        months=pay.months,
        contract_years=pay.contract_years,
        calendar_years=pay.calendar_years,
        total_gross=pay.total_gross,
        aids=(_driving_licence(inputs, data),),
        changes=pay.changes,
        sources=pay.sources,
        data_verified_through=data.verified_through,
        projected_from=pay.projected_from,
        warnings=(*_age_warnings(age_on(inputs.birth_date, inputs.start)), *pay.warnings),
    )


# Results are immutable, so contracts with the same key share one computation (a batch of
# contracts starting on the same days with the same options computes each key once).
@lru_cache(maxsize=1024)
def _pay(key: _PayKey, data: Dataset) -> _Pay:
    contract = _Contract(key, data)
    cuts = contract.cut_points()
    spans: list[tuple[date, date, _Terms]] = []
    for i, first in enumerate(cuts):
        last = cuts[i + 1] - ONE_DAY if i + 1 < len(cuts) else key.end
        spans.append((first, last, contract.terms_on(first)))

    verified = data.verified_through
    months: list[Month] = []
    segments: list[Segment] = []
    for first, last, terms in spans:
        days = days_between(first, last)
        segment = Segment(
            from_=first,
            to=last,
            days=days,
            contract_year=terms.contract_year,
            age_bracket=terms.age_bracket,
            rate_percent=terms.rate_percent,
            base=terms.base,
            base_amount=terms.base_amount,
            monthly_rate=terms.monthly_rate,
            gross=prorate(terms.monthly_rate, days, days_in_month(first)),
        )
        if segments and segments[0].from_.month != first.month:
            months.append(_month(segments, verified))
            segments = []
        segments.append(segment)
    months.append(_month(segments, verified))

    all_segments = [s for m in months for s in m.segments]
    projected = any(m.projected for m in months)
    changes = _changes(spans, contract)
    return _Pay(
        months=tuple(months),
        contract_years=tuple(_contract_year_totals(key, contract.anniversaries, all_segments)),
        calendar_years=tuple(
            CalendarYearTotal(year=year, gross=gross)
            for year, gross in _sum_by((s.from_.year, s.gross) for s in all_segments).items()
        ),
        total_gross=sum((m.gross for m in months), Decimal(0)),
        changes=tuple(changes),
        sources=_sources(key, contract, spans, changes, data),
        projected_from=next(
            (m.segments[0].from_.replace(day=1) for m in months if m.projected), None
        ),
        warnings=tuple(_pay_warnings(key, contract, all_segments, projected, data)),
    )


def _month(segments: list[Segment], verified: date) -> Month:
    first = segments[0].from_
    return Month(
        month=f"{first.year:04d}-{first.month:02d}",
        gross=sum((s.gross for s in segments), Decimal(0)),
        # The SMIC of a month is the one in force on its 1st (revaluations fall on the 1st):
        # a month is a projection when it starts after the data was last checked.
        projected=first.replace(day=1) > verified,
        segments=tuple(segments),
    )


def _sum_by(pairs: Iterable[tuple[int, Decimal]]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = {}
    for key, amount in pairs:
        totals[key] = totals.get(key, Decimal(0)) + amount
    return totals


def _contract_year_totals(
    key: _PayKey, anniversaries: list[date], segments: list[Segment]
) -> list[ContractYearTotal]:
    bounds = [key.start, *anniversaries]
    totals = _sum_by((s.contract_year, s.gross) for s in segments)
    return [
        ContractYearTotal(
            year=year,
            from_=bounds[year - 1],
            to=min(bounds[year] - ONE_DAY, key.end) if year < len(bounds) else key.end,
            gross=gross,
        )
        for year, gross in totals.items()
    ]


def _changes(spans: list[tuple[date, date, _Terms]], contract: _Contract) -> list[Change]:
    """Each change of rate or base during the contract, one entry per cause (for --explain)."""
    changes: list[Change] = []
    grid_source = contract.grid.source
    for (_, _, old), (day, _, new) in itertools.pairwise(spans):
        causes: list[tuple[ChangeKind, str, str, str]] = []
        if new.contract_year != old.contract_year:
            source = "D6222-28-1" if contract.key.cycle_start_year > 1 else grid_source
            causes.append(("contract_year", str(old.contract_year), str(new.contract_year), source))
        if new.age_bracket != old.age_bracket:
            causes.append(("age_bracket", old.age_bracket, new.age_bracket, "D6222-31"))
        if new.base != old.base:
            causes.append(("base", old.base, new.base, grid_source))
        elif new.base == "smic" and new.base_amount != old.base_amount:
            causes.append(("smic", str(old.base_amount), str(new.base_amount), new.smic.source))
        for kind, before, after, source in causes:
            changes.append(
                Change(
                    date_=day,
                    kind=kind,
                    before=before,
                    after=after,
                    monthly_rate_before=old.monthly_rate,
                    monthly_rate_after=new.monthly_rate,
                    source=source,
                )
            )
    return changes


def _age_warnings(age: int) -> tuple[str, ...]:
    if age < MIN_USUAL_AGE:
        return (
            tr(
                "{age} ans au début du contrat : avant 16 ans, l'apprentissage n'est ouvert que "
                "par exception (15 ans ayant terminé la classe de 3e, art. L6222-1) ; payé comme "
                "un moins de 18 ans",
                age=age,
            ),
        )
    if age > MAX_USUAL_AGE:
        return (
            tr(
                "{age} ans au début du contrat : au-delà de 29 ans, l'apprentissage n'est ouvert "
                "que par exception (RQTH, projet de création d'entreprise, sportif de haut "
                "niveau…, art. L6222-2)",
                age=age,
            ),
        )
    return ()


def _pay_warnings(
    key: _PayKey,
    contract: _Contract,
    segments: list[Segment],
    projected: bool,
    data: Dataset,
) -> list[str]:
    warnings: list[str] = []
    if key.end < end_after_months(key.start, MIN_MONTHS):
        warnings.append(
            tr(
                "contrat de moins de 6 mois : en dessous de la durée minimale (art. L6222-7-1), "
                "sauf exceptions prévues par l'art. L6222-12-1"
            )
        )
    if key.end > end_after_months(key.start, USUAL_MAX_MONTHS):
        warnings.append(
            tr(
                "contrat de plus de 3 ans : possible seulement pour un apprenti reconnu "
                "travailleur handicapé (RQTH, jusqu'à 4 ans) ; au-delà de la 3e année, le taux "
                "de la 3e année est appliqué"
            )
        )
    if contract.grid.note and any(s.age_bracket not in contract.grid.rates for s in segments):
        warnings.append(tr(contract.grid.note))
    if key.smc is not None and all(s.base == "smic" for s in segments):
        warnings.append(
            tr(
                "SMC sans effet : il n'est retenu qu'à partir de 21 ans et seulement s'il "
                "dépasse le SMIC, ce qui n'arrive à aucun moment de ce contrat"
            )
        )
    if projected:
        last = contract.smic_records[-1]
        warnings.append(
            tr(
                "données vérifiées jusqu'au {verified} : les mois suivants sont des projections "
                "au dernier SMIC connu ({hourly} €/h depuis le {since})",
                verified=day_text(data.verified_through),
                hourly=num(last.hourly),
                since=day_text(last.from_),
            )
        )
    return warnings


def _driving_licence(inputs: ContractInputs, data: Dataset) -> Aid:
    """Window in which the €500 driving-licence aid could be requested (pay-rules.md §6)."""
    aid = data.aids.driving_licence
    adult = add_years(inputs.birth_date, aid.min_age)
    first = max(inputs.start, adult, aid.first_request)
    last = min(inputs.end, aid.last_request)
    if first <= last:
        reason = tr(
            "demande possible du {first} au {last} : apprenti d'au moins {age} ans, contrat en "
            "cours, demande faite au plus tard le {deadline}",
            first=day_text(first),
            last=day_text(last),
            age=aid.min_age,
            deadline=day_text(aid.last_request),
        )
        window: tuple[date | None, date | None] = (first, last)
    else:
        if inputs.start > aid.last_request:
            reason = tr(
                "contrat commencé après la fin de l'aide (demandes possibles jusqu'au {deadline})",
                deadline=day_text(aid.last_request),
            )
        elif inputs.end < aid.first_request:
            reason = tr(
                "contrat terminé avant la création de l'aide ({first})",
                first=day_text(aid.first_request),
            )
        elif adult > inputs.end:
            reason = tr(
                "{age} ans le {birthday}, après la fin du contrat",
                age=aid.min_age,
                birthday=day_text(adult),
            )
        else:
            reason = tr(
                "{age} ans le {birthday}, après la fin de l'aide (demandes possibles jusqu'au "
                "{deadline})",
                age=aid.min_age,
                birthday=day_text(adult),
                deadline=day_text(aid.last_request),
            )
        window = (None, None)
    return Aid(
        id="driving_licence",
        name=tr(aid.name),
        amount=aid.amount,
        eligible=window[0] is not None,
        request_from=window[0],
        request_to=window[1],
        reason=reason,
        source=aid.source,
    )


def _sources(
    key: _PayKey,
    contract: _Contract,
    spans: list[tuple[date, date, _Terms]],
    changes: list[Change],
    data: Dataset,
) -> tuple[SourceRef, ...]:
    ids: list[str] = ["D6222-26", contract.grid.source]
    if key.cycle_start_year > 1:
        ids.append("D6222-28-1")
    if any(c.kind == "age_bracket" for c in changes):
        ids.append("D6222-31")
    ids.extend(terms.smic.source for _, _, terms in spans)
    aid = data.aids.driving_licence
    ids.extend((aid.source, aid.end_source))
    return tuple(source_ref(data, source_id) for source_id in dict.fromkeys(ids))


@lru_cache(maxsize=256)
def source_ref(data: Dataset, source_id: str) -> SourceRef:
    """The reference to a legal text as shown in results (one object per text and dataset)."""
    source = data.source(source_id)
    return SourceRef(id=source.id, title=source.title, url=source.url)


__all__ = ["check_contract", "compute_schedule", "schedule_for"]

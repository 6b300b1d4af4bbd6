"""Hypothesis strategies for tests/test_fuzz.py: option values and batch records, valid and hostile.

Every generator is bounded: the biggest value is an integer of 5 000 digits, except the one
deliberate large cell of the batch tests (about 1.5 MB, built by the test itself).
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

# Text that is not one line of text: controls, NEL, the Unicode separators, lone surrogates
# (bytes that were not UTF-8, as Python reads them), inserted into a valid value.
NOT_ONE_LINE = ("\n", "\r", "\x00", "\x1b[31m", "\x85", "\u2028", "\u2029", "\udcff", "\ud800")


def broken(values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A value with a character of NOT_ONE_LINE put somewhere in it."""
    return st.tuples(values, st.sampled_from(NOT_ONE_LINE), st.integers(0, 12)).map(
        lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :]
    )


# --- dates ---------------------------------------------------------------------------------


def _iso(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _french(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _formatted(days: st.SearchStrategy[date]) -> st.SearchStrategy[str]:
    return st.tuples(days, st.booleans()).map(lambda t: _iso(t[0]) if t[1] else _french(t[0]))


HOSTILE_DATES = (
    "0001-01-01",
    "01/01/0001",
    "9999-12-31",
    "31/12/9999",
    "9999-01-01",
    "2005-02-30",
    "30/02/2005",
    "2005-13-01",
    "2005-00-10",
    "0000-01-01",
    "00/00/0000",
    "2005-5-10",
    "10.05.2005",
    "2005-05-10T00:00",
    " 2005-05-10 ",
    "\uff12\uff10\uff10\uff15-05-10",  # full-width digits: \d matches them
    "2005-05-10\n",
    "",
    " ",
    "hier",
    "é",
    "\u202e2005-05-10",
    "-2005-05-10",
)

any_date = _formatted(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
birth_dates = _formatted(st.dates(min_value=date(1950, 1, 1), max_value=date(2012, 12, 31)))
contract_dates = _formatted(st.dates(min_value=date(2018, 6, 1), max_value=date(2031, 12, 31)))
dates = st.one_of(
    contract_dates, birth_dates, any_date, st.sampled_from(HOSTILE_DATES), st.text(max_size=12)
)
dates = st.one_of(dates, dates, dates, broken(birth_dates))
births = st.one_of(birth_dates, birth_dates, dates)

# --- integers (--months, --headcount, --cycle-start-year, --diploma-level, --workers) -------

huge_integers = st.integers(min_value=20, max_value=5000).map(lambda n: "9" * n)
HOSTILE_INTEGERS = (
    "0",
    "-1",
    "-3",
    "+2",
    " 3 ",
    "1.5",
    "1e3",
    "",
    " ",
    "٣",  # an Arabic-Indic three: \d matches it
    "Ⅲ",
    "3\u00a0",
    "0x10",
    "1_000",
    "100000",
    "-100000",
    "4300",
    "9" * 4300,
    "9" * 4301,
)
integers = st.one_of(
    st.integers(min_value=-5, max_value=60).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    huge_integers,
    st.sampled_from(HOSTILE_INTEGERS),
)
small_integers = st.one_of(st.integers(min_value=-2, max_value=4).map(str), integers)

# --- amounts and percentages ----------------------------------------------------------------

HOSTILE_AMOUNTS = (
    "NaN",
    "nan",
    "sNaN",
    "inf",
    "-Infinity",
    "1e3",
    "1E-5",
    "-5",
    "-0",
    "0",
    "0,00",
    "0.001",
    "+2100",
    ".5",
    "5.",
    ",",
    ".",
    "",
    " ",
    "2 100,50",
    "2\u202f100,50",
    "2100,50 €",
    "deux mille",
    "1" * 25,
    "9" * 30,
    "9" * 30 + ".99",
    "0." + "0" * 40 + "1",
    "1e9",
    "1000000000",
    "99999999999999999999999999",
)
long_amounts = st.tuples(
    st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=40)
).map(lambda t: "9" * t[0] + ("." + "5" * t[1] if t[1] else ""))
amounts = st.one_of(
    st.decimals(min_value=0, max_value=10_000, places=2).map(str),
    st.decimals(min_value=-(10**9), max_value=10**30, places=2).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    long_amounts,
    st.sampled_from(HOSTILE_AMOUNTS),
    st.text(max_size=8),
)
percents = st.one_of(
    st.decimals(min_value=0, max_value=100, places=2).map(str),
    st.decimals(min_value=0, max_value=100, places=40).map(str),
    st.sampled_from(("2,08 %", "100", "100.0000000000000000000000000001", "50%", "-0")),
    amounts,
)

# --- choices ----------------------------------------------------------------------------------


def choices(*valid: str) -> st.SearchStrategy[str]:
    """Mostly a valid choice (sometimes in capitals or padded), sometimes anything."""
    hostile = st.sampled_from(
        (
            "",
            " ",
            "xml",
            "général",
            "\uff27\uff25\uff2e\uff25\uff32\uff21\uff2c",
            "json\n",
            "\u0130",
            "e\u2028n",
            "fr\udcff",
        )
    )
    return st.one_of(
        st.sampled_from(valid),
        st.sampled_from(valid).map(str.upper),
        st.sampled_from(valid).map(lambda v: f" {v} "),
        hostile,
        st.text(max_size=8),
    )


# --- batch cells ------------------------------------------------------------------------------

COLUMN_CELLS: dict[str, st.SearchStrategy[str]] = {
    "id": st.one_of(st.text(min_size=1, max_size=6), st.from_regex(r"A-\d{3}", fullmatch=True)),
    "birth_date": births,
    "start": st.one_of(st.just(""), contract_dates, dates),
    "end": st.one_of(st.just(""), contract_dates, dates),
    "grid": st.one_of(st.just(""), choices("general", "sssms")),
    "smc": st.one_of(st.just(""), amounts),
    "territory": st.one_of(st.just(""), choices("metropole", "mayotte")),
    "cycle_start_year": st.one_of(st.just(""), small_integers),
    # The apprentice's history (flags as oui/non, true/false, 1/0, or anything else).
    "previous_start": st.one_of(st.just(""), contract_dates, dates),
    "previous_end": st.one_of(st.just(""), contract_dates, dates),
    "previous_grid": st.one_of(st.just(""), choices("general", "sssms")),
    "previous_cycle_start_year": st.one_of(st.just(""), small_integers),
    "previous_percent": st.one_of(st.just(""), percents),
    "same_level_related": st.one_of(st.just(""), choices("oui", "non", "true", "0")),
    "previous_diploma_years": st.one_of(st.just(""), small_integers),
    "licence_pro": st.one_of(st.just(""), choices("oui", "non", "true", "0")),
    "prolonged_to": st.one_of(st.just(""), contract_dates, dates),
    "prolongation_reason": st.one_of(st.just(""), choices("exam", "rqth")),
    # The employer's columns (read with --with net or cost only).
    "signed": st.one_of(st.just(""), contract_dates, dates),
    "employer": st.one_of(st.just(""), choices("private", "association", "public")),
    "headcount": st.one_of(st.just(""), integers),
    "atmp_rate": st.one_of(st.just(""), percents),
    "mobility_rate": st.one_of(st.just(""), percents),
    "health_cover": st.one_of(st.just(""), amounts),
    "health_employer_share": st.one_of(st.just(""), percents),
    "work_study_share": st.one_of(st.just(""), percents),
    "diploma_level": st.one_of(st.just(""), small_integers),
    "rqth": st.one_of(st.just(""), choices("oui", "non", "true", "0")),
    "overseas": st.one_of(st.just(""), choices("oui", "non", "true", "0")),
}

# JSON values a JSONL record may hold: texts mostly, and everything JSON allows.
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)

"""The batch's shared summary lines (`batch.lines._SharedLines`) against each record computed alone.

A record whose cells but the id equal an earlier record's, and whose birth date has the same
`BirthTerms`, gets that record's line with its own head; a record whose cells but the birth date
equal an earlier one's is computed from that record's contract. Either way its line must be
byte for byte the line it gets computed alone, with every cache empty."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

import pytest

from deis_pay.batch import lines as batch
from deis_pay.batch.lines import Extras, compute, json_line, render
from deis_pay.batch.read import COLUMNS, Record
from deis_pay.core.memo import clear_all
from deis_pay.data.loader import default_dataset
from deis_pay.i18n.language import set_language
from deis_pay.rules.models import NO_HISTORY
from deis_pay.rules.terms import birth_terms

DATA = default_dataset()
STARTS = (date(2025, 9, 1), date(2025, 10, 15))


def _records(rng: random.Random, count: int) -> list[Record]:
    """Few contexts and many apprentices, as in a cohort: ages 15 to 31, some born on a
    29 February, some after the start or with a date that does not exist, some with a
    history or an SMC."""
    records: list[Record] = []
    # Of the same `BirthTerms`, but 21 before and after the end of the previous contract's
    # last month: that contract's age bracket, hence its floor (D6222-29), differs.
    for born in ("2004-05-10", "2004-08-20"):
        cells: dict[str, str | None] = dict.fromkeys(COLUMNS)
        cells.update(id=born, birth_date=born, start="2025-09-01", end="2027-08-31",
                     previous_start="2023-09-01", previous_end="2025-08-31")  # fmt: skip
        records.append(Record(len(records) + 2, born, cells))
    for line in range(len(records) + 2, count + 2):
        start = rng.choice(STARTS)
        end = start + timedelta(days=rng.choice((729, 1094)))
        if rng.random() < 0.05:
            birth_text = "31/02/2005"
        elif rng.random() < 0.05:
            birth_text = (start + timedelta(days=rng.randrange(1, 30))).isoformat()
        elif rng.random() < 0.05:
            birth_text = f"29/02/{rng.choice((2004, 2008))}"
        else:
            birth = start - timedelta(days=rng.randrange(15 * 365, 31 * 365))
            birth_text = birth.isoformat() if rng.random() < 0.5 else birth.strftime("%d/%m/%Y")
        cells = dict.fromkeys(COLUMNS)
        cells.update(
            id=f"C{line}",
            birth_date=birth_text,
            start=start.isoformat(),
            end=end.isoformat(),
            grid=rng.choice(("general", "sssms") * 4 + ("Légale",)),
            smc=rng.choice((None,) * 8 + ("2500", "2500.0")),
        )
        if rng.random() < 0.15:
            cells["previous_percent"] = rng.choice(("55", "80"))
        if rng.random() < 0.1:
            cells["licence_pro"] = "oui"
        if rng.random() < 0.15:  # its age bracket is read on the birth date itself
            cells["previous_start"] = (start - timedelta(days=730)).isoformat()
            cells["previous_end"] = (start - timedelta(days=1)).isoformat()
        records.append(Record(line, f"C{line}", cells))
    return records


def _alone(record: Record, extras: Extras) -> str:
    clear_all()
    return json_line(compute(record, DATA, extras, summary=True), "summary", batch._data_tail(DATA))


@pytest.mark.parametrize(
    ("extras", "count"), [(batch.NO_EXTRAS, 600), (Extras(net=True, cost=True), 200)]
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_shared_line_is_the_line_computed_alone(
    extras: Extras, count: int, language: str
) -> None:
    set_language(language)
    try:
        records = _records(random.Random(20261130 + count), count)
        clear_all()
        computed: list[bool] = []  # for each record computed: from an earlier one's contract
        real_compute = batch.compute

        def counting(record: Record, *args: Any, **kwargs: Any) -> batch.Outcome:
            computed.append(kwargs.get("known") is not None)
            return real_compute(record, *args, **kwargs)

        batch.compute = counting
        try:
            shared = [text for _, _, text in render(records, DATA, "summary", "jsonl", extras)]
        finally:
            batch.compute = real_compute
        # The draw must exercise both kinds of sharing, or this test proves nothing.
        assert len(computed) < 0.9 * len(records)
        assert sum(computed) > 0.25 * len(records)
        failed = sum(not json.loads(text)["ok"] for text in shared)
        assert failed > 0.05 * len(records)  # refused births are computed, to say so
        for record, text in zip(records, shared, strict=True):
            assert text == _alone(record, extras), record
    finally:
        set_language("fr")


def test_birth_terms_hold_all_a_contract_without_history_reads_of_the_birth_date() -> None:
    """Two apprentices of a contract, with the same terms: the same summary but the head."""
    rng = random.Random(7)
    start, end = date(2025, 9, 1), date(2027, 8, 31)
    by_terms: dict[object, str] = {}
    pairs = 0
    for _ in range(3000):
        birth = start - timedelta(days=rng.randrange(15 * 365, 31 * 365))
        cells: dict[str, str | None] = dict.fromkeys(COLUMNS)
        cells.update(id="x", birth_date=birth.isoformat(), start=start.isoformat(),
                     end=end.isoformat())  # fmt: skip
        outcome = compute(Record(2, "x", cells), DATA, summary=True)
        assert outcome.inputs is not None and outcome.inputs.history is NO_HISTORY
        # (The same but the birth date its assumptions state, the only other date before
        # the start: the aids and years follow it.)
        line = json_line(outcome, "summary", "}\n").replace(birth.isoformat(), "birth")
        terms = birth_terms(birth, start, end, DATA)
        if terms in by_terms:
            pairs += 1
            assert line == by_terms[terms], birth
        by_terms[terms] = line
    assert pairs > 2000


def test_said_texts_follow_the_language_they_were_written_in() -> None:
    """The aid's sentence and the warnings are kept once written (`_PayWritten.said` in
    batch/lines.py): a batch in English after one in French, then French again, with nothing
    emptied in between, writes each line as it is written alone in that language."""
    records = _records(random.Random(11), 150)
    try:
        clear_all()
        runs = {}
        for language in ("fr", "en", "fr"):
            set_language(language)
            runs[language] = [text for _, _, text in render(records, DATA, "summary", "jsonl")]
        assert runs["fr"] != runs["en"]
        for language, texts in runs.items():
            set_language(language)
            alone = [_alone(record, batch.NO_EXTRAS) for record in records[:40]]
            assert texts[:40] == alone, language
    finally:
        set_language("fr")


def test_equal_employer_rates_are_written_as_each_row_gives_them() -> None:
    """2.5 and 2.50 are the same AT/MP rate, written as given: the parts of a cost kept for the
    next contracts (`batch.lines._cost_json`) are kept by the options as written."""
    records = []
    for line, rate in enumerate(("2.5", "2.50", "2.5", "2.500"), start=2):
        cells: dict[str, str | None] = dict.fromkeys(COLUMNS)
        cells.update(id=f"C{line}", birth_date=f"2005-0{line}-10", start="2025-09-01",
                     end="2027-08-31", atmp_rate=rate)  # fmt: skip
        records.append(Record(line, f"C{line}", cells))
    extras = Extras(cost=True)
    clear_all()
    lines = [text for _, _, text in render(records, DATA, "summary", "jsonl", extras)]
    rates = [json.loads(text)["cost"]["employer"]["atmp_rate_percent"] for text in lines]
    assert [text.split('"atmp_rate_percent":')[1][:5] for text in lines] == [
        '2.5,"',
        "2.50,",
        '2.5,"',
        "2.500",
    ]
    assert rates == [2.5] * 4
    for record, text in zip(records, lines, strict=True):
        assert text == _alone(record, extras)

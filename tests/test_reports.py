"""Views a person reads and the reports to send: --health-cover on schedule --net, yearly
subtotals and `*` marks, the cost after aids, numbers in sentences, the aid window seen from
--today, and --format html / md (the HTML parsed with the standard library)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from deis_pay.i18n.language import num, set_language
from deis_pay.present.report import html, markdown
from deis_pay.present.views import Column, Document, Row, TableView
from deis_pay.rules.models import SourceRef

from .conftest import run_cli

BIRTH = ("--birth", "2005-05-10")
NBSP, NNBSP = "\u00a0", "\u202f"


def _plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NNBSP, " ")


# --- the HTML, as a browser would read it


@dataclass
class Table:
    head: list[str] = field(default_factory=list)
    body: list[list[str]] = field(default_factory=list)
    foot: list[list[str]] = field(default_factory=list)
    subtotals: int = 0


@dataclass
class Page(HTMLParser):
    """The parts of a report the tests look at: tables (head, body, foot rows as cell
    texts), the lists of each section by its heading, the links, the meta tags."""

    lang: str | None = None
    metas: dict[str, str] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    items: dict[str, list[str]] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    _part: str = ""
    _row: list[str] | None = None
    _text: list[str] | None = None
    _heading: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append(tag)
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "meta" and "name" in values:
            self.metas[values["name"]] = values.get("content", "")
        elif tag == "table":
            self.tables.append(Table())
        elif tag in ("thead", "tbody", "tfoot"):
            self._part = tag
        elif tag == "tr":
            self._row = []
            if values.get("class") == "subtotal":
                self.tables[-1].subtotals += 1
        elif tag in ("th", "td", "li"):
            self._text = []
        elif tag in ("h1", "h2"):
            self._heading, self._text = True, []
        elif tag == "a":
            self.links.append(values.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self._text or [])
        if tag in ("th", "td") and self._row is not None:
            self._row.append(text)
        elif tag == "tr" and self._row is not None:
            table = self.tables[-1]
            if self._part == "thead":
                table.head = self._row
            else:
                (table.foot if self._part == "tfoot" else table.body).append(self._row)
            self._row = None
        elif tag in ("h1", "h2"):
            self.headings.append(text)
            self._heading = False
        elif tag == "li" and self.headings:
            self.items.setdefault(self.headings[-1], []).append(text)
        if tag in ("th", "td", "li", "h1", "h2"):
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def _page(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def test_schedule_net_html_report_has_its_tables_totals_warnings_and_sources(
    tmp_path: Path,
) -> None:
    """schedule --net --format html -o: two tables (30 months + 3 year subtotals, 30 months +
    3 subtotals), the totals in tfoot, the projection warning, the Légifrance links."""
    path = tmp_path / "rapport.html"
    result = run_cli("schedule", *BIRTH, "--net", "--format", "html", "-o", str(path),
                     "--today", "2025-10-01")  # fmt: skip
    assert result.exit_code == 0 and result.stdout == ""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    page = _page(text)
    assert page.lang == "fr"
    assert "width=device-width" in page.metas["viewport"]
    assert "pre" not in page.tags and "script" not in page.tags
    schedule, net, _inputs = page.tables
    assert schedule.head[-1] == "Brut" and len(schedule.head) == 7
    assert len(schedule.body) == 30 + 3 and schedule.subtotals == 3
    assert all(len(row) == 7 for row in schedule.body + schedule.foot)
    assert [_plain(r[0]) for r in schedule.foot] == ["Total contrat"]
    assert _plain(schedule.foot[0][-1]) == "32 391,62 €"
    # The subtotals add up to the total (9 987,26 + 13 666,68 + 8 737,68).
    subtotals = [r for r in schedule.body if r[0].startswith("Total année")]
    assert [_plain(r[-1]) for r in subtotals] == ["9 987,26 €", "13 666,68 €", "8 737,68 €"]
    # Months from 12/2026 rest on a projected SMIC: marked, 15 of them.
    assert sum(r[-1].endswith("*") for r in schedule.body) == 15
    assert net.head == ["Mois", "Brut", "Cotisations", "CSG/CRDS", "Net"]
    assert len(net.body) == 30 + 3 and net.subtotals == 3
    assert _plain(net.foot[0][-1]) == "31 189,31 €"
    warnings = page.items["Avertissements"]
    assert any("projections au dernier SMIC connu" in w for w in warnings)
    sources = page.items["Sources"]
    assert any("D6222-26" in s for s in sources)
    assert any(link.startswith("https://www.legifrance.gouv.fr/") for link in page.links)
    notes = " ".join(page.items[page.headings[2]])  # the net table's notes
    assert "Complémentaire santé non comptée" in notes


def test_html_report_in_english_to_stdout() -> None:
    result = run_cli("schedule", *BIRTH, "--format", "html", "--lang", "en")
    assert result.exit_code == 0
    page = _page(result.stdout)
    assert page.lang == "en"
    table, _inputs = page.tables
    assert table.foot[0][0] == "Contract total" and table.foot[0][-1] == "€32,391.62"
    assert "Warnings" in page.headings and "Sources" in page.headings


def test_html_report_escapes_every_text() -> None:
    """A title, a cell, a note, a warning or a source that looks like markup stays text; a
    source link that is not a web address is not made a link."""
    evil = '<script>alert("x")</script> & <b>'
    document = Document(
        evil,
        (
            TableView(
                evil,
                (Column(evil), Column("n", numeric=True)),
                (Row((evil, "1")), Row((evil, "2"), "total")),
                notes=(evil,),
            ),
        ),
        (evil,),
        (SourceRef("id", evil, "javascript:alert(1)"),),
    )
    page = _page(html(document))
    assert "script" not in page.tags and "b" not in page.tags
    assert page.links == []
    assert page.headings[0] == evil
    assert page.tables[0].head[0] == evil and page.tables[0].foot == [[evil, "2"]]
    assert page.items["Sources"] == [f"{evil} (id)"]


def test_cost_html_report_has_the_column_after_aids_and_its_totals() -> None:
    result = run_cli("cost", *BIRTH, "--headcount", "30", "--employer", "association",
                     "--health-cover", "40", "--format", "html")  # fmt: skip
    assert result.exit_code == 0
    table, _inputs = _page(result.stdout).tables
    assert [" ".join(h.split()) for h in table.head][-2:] == ["Coût employeur", "Coût après aides"]
    assert table.subtotals == 3 and len(table.body) == 30 + 3
    total = [_plain(cell) for cell in table.foot[0]]
    # 34 154,15 of cost, less 5 000 of aid, plus the 750 training participation.
    assert total[-2:] == ["34 154,15", "29 904,15"]
    first = [_plain(cell) for cell in table.body[0]]
    assert first[-3:] == ["416,67", "818,74", "402,07"]  # 818,74 − 416,67


def test_cerfa_report() -> None:
    cerfa = _page(run_cli("cerfa", *BIRTH, "--format", "html").stdout)
    lines, _inputs = cerfa.tables
    assert lines.head[0] == "Ligne" and len(lines.body) >= 3 and lines.foot == []
    assert any(_plain(row[-1]) == "954,96 €" for row in lines.body)


# --- compare: a column per scenario and per difference, a group of rows per figure


def _amount(cell: str) -> Decimal | None:
    """`-2 192,35 €` (or `**\\-2 192,35 €**` in Markdown) as a Decimal; `—` as None."""
    text = _plain(cell).strip("*").replace("\\", "").replace(" ", "").replace("€", "")
    return None if text == "—" else Decimal(text.replace(",", "."))


def _groups(rows: list[list[str]], width: int) -> dict[str, list[list[str]]]:
    """The rows of a compare table by the figure heading their group (a heading row has its
    name alone, or followed by empty cells in Markdown)."""
    groups: dict[str, list[list[str]]] = {}
    current: list[list[str]] = []
    for row in rows:
        if len(row) == 1 or (len(row) == width and not any(row[1:])):
            current = groups.setdefault(row[0].strip("*"), [])
        else:
            assert len(row) == width, row
            current.append(row)
    return groups


def _check_compare_groups(
    groups: dict[str, list[list[str]]],
    figures: list[str],
    scenarios: int,
    years: int,
    budget: bool = False,
) -> None:
    """Each figure: a row per contract year then the total (in bold in Markdown); each
    difference is its scenario minus the first, on every row; a total is the sum of its
    years; years 2 and 3 of a contract starting 01/09/2025 are projected (data verified
    through 01/11/2026), year 1 is not. A `budget` (different apprentices) has a last column,
    the sum of the scenarios, and a group per figure by calendar year (2025 to 2028), each
    closed by the same total."""
    calendar = [f"{figure} par année civile" for figure in figures] if budget else []
    assert list(groups) == figures + calendar
    for name in calendar:
        rows = groups[name]
        assert [row[0].strip("*") for row in rows] == ["2025", "2026", "2027", "2028", "Total"]
        assert rows[-1] == groups[name.removesuffix(" par année civile")][-1]
        for column in range(1, 2 * scenarios + 1):
            total = _amount(rows[-1][column])
            if total is not None:
                assert total == sum(_amount(row[column]) or Decimal(0) for row in rows[:-1])
    for rows in (groups[figure] for figure in figures):
        assert [row[0].strip("*") for row in rows] == [
            *(str(n) for n in range(1, years + 1)),
            "Total",
        ]
        assert [row[0].endswith("*") for row in rows[:years]] == [False, True, True]
        for row in rows:
            amounts = [_amount(cell) for cell in row[1:]]
            values, differences = amounts[:scenarios], amounts[scenarios : 2 * scenarios - 1]
            assert len(amounts) == 2 * scenarios - 1 + budget
            if budget:  # the sum of the scenarios, exact
                summed = None if None in values else sum(v for v in values if v is not None)
                assert amounts[-1] == summed
            for value, difference in zip(values[1:], differences, strict=True):
                if value is None or values[0] is None:
                    assert difference is None
                else:
                    assert difference == value - values[0]
        for column in range(1, 2 * scenarios):
            total = _amount(rows[-1][column])
            assert total == sum(_amount(row[column]) or Decimal(0) for row in rows[:years])


DEFAULT_HEAD = ["Année de contrat", "1 · grille légale", "2 · grille SSSMS", "Écart 2 − 1"]
COST_ARGS = ("--cost", "--birth", "14/03/2003", "--birth", "20/05/2006",
             "--employer", "association")  # fmt: skip
# Two apprentices: a budget, the Total column last.
COST_HEAD = ["Année de contrat", "1 · né(e) le 14/03/2003", "2 · né(e) le 20/05/2006",
             "Écart 2 − 1", "Total"]  # fmt: skip


def test_compare_html_report_of_the_legal_and_sssms_grids() -> None:
    """The default comparison: gross and net of each grid per contract year and in total,
    the difference SSSMS − legal, the years' dates, the projection, warnings and sources."""
    page = _page(run_cli("compare", *BIRTH, "--format", "html").stdout)
    table, _inputs = page.tables
    assert table.head == DEFAULT_HEAD and table.foot == []
    groups = _groups(table.body, 4)
    _check_compare_groups(groups, ["Brut", "Net"], scenarios=2, years=3)
    # The legal grid's totals are those of `schedule --net` run alone (README's example).
    assert _plain(groups["Brut"][-1][1]) == "32 391,62 €"
    assert _plain(groups["Net"][-1][1]) == "31 189,31 €"
    assert _plain(groups["Brut"][-1][3]) == "+5 735,35 €"  # 38 126,97 − 32 391,62
    # The page's one table is named by the page's title, once.
    assert page.headings[0] == "Comparaison de 2 scénarios"
    assert page.headings.count("Comparaison de 2 scénarios") == 1
    notes = page.items[page.headings[0]]
    assert any("1 du 01/09/2025 au 31/08/2026" in _plain(note) for note in notes)
    assert any(note.startswith("* année projetée") for note in notes)
    assert any(note.startswith("Net : comme schedule --net") for note in notes)
    # The default contract (no --start) said first, then that it began before today.
    default, started, warning = page.items["Avertissements"]
    assert default.startswith("contrat par défaut : Diplôme d'État d'Ingénierie Sociale (DEIS)")
    assert started.startswith("le contrat par défaut a commencé le 01/09/2025")
    assert warning.startswith("données vérifiées jusqu'au 01/11/2026")
    sources = page.items["Sources"]
    assert any(s.endswith("(D6222-26)") for s in sources)
    assert any(s.endswith("(accord-sssms-2020)") for s in sources)
    assert "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006072050" in page.links
    assert "pre" not in page.tags


def test_compare_html_report_of_two_apprentices_with_the_cost() -> None:
    """Two apprentices, one association: gross, net and cost after aids, each as `cost`
    run alone gives it; the employer's notes; warnings and sources."""
    page = _page(run_cli("compare", *COST_ARGS, "--format", "html").stdout)
    table, _inputs = page.tables
    assert table.head == COST_HEAD
    groups = _groups(table.body, 5)
    _check_compare_groups(
        groups, ["Brut", "Net", "Coût après aides"], scenarios=2, years=3, budget=True
    )
    for column, birth in ((1, "14/03/2003"), (2, "20/05/2006")):
        alone = run_cli(
            "cost", "--birth", birth, "--employer", "association", "--format", "json"
        ).json()
        assert _amount(groups["Brut"][-1][column]) == alone["total_gross"]
        assert _amount(groups["Net"][-1][column]) == alone["total_net"]
        after = _amount(groups["Coût après aides"][-1][column])
        assert after == alone["total_employer_cost_after_aids"]
    notes = page.items[page.headings[0]]
    assert any(note.startswith("Note : Coût de la formation") for note in notes)
    assert any(note.startswith("Net et coût après aides : comme cost") for note in notes)
    assert page.items["Avertissements"]
    assert any(s.endswith("(D6222-26)") for s in page.items["Sources"])


def test_compare_report_warnings_name_the_scenarios_they_concern() -> None:
    """A warning that concerns only the second apprentice (35 at the start) says `(2)`; the
    projection, which concerns both, names none; years that differ get their own dates."""
    args = ("compare", "--birth", "2005-05-10", "--birth", "1990-01-01",
            "--start", "2025-09-01", "--start", "2025-10-01")  # fmt: skip
    page = _page(run_cli(*args, "--format", "html").stdout)
    warnings = page.items["Avertissements"]
    # Each start given without an end: its end from the DEIS's 30 months, said per scenario
    # (01/10/2025 + 30 months = 31/03/2028).
    assert warnings[0].startswith("(1) fin le 29/02/2028 : la durée du programme par défaut")
    assert warnings[1].startswith("(2) fin le 31/03/2028 : la durée du programme par défaut")
    assert warnings[2].startswith("données vérifiées")
    assert warnings[3].startswith("(2) 35 ans au début du contrat")
    notes = [_plain(note) for note in page.items[page.headings[0]]]
    assert notes[0].startswith("1 · né(e) le 10/05/2005, début le 01/09/2025 · Contrat du")
    assert notes[1].startswith("2 · né(e) le 01/01/1990, début le 01/10/2025 · Contrat du")
    assert any(note.startswith("Années de contrat différentes") for note in notes)
    text = run_cli(*args, "--format", "md").stdout
    assert "- (2) 35 ans au début du contrat" in text


@pytest.mark.parametrize(
    ("args", "head", "figures"),
    [((), DEFAULT_HEAD, ["Brut", "Net"]),
     (COST_ARGS, COST_HEAD, ["Brut", "Net", "Coût après aides"])],
)  # fmt: skip
def test_compare_markdown_report(
    args: tuple[str, ...], head: list[str], figures: list[str]
) -> None:
    result = run_cli("compare", *(args or BIRTH), "--format", "md")
    assert result.exit_code == 0
    text = result.stdout
    table, _inputs = _md_tables(text)
    assert table[0] == head
    groups = _groups(table[1:], len(head))
    _check_compare_groups(groups, figures, scenarios=2, years=3, budget=len(head) == 5)
    for rows in groups.values():
        assert all(cell.startswith("**") for cell in rows[-1])  # the totals in bold
    lines = text.splitlines()
    rule = "|:---|" + "---:|" * (len(head) - 1)
    assert lines[lines.index("| " + " | ".join(head) + " |") + 1] == rule
    assert "| **Brut** |" + "  |" * (len(head) - 1) in lines
    assert "- \\* année projetée en partie au dernier SMIC connu (à partir de 12/2026)" in lines
    assert "## Avertissements" in text and "## Sources" in text
    assert "](https://www.legifrance.gouv.fr/" in text


def test_markdown_cells_read_as_in_a_plain_text_mail() -> None:
    """A negative difference reads `-1 814,65 €`, not `\\-1 814,65 €`: in a cell, a `-` cannot
    start a list, so it is left as it is; the page's one table is not titled twice."""
    text = run_cli("compare", *BIRTH, "--grid", "sssms", "--grid", "general", "--format", "md")
    table, _inputs = _md_tables(text.stdout)
    brut = _groups(table[1:], 4)["Brut"]
    assert brut[0][3] == "-1 814,65 €"  # 9 987,26 − 11 801,91
    assert "\\-" not in text.stdout
    assert text.stdout.count("Comparaison de 2 scénarios") == 1


def test_compare_report_in_english() -> None:
    result = run_cli("compare", *BIRTH, "--format", "md", "--lang", "en")
    assert result.exit_code == 0
    table, _inputs = _md_tables(result.stdout)
    assert table[0][0] == "Contract year" and table[0][-1] == "Difference 2 − 1"
    # (The programme's name, a French proper name, is said as it is by the default contract's
    # warning.)
    english = result.stdout.split("## Sources")[0]
    english = english.replace("Diplôme d'État d'Ingénierie Sociale", "")
    assert "**Gross**" in table[1][0] and "é" not in english


# --- Markdown


def _md_tables(text: str) -> list[list[list[str]]]:
    """The GitHub tables of a Markdown text, as rows of cells (the separator row left out)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            if current is None:
                current = []
                tables.append(current)
            if not set(line) <= set("|:-"):
                current.append(cells)
        else:
            current = None
    return tables


def test_markdown_tables_have_a_header_a_separator_and_bold_totals(tmp_path: Path) -> None:
    result = run_cli("schedule", *BIRTH, "--net", "--format", "md")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# ")
    lines = text.splitlines()
    header = lines.index("| Période | Année | Âge | Taux | Base | Base mensuelle | Brut |")
    assert lines[header + 1] == "|:---|---:|:---|---:|:---|---:|---:|"
    schedule, net, _inputs = _md_tables(text)
    assert all(len(row) == 7 for row in schedule) and len(schedule) == 1 + 30 + 3 + 1
    assert _plain(schedule[-1][-1]) == "**32 391,62 €**"
    assert _plain(net[-1][-1]) == "**31 189,31 €**" and len(net) == 1 + 30 + 3 + 1
    assert "1 138,89 €*" in _plain(text)  # the bare projection mark
    assert "## Avertissements" in text and "## Sources" in text
    assert "](https://www.legifrance.gouv.fr/" in text
    # -o writes the same document to a file, nothing on stdout.
    path = tmp_path / "net.md"
    saved = run_cli("schedule", *BIRTH, "--net", "--format", "md", "-o", str(path))
    assert saved.stdout == "" and path.read_text(encoding="utf-8") == text


def test_markdown_in_english_and_escaped() -> None:
    result = run_cli("cost", *BIRTH, "--format", "md", "--lang", "en")
    assert result.exit_code == 0
    table, _inputs = _md_tables(result.stdout)
    assert table[0][0] == "Month" and table[-1][0] == "**Total**"
    document = Document("t", (TableView("t", (Column("a|b"),), (Row(("*x* | [y]",)),)),), (), ())
    assert "| \\*x\\* \\| \\[y\\] |" in markdown(document).splitlines()


def test_html_option_saves_the_report_beside_the_table(tmp_path: Path) -> None:
    """--html FILE: the table on the screen, the HTML report (not a terminal capture) saved."""
    path = tmp_path / "vue.html"
    result = run_cli("cost", *BIRTH, "--html", str(path))
    assert result.exit_code == 0 and "Coût employeur" in result.stdout
    page = _page(path.read_text(encoding="utf-8"))
    assert len(page.tables) == 2 and "pre" not in page.tags  # the view, the inputs


# --- schedule --net --health-cover: the same net as cost


@pytest.mark.parametrize(
    "contract",
    [
        (),
        ("--start", "15/09/2025", "--end", "14/09/2027", "--grid", "sssms"),
        ("--start", "2024-09-01", "--months", "24", "--signed", "2024-06-01"),  # no CSG
        ("--start", "2026-03-01", "--months", "36", "--smc", "2500"),
    ],
)
@pytest.mark.parametrize(
    "health",
    [("--health-cover", "40"), ("--health-cover", "63.17", "--health-employer-share", "60")],
)
def test_schedule_net_with_health_cover_is_the_net_of_cost(
    contract: tuple[str, ...], health: tuple[str, ...]
) -> None:
    birth = ("--birth", "2001-02-03")
    net = run_cli("schedule", *birth, *contract, "--net", *health, "--format", "json").json()
    cost = run_cli("cost", *birth, *contract, *health, "--format", "json").json()
    assert net["net"]["total_net"] == cost["total_net"]
    assert [m["net"] for m in net["net"]["months"]] == [m["net"] for m in cost["months"]]
    assert [y["net"] for y in net["net"]["contract_years"]] == [
        y["net"] for y in cost["contract_years"]
    ]
    without = run_cli("schedule", *birth, *contract, "--net", "--format", "json").json()
    assert net["net"]["total_net"] < without["net"]["total_net"]
    assert net["net"]["health_cover"] == Decimal(health[1])


def test_health_cover_needs_net_and_is_checked_as_for_cost() -> None:
    for args, option in (
        (("--health-cover", "40"), "--health-cover"),
        (("--net", "--health-employer-share", "60"), "--health-employer-share"),
        (("--net", "--health-cover", "40", "--health-employer-share", "30"),
         "--health-employer-share"),
        (("--net", "--health-cover", "-1"), "--health-cover"),
    ):  # fmt: skip
        result = run_cli("schedule", *BIRTH, *args)
        assert result.exit_code == 2 and result.stdout == ""
        assert option in result.stderr and len(result.stderr.splitlines()) == 1


def test_net_table_names_the_health_cover_or_says_it_is_left_out() -> None:
    given = run_cli("schedule", *BIRTH, "--net", "--health-cover", "40")
    assert "Complémentaire santé : 40,00 € par mois, dont 20,00 €" in given.text
    left_out = run_cli("schedule", *BIRTH, "--net")
    assert "Complémentaire santé non comptée" in left_out.text
    assert "--health-cover EUR" in left_out.text


def test_net_table_has_yearly_subtotals_and_projection_marks() -> None:
    """Year subtotals of the net table are those of cost's contract years."""
    result = run_cli("schedule", *BIRTH, "--net", env={"COLUMNS": "120"})
    net_part = result.text[result.text.index("Net de l'apprenti") :]
    years = [line.split() for line in net_part.splitlines() if line.strip().startswith("Année")]
    assert [y[1] for y in years] == ["1", "2", "3"]
    assert "1 096,09 €*" in net_part and "* projection" in net_part
    data = run_cli("schedule", *BIRTH, "--net", "--format", "json").json()["net"]
    assert sum(y["net"] for y in data["contract_years"]) == data["total_net"]


# --- cost: labels with and without aid, numbers in sentences


def test_cost_without_aid_never_says_after_aids() -> None:
    """A 1 500-employee employer without 5 % of work-study staff: no hiring aid; the training
    participation makes the total higher than the cost, which is then not called `after
    aids`."""
    args = ("--birth", "2000-05-10", "--start", "2026-04-01", "--months", "24",
            "--headcount", "1500")  # fmt: skip
    result = run_cli("cost", *args)
    assert result.exit_code == 0
    text = result.text
    assert "après aides" not in text and "Coût après" not in text
    assert "Aide à l'embauche : aucune" in text
    # 1 867,02 € a month from June 2026: the 2026 reduction against the SMIC of January
    # (décret 2026-509) is 0,3788 × 1 867,02 = 707,23 €, not 0,4021 × 1 867,02 = 750,73 €:
    # 43,50 € more a month for June to December 2026 than the month's SMIC would give.
    assert "Coût total, participation à la formation comprise : 45 947,70 €" in text
    assert "1 500 salariés" in text
    data = run_cli("cost", *args, "--format", "json").json()
    assert data["total_employer_cost_after_aids"] == data["total_employer_cost"] + Decimal(750)


def test_weeks_are_written_the_french_way() -> None:
    # A two-year contract is not the DEIS's: no cost per week from the DEIS's alternation (it
    # said « 72,5 semaines »), a note instead; its weeks given, they are the ones counted.
    contract = ("--start", "15/09/2025", "--end", "31/08/2027")
    fr = run_cli("cost", *BIRTH, *contract)
    assert "semaines en entreprise :" not in fr.text
    assert "--employer-weeks" in fr.text
    fr = run_cli("cost", *BIRTH, *contract, "--employer-weeks", "1000,499")
    assert fr.exit_code == 2  # 0 to 53 weeks a year
    fr = run_cli("cost", *BIRTH, *contract, "--employer-weeks", "30,45")
    assert "75 semaines en entreprise" in fr.text
    en = run_cli("cost", *BIRTH, *contract, "--employer-weeks", "30,45", "--lang", "en")
    assert "75 weeks at the employer" in en.text


@pytest.mark.parametrize("value", ["0.5", "98.86", "1234", "-12650.88", "999999.99", "100"])
@pytest.mark.parametrize(("language", "locale"), [("fr", "fr_FR"), ("en", "en_GB")])
def test_numbers_in_sentences_are_written_as_babel_writes_them(
    value: str, language: str, locale: str
) -> None:
    from babel.numbers import format_decimal

    set_language(language)
    expected = format_decimal(Decimal(value), locale=locale, decimal_quantization=False)
    assert num(Decimal(value)) == expected


# --- the aid window seen from --today


def test_aid_window_is_closed_or_open_from_today_but_json_does_not_change() -> None:
    before = run_cli("schedule", *BIRTH, "--today", "01/10/2025")
    assert "(500,00 €) : possible ·" in before.text
    after = run_cli("schedule", *BIRTH, "--today", "21/02/2026")
    assert "(500,00 €) : fenêtre close le 20/02/2026 ·" in after.text
    early = run_cli("schedule", *BIRTH, "--today", "01/06/2025")
    assert "possible à partir du 01/09/2025" in early.text
    json_before = run_cli("schedule", *BIRTH, "--today", "01/10/2025", "--format", "json")
    json_after = run_cli("schedule", *BIRTH, "--today", "21/02/2026", "--format", "json")
    assert json_before.stdout == json_after.stdout
    assert json_before.json()["aids"][0]["eligible"] is True


def test_a_bad_today_is_refused_naming_the_option() -> None:
    result = run_cli("schedule", *BIRTH, "--today", "31/02/2026")
    assert result.exit_code == 2 and "--today" in result.stderr and result.stdout == ""

"""`--format html` and `--format md`: a view as a document to send (standard library only).

Both are written from the `Document` of views.py, the model the terminal tables are drawn
from, so a report holds the same rows, subtotals, `*` marks and notes as the screen, plus the
warnings and the legal sources with their links. HTML: one standalone HTML5 file (no script,
no outside resource), its tables in a box that scrolls sideways on a phone; every text is
escaped. Markdown: GitHub-flavoured tables, for an e-mail or a ticket.
"""

from __future__ import annotations

from html import escape

from deis_pay.i18n.language import language, tr
from deis_pay.present.views import Document, Row, TableView

# Small enough to read, and wide tables scroll inside their box instead of the page.
_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;
line-height:1.4;color:#1b1b1b;background:#fff}
main{max-width:60rem;margin:auto}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:1.5rem}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;white-space:nowrap}
th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left}
thead th{border-bottom:2px solid #555;vertical-align:bottom}
.num{text-align:right}
tr.subtotal th,tr.subtotal td{font-weight:bold;background:#f3f3f3}
tfoot th,tfoot td,tr.total th,tr.total td{font-weight:bold;border-top:2px solid #555}
tr.heading th{font-weight:bold;padding-top:.8rem;border-bottom:1px solid #555}
.warnings{border-left:4px solid #c60;padding-left:.8rem}
.notes,.sources{padding-left:1.2rem}
small{color:#555}
""".strip()
# Only in a page that has such rows (check: the months paid below their minimum).
_FLAGGED_STYLE = "tr.flagged th,tr.flagged td{background:#fde2e1;color:#8a1010}"


def html(document: Document) -> str:
    """The document as a standalone HTML5 page, in the current language."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="deis-pay">',
        f"<title>{escape(document.title)}</title>",
        f"<style>\n{_STYLE}{_flagged_style(document)}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(document.title)}</h1>",
    ]
    for view in document.tables:
        parts.extend(_html_table(view, named=view.title != document.title))
    if document.warnings:
        parts.append(f'<section class="warnings">\n<h2>{escape(tr("Avertissements"))}</h2>')
        parts.append("<ul>")
        parts.extend(f"<li>{escape(warning)}</li>" for warning in document.warnings)
        parts.append("</ul>\n</section>")
    if document.sources:
        parts.append(f"<section>\n<h2>{escape(tr('Sources'))}</h2>")
        parts.append('<ul class="sources">')
        for source in document.sources:
            title = escape(source.title)
            url = source.url or ""
            # Only web links: a data file's `javascript:` would otherwise run when clicked.
            if url.startswith(("https://", "http://")):
                title = f'<a href="{escape(url, quote=True)}">{title}</a>'
            parts.append(f"<li>{title} <small>({escape(source.id)})</small></li>")
        parts.append("</ul>\n</section>")
    parts.extend(["</main>", "</body>", "</html>", ""])
    return "\n".join(parts)


def _flagged_style(document: Document) -> str:
    flagged = any(row.flagged for view in document.tables for row in view.rows)
    return "\n" + _FLAGGED_STYLE if flagged else ""


def _label(text: str) -> str:
    return " ".join(text.split())


def _cell(view: TableView, row: Row, index: int) -> str:
    text = row.cells[index]
    if row.projected and index == view.mark_column:
        text += "*"
    return text


def _html_table(view: TableView, *, named: bool = True) -> list[str]:
    """A view's table in its section, under its title unless `named` is False (the document's
    own title already says it)."""
    parts = [
        "<section>",
        *([f"<h2>{escape(view.title)}</h2>"] if named else []),
        '<div class="scroll">',
        "<table>",
        "<thead>",
        "<tr>"
        + "".join(
            f'<th scope="col"{_num(column.numeric)}>{escape(_label(column.label))}</th>'
            for column in view.columns
        )
        + "</tr>",
        "</thead>",
        "<tbody>",
    ]
    if any(row.kind == "heading" for row in view.rows):
        # A table of groups (compare: a group per figure): a <tbody> each, its heading
        # first, its total last; no <tfoot>, a total belongs to its group.
        parts.pop()  # the <tbody> opened above
        for row in view.rows:
            if row.kind == "heading":
                if parts[-1] != "</thead>":
                    parts.append("</tbody>")
                parts.append("<tbody>")
            parts.append(_html_row(view, row))
        parts.append("</tbody>")
        totals = []
    else:
        body = [row for row in view.rows if row.kind != "total"]
        totals = [row for row in view.rows if row.kind == "total"]
        parts.extend(_html_row(view, row) for row in body)
        parts.append("</tbody>")
    if totals:
        parts.append("<tfoot>")
        parts.extend(_html_row(view, row) for row in totals)
        parts.append("</tfoot>")
    parts.extend(["</table>", "</div>"])
    if view.notes:
        parts.append('<ul class="notes">')
        parts.extend(f"<li>{escape(note.strip())}</li>" for note in view.notes)
        parts.append("</ul>")
    parts.append("</section>")
    return parts


def _num(numeric: bool) -> str:
    return ' class="num"' if numeric else ""


def _html_row(view: TableView, row: Row) -> str:
    if row.kind == "heading":  # the name of its group, across the table
        return (
            f'<tr class="heading"><th scope="rowgroup" colspan="{len(view.columns)}">'
            f"{escape(row.cells[0])}</th></tr>"
        )
    name = row.kind if row.kind != "row" else "flagged" if row.flagged else ""
    kind = f' class="{name}"' if name else ""
    cells = []
    for index, column in enumerate(view.columns):
        text = escape(_cell(view, row, index))
        if index == 0:
            cells.append(f'<th scope="row"{_num(column.numeric)}>{text}</th>')
        else:
            cells.append(f"<td{_num(column.numeric)}>{text}</td>")
    return f"<tr{kind}>" + "".join(cells) + "</tr>"


# Characters that mark up text inline in Markdown, escaped with a backslash wherever they are
# (`|` would end a cell); the no-break spaces of French amounts are kept as they are.
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|~"})


def _md(text: str) -> str:
    """One line of text, inert: inline marks escaped, and a first character that would start
    a heading or a list (`#`, `-`, `+`) escaped too."""
    text = _inline(text)
    return "\\" + text if text[:1] in ("#", "-", "+") else text


def _inline(text: str) -> str:
    """Text inside a table cell or after a heading's `#`: only inline marks can act there, so
    `-2 192,35 €` stays as it reads in a plain-text e-mail."""
    return " ".join(text.split()).translate(_MARKDOWN)


def markdown(document: Document) -> str:
    """The document as GitHub-flavoured Markdown: a heading, a table per view with its notes
    as a list, the warnings, the sources as links."""
    lines = [f"# {_inline(document.title)}", ""]
    for view in document.tables:
        if view.title != document.title:  # one table named as its document: named once
            lines += [f"## {_inline(view.title)}", ""]
        lines.append("| " + " | ".join(_inline(c.label) for c in view.columns) + " |")
        lines.append("|" + "|".join("---:" if c.numeric else ":---" for c in view.columns) + "|")
        for row in view.rows:
            # The `*` of a projected row is written bare: after a figure it cannot open an
            # emphasis (GFM's flanking rules), and it reads as on the screen.
            cells = [
                _inline(row.cells[i]) + ("*" if row.projected and i == view.mark_column else "")
                for i in range(len(view.columns))
            ]
            if row.kind != "row" or row.flagged:
                cells = [f"**{cell}**" if cell else cell for cell in cells]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        lines += [f"- {_md(note)}" for note in view.notes]
        if view.notes:
            lines.append("")
    if document.warnings:
        lines += [f"## {_md(tr('Avertissements'))}", ""]
        lines += [f"- {_md(warning)}" for warning in document.warnings]
        lines.append("")
    if document.sources:
        lines += [f"## {_md(tr('Sources'))}", ""]
        for source in document.sources:
            title = _md(source.title)
            url = source.url or ""
            if url.startswith(("https://", "http://")) and not any(c in url for c in " <>()"):
                title = f"[{title}]({url})"
            lines.append(f"- {title} ({_md(source.id)})")
        lines.append("")
    return "\n".join(lines)


def write(document: Document, fmt: str) -> str:
    """The document in `fmt`: "html" or "md"."""
    return html(document) if fmt == "html" else markdown(document)

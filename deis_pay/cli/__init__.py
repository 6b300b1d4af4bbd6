"""The `deis-pay` command, thin: the typer app, its own options and the entry point (app); the
commands by group: pay (schedule, cerfa), employer (cost, compare), reference (grid, smic,
data, schema) and batch (batch); the options declared once for all of them (options), what
every command does around its work (common: errors to exit statuses, --lang, --data), how a
result is written (output: formats, files, one set of writers per kind of result), the command
line's own texts and errors (usage) and the guided mode (guided). The only importer of typer; it
parses, calls the layers below, hands the result to a writer and maps errors to exit statuses.
"""

"""The `deis-pay` command, thin: the typer app and its commands (app), the options declared
once for all of them (options), the command line's own texts and errors (usage) and the guided
mode (guided). The only importer of typer; it parses, calls the layers below, hands the result
to a writer and maps errors to exit statuses.
"""

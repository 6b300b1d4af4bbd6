"""Outputs: the JSON and CSV writers (export), the view models of the tables (views), the
terminal renderer, the only importer of rich (render), the HTML and Markdown reports (report),
the xlsx workbooks, the only importer of openpyxl (spreadsheet), and the JSON Schema of every
output (schema). It may import every layer below the command line and the batch.
"""

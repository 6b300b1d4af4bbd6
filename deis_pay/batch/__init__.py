"""`deis-pay batch`: the contracts file read record by record (read), each record computed
and written as one line (lines), and the run in order, in one process or several (run). It may
import every layer below the command line.
"""

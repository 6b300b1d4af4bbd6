"""The dated law: its records (records: every SMIC, grid, rate and aid with its source, as
frozen dataclasses), their loading and checking from data/*.toml (loader), a user's overlay
added to them (overlay), the cache of checked datasets (cache) and the lookups of the record in
force on a day (lookups). It may import deis_pay.core only.
"""

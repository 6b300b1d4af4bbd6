"""Values and plumbing that know nothing of the law: calendar dates and the periods counted in
months or years (dates), exact money (money), the two kinds of expected failure (errors), the
notices the rules return instead of sentences (notices), files written whole or not at all
(files), the reading of what a user types into dates, amounts, counts and choices (values),
and the one table class for results kept between contracts, with its registry (memo). It may
import nothing of deis_pay but deis_pay.version.
"""

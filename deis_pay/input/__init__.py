"""Adapters from the text a user types or a file holds to the rules' inputs: a contract, a
history and an employer from options or cells (text), the scenarios of a comparison
(scenarios), and which column of a contracts file is which (columns). It may import the rules,
deis_pay.data and deis_pay.core, and builds no sentence.
"""

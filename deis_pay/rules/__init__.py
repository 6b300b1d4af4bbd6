"""The rules of the law, pure: the contract as the law allows it (contract), what sets the pay
on a day and the pay key of a contract (terms), the minimum pay month by month (pay), the
apprentice's net (net), the employer's contributions (employer) and cost (cost), the Cerfa's
lines (cerfa), scenarios side by side (compare), the reference views of the data (reference),
and their result types (models). No I/O, no sentence, no typer or rich: they import
deis_pay.data and deis_pay.core only, and return notices as values.
"""

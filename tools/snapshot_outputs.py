"""Write the outputs of a fixed set of deis-pay runs to a folder, to compare two versions.

A maintainers' tool for changes that must not change any output (a reorganisation of the code,
a speed-up): run it before and after, then compare the two folders byte for byte:

    python tools/snapshot_outputs.py /tmp/before          # on the old commit
    python tools/snapshot_outputs.py /tmp/after           # on the new one
    diff -r /tmp/before /tmp/after && echo identical

It runs `python -m deis_pay` from this checkout (or the one `--source` names) with a private
cache and a pinned terminal width, and writes one file per run: every command and format on
every worked case of tests/schedule-cases.json, the views and reports of the goldens, and
20 000 random batch contracts (the synthetic file of benchmarks/batch.py, seed 1) as a summary,
with `--with net,cost`, in CSV, and 2 000 of them with `--detail months`. Standard library
only; not run by CI (it takes a few minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "benchmarks"))

from batch import generate  # noqa: E402 - the benchmarks' own generator, from their folder


def case_args(args: dict[str, object]) -> list[str]:
    """The options of a worked case (tests/conftest.py's cli_args, without the format)."""
    argv = ["--birth", str(args["birth_date"]), "--start", str(args["start"]), "--end",
            str(args["end"]), "--grid", str(args["grid"]), "--territory", str(args["territory"]),
            "--cycle-start-year", str(args["cycle_start_year"])]  # fmt: skip
    if args.get("smc") is not None:
        argv += ["--smc", str(args["smc"])]
    history = args.get("history")
    if isinstance(history, dict):
        for name, value in history.items():
            option = "--" + name.replace("_", "-")
            if value is True:
                argv.append(option)
            elif value is not False:
                argv += [option, str(value)]
    return argv


def runs(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """(file name, arguments) of every run."""
    cases = json.loads((HERE / "tests" / "schedule-cases.json").read_text("utf-8"))["cases"]
    for case in cases:
        name, argv = case["id"], case_args(case["args"])
        for fmt in ("json", "csv", "table", "md"):
            yield f"schedule-{name}.{fmt}", ["schedule", *argv, "--format", fmt, "--today",
                                             "2026-12-06"]  # fmt: skip
        yield f"schedule-net-{name}.json", ["schedule", *argv, "--net", "--format", "json"]
        yield f"schedule-explain-{name}.txt", ["schedule", *argv, "--explain", "--today",
                                               "2026-12-06"]  # fmt: skip
        yield f"cerfa-{name}.json", ["cerfa", *argv, "--format", "json"]
        if case["args"]["territory"] == "metropole" and case["args"]["start"] >= "2024-01-01":
            yield f"cost-{name}.json", ["cost", *argv, "--format", "json"]
            yield f"cost-assoc-{name}.txt", ["cost", *argv, "--employer", "association",
                                             "--headcount", "30", "--explain"]  # fmt: skip
    birth = ["--birth", "2005-05-10"]
    for fmt in ("table", "json", "csv", "html", "md"):
        yield f"compare.{fmt}", ["compare", *birth, "--format", fmt]
        yield f"compare-cost.{fmt}", ["compare", "--cost", "--birth", "14/03/2003", "--birth",
                                      "20/05/2006", "--employer", "association", "--employer",
                                      "public", "--format", fmt]  # fmt: skip
        yield f"cost.{fmt}", ["cost", *birth, "--headcount", "30", "--health-cover", "40",
                              "--format", fmt]  # fmt: skip
    yield "cost-chart.txt", ["schedule", *birth, "--chart", "--today", "2026-12-06"]
    for grid in ("general", "sssms"):
        yield f"grid-{grid}.json", ["grid", "--grid", grid, "--at", "2026-06-01", "--format",
                                    "json"]  # fmt: skip
        yield f"grid-{grid}.txt", ["grid", "--grid", grid, "--at", "2026-06-01"]
    yield "smic.json", ["smic", "--format", "json"]
    yield "smic.txt", ["smic"]
    yield "data.json", ["data", "--today", "2026-12-06", "--format", "json"]
    yield "data.txt", ["data", "--today", "2026-12-06"]
    yield "schema.json", ["schema"]
    contracts, few = folder / "contracts.csv", folder / "few.csv"
    yield "batch-summary.jsonl", ["batch", str(contracts)]
    yield "batch-with.jsonl", ["batch", str(contracts), "--with", "net,cost"]
    yield "batch-with-en.jsonl", ["batch", str(contracts), "--with", "cost", "--lang", "en",
                                  "--headcount", "300"]  # fmt: skip
    yield "batch-summary.csv", ["batch", str(contracts), "--out-format", "csv"]
    yield "batch-with.csv", ["batch", str(contracts), "--out-format", "csv", "--with", "net,cost"]
    yield "batch-months.jsonl", ["batch", str(few), "--detail", "months", "--with", "net,cost"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the outputs (created)")
    parser.add_argument("--source", type=Path, default=HERE, help="the checkout to run")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        inputs = Path(scratch)
        generate(inputs / "contracts.csv", 20_000, 1)
        lines = (inputs / "contracts.csv").read_text("utf-8").splitlines(keepends=True)
        (inputs / "few.csv").write_text("".join(lines[:2001]), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(args.source), "COLUMNS": "100", "NO_COLOR": "1",
               "LANG": "fr_FR.UTF-8", "DEIS_PAY_CACHE_DIR": str(inputs / "cache"),
               "DEIS_PAY_DATA": ""}  # fmt: skip
        for name, argv in runs(inputs):
            result = subprocess.run([sys.executable, "-m", "deis_pay", *argv], env=env,
                                    capture_output=True, cwd=scratch, check=False)  # fmt: skip
            said = result.stderr.replace(str(inputs).encode(), b"{inputs}")
            (args.folder / name).write_bytes(
                result.stdout + b"\n--- stderr, status %d\n" % result.returncode + said
            )
    print(f"{len(list(args.folder.iterdir()))} outputs in {args.folder}")


if __name__ == "__main__":
    main()

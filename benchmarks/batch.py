"""Throughput and peak memory of `deis-pay batch`, beside the I/O floor measured in the same run.

Generates a synthetic contracts file (a realistic spread: starts clustered on the 1st of
September and other months of 2023-2026 with some mid-month ones, 12 to 36 months, ages 15 to
31, one contract in three on the SSSMS grid, some SMCs, a few in Mayotte, some cycle starts in
year 2 or 3, and 0.5 % of broken records), then runs, each as its own process:

- the floor: a bare Python script that reads the same CSV and writes one JSON line per record;
- `deis-pay batch FILE --detail summary` (or --detail months), one worker unless --workers
  (a number or auto);
- with --with net|cost, the same batch with that option too;
- with --paid N, the same batch with `--paid-file` too: a pay file of N months (or fewer, up
  to the contract's end) per contract, one gross in ten short of the minimum, the rest above it.

Prints wall time (the median of --runs alternated runs), contracts per second and peak resident
memory (ru_maxrss, the largest process: with workers, the largest of them) of each, the ratio
of the batch to the floor and of --with to the summary; then the same ratios of CPU time (user
and system, the median of the runs; with workers, theirs added), which a busy shared machine
moves less than wall time.

    python benchmarks/batch.py --contracts 100000 [--detail summary] [--workers 1|auto]
                               [--with cost] [--paid 12] [--runs 3] [--seed 1] [--cohort]

With --cohort, the file is an employer's export instead: a few intakes (1 September, 1 October),
two or three years each, apprentices aged 16 to 30, both grids: the contracts then differ mostly
by the apprentice, as in a real HR export.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from installed import deis_pay_command

FLOOR = """
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as src, open(os.devnull, "w") as out:
    rows = csv.reader(src)
    next(rows)
    for line, row in enumerate(rows, start=2):
        out.write(json.dumps({"id": row[0], "line": line, "ok": True}) + "\\n")
"""


def generate(path: Path, count: int, seed: int, cohort: bool = False) -> None:
    rng = random.Random(seed)
    starts = [date(y, m, 1) for y in (2023, 2024, 2025, 2026) for m in (9, 9, 9, 10, 11, 1, 3)]
    if cohort:
        write_cohort(path, count, rng)
        return
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("id,birth_date,start,end,grid,smc,territory,cycle_start_year\n")
        for n in range(count):
            start = rng.choice(starts)
            if rng.random() < 0.15:
                start += timedelta(days=rng.randrange(1, 28))
            months = rng.choice((12, 18, 24, 24, 24, 30, 36, 36))
            index = start.year * 12 + start.month - 1 + months
            year, month = divmod(index, 12)
            try:
                end = date(year, month + 1, start.day) - timedelta(days=1)
            except ValueError:
                end = date(year, month + 1, 28)
            age_days = rng.randrange(15 * 365, 31 * 365)
            birth = start - timedelta(days=age_days)
            grid = "sssms" if rng.random() < 1 / 3 else "general"
            smc = f"{rng.randrange(180, 260) * 10}" if rng.random() < 0.1 else ""
            territory = "mayotte" if rng.random() < 0.02 else ""
            cycle = rng.choice(("", "", "", "", "2", "3"))
            birth_text = birth.isoformat() if rng.random() < 0.7 else birth.strftime("%d/%m/%Y")
            if rng.random() < 0.005:
                birth_text = "31/02/2005"
            out.write(f"C{n:07d},{birth_text},{start},{end},{grid},{smc},{territory},{cycle}\n")


def write_cohort(path: Path, count: int, rng: random.Random) -> None:
    """An employer's export: intakes of 1 September 2025 and 2026 and 1 October 2025, two or
    three years to a 31 August, both grids, apprentices aged 16 to 30."""
    starts = (date(2025, 9, 1), date(2025, 9, 1), date(2025, 10, 1), date(2026, 9, 1))
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("id,birth_date,start,end,grid\n")
        for n in range(count):
            start = rng.choice(starts)
            end = date(start.year + rng.choice((2, 3)), 8, 31)
            birth = start - timedelta(days=rng.randrange(16 * 365, 30 * 365))
            grid = rng.choice(("general", "sssms"))
            out.write(f"A{n:07d},{birth:%d/%m/%Y},{start},{end},{grid}\n")


def write_paid(source: Path, path: Path, months: int, seed: int) -> None:
    """The pay file of `--paid N`: for each contract of `source`, its first `months` months
    (fewer when it ends before), long format (id, month, gross). The grosses are plausible
    figures, not the minimum: the check finds some months short and some above."""
    rng = random.Random(seed)
    with source.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as out:
        next(src)
        out.write("id,month,gross\n")
        for row in src:
            cells = row.split(",")
            try:
                start, end = date.fromisoformat(cells[2]), date.fromisoformat(cells[3])
            except ValueError:
                continue
            index, last = start.year * 12 + start.month - 1, end.year * 12 + end.month - 1
            for month in range(index, min(index + months, last + 1)):
                year, number = divmod(month, 12)
                gross = rng.randrange(500, 900) if rng.random() < 0.1 else 2200
                out.write(f"{cells[0]},{year}-{number + 1:02d},{gross}\n")


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall time and CPU time in seconds and peak resident memory in MB of one child process
    (its CPU time includes that of the workers it waited for)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        sys.exit(f"{command[0]} failed with status {status}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=100_000)
    parser.add_argument("--detail", choices=("summary", "months"), default="summary")
    parser.add_argument("--workers", default="1", help="a number or auto")
    parser.add_argument("--with", dest="extras", help="also run with --with net|cost|net,cost")
    parser.add_argument("--paid", type=int, help="also run with --paid-file, N months each")
    parser.add_argument("--runs", type=int, default=1, help="runs of each, alternated; medians")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cohort", action="store_true", help="an employer's intakes instead")
    args = parser.parse_args()
    deis_pay = deis_pay_command()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "contracts.csv"
        generate(source, args.contracts, args.seed, args.cohort)
        size = source.stat().st_size / 1e6
        kind = "cohort" if args.cohort else "spread"
        print(f"{args.contracts} contracts ({kind}), {size:.1f} MB of CSV, detail {args.detail}")
        batch = [deis_pay, "batch", str(source), "-o", os.devnull, "--detail", args.detail]
        batch += ["--workers", args.workers]
        commands = {
            "I/O floor (csv in, JSON lines out)": [
                sys.executable, "-c", "import os\n" + FLOOR, str(source)
            ],
            f"deis-pay batch --workers {args.workers}": batch,
        }  # fmt: skip
        if args.extras:
            commands[f"  the same --with {args.extras}"] = [*batch, "--with", args.extras]
        if args.paid:
            paid = Path(folder) / "paid.csv"
            write_paid(source, paid, args.paid, args.seed)
            audit = ["--paid-file", str(paid), "--today", "2026-12-01"]
            commands[f"  the same --paid-file ({args.paid} months)"] = [*batch, *audit]
        # Alternated, so that a busy machine slows each alike.
        runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                runs[name].append(measure(command))
    rows = [
        (
            name,
            statistics.median(t for t, _, _ in done),
            statistics.median(c for _, c, _ in done),
            max(m for _, _, m in done),
        )
        for name, done in runs.items()
    ]
    for name, seconds, cpu, megabytes in rows:
        rate = args.contracts / seconds
        print(f"{name:38} {seconds:7.2f} s  {rate:9.0f} contracts/s  peak {megabytes:4d} MB"
              f"  cpu {cpu:7.2f} s")  # fmt: skip
    print(f"time ratio batch / floor: {rows[1][1] / rows[0][1]:.2f}")
    if args.extras:
        print(f"time ratio --with {args.extras} / summary: {rows[2][1] / rows[1][1]:.2f}")
    if args.paid:
        print(f"time ratio --paid-file / summary: {rows[-1][1] / rows[1][1]:.2f}")
    print(f"cpu ratio batch / floor: {rows[1][2] / rows[0][2]:.2f}")
    if args.extras:
        print(f"cpu ratio --with {args.extras} / summary: {rows[2][2] / rows[1][2]:.2f}")
    if args.paid:
        print(f"cpu ratio --paid-file / summary: {rows[-1][2] / rows[1][2]:.2f}")


if __name__ == "__main__":
    main()

"""CPU time of `deis-pay batch` from this checkout against another version of the source.

The other version is a folder holding its `deis_pay/` package, e.g. a worktree of an older
commit (`git worktree add --detach /tmp/before HEAD~1`); both run with this environment's
Python and libraries (`python -m deis_pay` with PYTHONPATH set), alternately, on the same
synthetic file as `batch.py`. Prints the user CPU time of each run and the ratio of the medians.

    python benchmarks/against.py --contracts 100000 [--runs 3] /tmp/before [-- --with cost]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from batch import generate

HERE = Path(__file__).resolve().parent.parent


def cpu_seconds(source: Path, contracts: Path, extra: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    command = [sys.executable, "-m", "deis_pay", "batch", str(contracts), "-o", os.devnull]
    env = {**os.environ, "PYTHONPATH": str(source), "DEIS_PAY_CACHE_DIR": "off"}
    process = subprocess.run(
        [*command, "--workers", "1", *extra],
        env=env,
        cwd=tempfile.gettempdir(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if process.returncode not in (0, 3):
        sys.exit(f"{source}: deis-pay batch failed with status {process.returncode}")
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the folder holding the other deis_pay/")
    parser.add_argument("--contracts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("extra", nargs="*", help="options for both batches, after --")
    args = parser.parse_args()
    if not (args.other / "deis_pay" / "__init__.py").is_file():
        sys.exit(f"{args.other}: no deis_pay/ package in it")
    versions = {"this checkout": HERE, f"other ({args.other})": args.other}
    times: dict[str, list[float]] = {name: [] for name in versions}
    with tempfile.TemporaryDirectory() as folder:
        contracts = Path(folder) / "contracts.csv"
        generate(contracts, args.contracts, args.seed)
        for _ in range(args.runs):
            for name, source in versions.items():
                times[name].append(cpu_seconds(source, contracts, args.extra))
    print(f"{args.contracts} contracts, batch {' '.join(args.extra) or '(summary)'}, user CPU")
    for name, runs in times.items():
        shown = " ".join(f"{t:.2f}" for t in runs)
        print(f"{name:40} median {statistics.median(runs):7.2f} s   runs {shown}")
    this, other = (statistics.median(runs) for runs in times.values())
    print(f"other / this: {other / this:.2f}")


if __name__ == "__main__":
    main()

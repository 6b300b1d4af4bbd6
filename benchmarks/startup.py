"""Whole-process time of one `deis-pay schedule --format json` run, beside its baseline.

The baseline is `python -c "import typer, pydantic, rich"` in the same environment: the target
is at most 1.3× that (docs/performance.md). Both commands are run alternately, so that a busy
machine slows both alike. Prints the median and the mean of each and the ratio of the medians.

    python benchmarks/startup.py [--runs 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from installed import deis_pay_command


def _time(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    deis_pay = deis_pay_command()
    env = dict(os.environ)
    commands = {
        "baseline: python -c 'import typer, pydantic, rich'": [
            sys.executable,
            "-c",
            "import typer, pydantic, rich",
        ],
        "deis-pay schedule --birth 2005-05-10 --format json": [
            deis_pay,
            "schedule",
            "--birth",
            "2005-05-10",
            "--format",
            "json",
        ],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm-up: caches, .pyc files
        for _ in range(3):
            _time(command, env)
    for _ in range(args.runs):
        for name, command in commands.items():
            samples[name].append(_time(command, env))
    medians = []
    for name, times in samples.items():
        median = statistics.median(times) * 1000
        medians.append(median)
        print(f"{name:55} median {median:6.1f} ms  mean {statistics.fmean(times) * 1000:6.1f} ms")
    print(f"ratio of medians: {medians[1] / medians[0]:.2f} (target ≤ 1.30), {args.runs} runs each")


if __name__ == "__main__":
    main()

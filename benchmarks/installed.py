"""Where the benchmarks find the `deis-pay` command they measure."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def deis_pay_command() -> str:
    """The entry point installed beside this Python, or the one on PATH; exits if none."""
    beside = Path(sys.executable).with_name("deis-pay")
    found = str(beside) if beside.exists() else shutil.which("deis-pay")
    if found is None:
        sys.exit("deis-pay is not installed in this environment: pip install .")
    return found

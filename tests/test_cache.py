"""The cache of checked datasets cannot run code, is never trusted when altered, and never
blocks on a FIFO or creates a home folder (deis_pay/data/cache.py)."""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from deis_pay.data import cache as datacache
from deis_pay.data.loader import load_dataset


def _run_schedule(cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deis_pay", "schedule", "--birth", "2005-05-10", "--format",
         "json"],
        capture_output=True, text=True, check=False, timeout=60,
        env={"PATH": "", "DEIS_PAY_CACHE_DIR": str(cache), **env},
    )  # fmt: skip


class _Payload:
    """What a pickle runs when loaded: here, a file written as proof."""

    def __init__(self, proof: Path) -> None:
        self.proof = proof

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.proof}",))


def test_a_crafted_pickle_in_the_cache_folder_runs_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _run_schedule(cache).returncode == 0
    proof = tmp_path / "ran"
    payload = pickle.dumps(_Payload(proof))
    live = tmp_path / "live"
    pickle.loads(pickle.dumps(_Payload(live)))  # the payload is real: loaded, it runs
    assert live.exists()
    for path in list(cache.iterdir()):
        if path.name != "secret":
            path.write_bytes(payload)
    for name in ("dataset-00000000.pickle", "dataset-0000000000000000.json"):
        (cache / name).write_bytes(payload)
    result = _run_schedule(cache)
    assert result.returncode == 0
    assert not proof.exists()
    assert json.loads(result.stdout)["total_gross"] == 32391.62


def test_an_altered_cache_is_rebuilt_never_trusted(tmp_path: Path) -> None:
    """The SMIC of 01/06/2026 changed in the stored JSON, the rest untouched: the seal no
    longer matches, the data files are read again, the figures are the shipped ones."""
    cache = tmp_path / "cache"
    first = _run_schedule(cache)
    [stored] = [p for p in cache.iterdir() if p.suffix == ".json"]
    text = stored.read_text(encoding="utf-8")
    assert "1867.02" in text
    stored.write_text(text.replace("1867.02", "9867.02"), encoding="utf-8")
    again = _run_schedule(cache)
    assert again.stdout == first.stdout
    assert "9867.02" not in stored.read_text(encoding="utf-8")  # rebuilt


def test_an_altered_cache_with_a_recomputed_seal_needs_the_secret() -> None:
    """Anyone may recompute a digest; the seal is keyed by a secret only the user can read:
    a seal made with another key is refused and the data files are read again."""
    load_dataset()  # (into the test's own cache folder, DEIS_PAY_CACHE_DIR)
    folder = Path(os.environ["DEIS_PAY_CACHE_DIR"])
    [stored] = [p for p in folder.iterdir() if p.suffix == ".json"]
    body = stored.read_bytes().split(b"\n", 1)[1].replace(b"1867.02", b"9867.02")
    forged = datacache.blake2b(body, key=b"x" * 32, digest_size=32).hexdigest().encode()
    stored.write_bytes(forged + b"\n" + body)
    assert str(load_dataset().smic.metropole[-1].monthly_amount) == "1867.02"


def test_a_secret_others_can_read_is_replaced(tmp_path: Path) -> None:
    load_dataset()
    secret = Path(os.environ["DEIS_PAY_CACHE_DIR"]) / "secret"
    before = secret.read_bytes()
    secret.chmod(0o644)
    assert datacache.load(secret.parent, "x.json", "k", {}) is None
    load_dataset()  # stores again, with a new private secret
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert secret.read_bytes() != before


def test_a_fifo_in_place_of_the_cache_file_is_not_waited_on(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _run_schedule(cache).returncode == 0
    for path in cache.iterdir():
        if path.suffix == ".json":
            path.unlink()
            os.mkfifo(path)
    done: list[int] = []
    thread = threading.Thread(target=lambda: done.append(_run_schedule(cache).returncode))
    thread.start()
    thread.join(30)
    assert done == [0]


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEIS_PAY_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", "/home/someone")
    assert datacache.cache_dir() == Path("/home/someone/.cache/deis-pay")
    monkeypatch.setenv("XDG_CACHE_HOME", "/abs/cache")
    assert datacache.cache_dir() == Path("/abs/cache/deis-pay")


def test_a_missing_home_is_never_created(tmp_path: Path) -> None:
    home = tmp_path / "gone"
    result = subprocess.run(
        [sys.executable, "-m", "deis_pay", "smic", "--format", "json"],
        capture_output=True, text=True, check=False,
        env={"PATH": "", "HOME": str(home)},
    )  # fmt: skip
    assert result.returncode == 0
    assert not home.exists()


def test_a_cache_that_is_another_users_or_a_link_is_not_read(tmp_path: Path) -> None:
    load_dataset()
    folder = Path(os.environ["DEIS_PAY_CACHE_DIR"])
    [stored] = [p for p in folder.iterdir() if p.suffix == ".json"]
    target = tmp_path / "elsewhere.json"
    stored.rename(target)
    stored.symlink_to(target)
    assert datacache._read(stored) is None
    stored.unlink()
    target.rename(stored)
    stored.chmod(0o666)  # writable by others
    assert datacache._read(stored) is None

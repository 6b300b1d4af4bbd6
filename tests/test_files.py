"""Output files are written whole or not at all, and every destination is checked first."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from deis_pay.batch import run as batching
from deis_pay.core import files
from deis_pay.core.errors import InputError
from deis_pay.data.loader import load_dataset

from .conftest import run_cli

SCHEDULE_JSON = ("schedule", "--birth", "2005-05-10", "--format", "json")
PREVIOUS = b"previous content\n"


def _out(tmp_path: Path) -> Path:
    """A folder of its own for outputs (tmp_path also holds the test's data cache)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _batch_input(tmp_path: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text("id,birth_date\nA,2005-05-10\nB,2004-01-31\n", encoding="utf-8")
    return path


def _one_error_line(stderr: str, option: str) -> None:
    assert stderr.count("\n") == 1 and stderr.startswith("Erreur : ") and option in stderr
    assert "Traceback" not in stderr


def test_failed_rename_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON write that fails at the end leaves the previous file byte for byte, no temp file."""
    folder = _out(tmp_path)
    target = folder / "result.json"
    target.write_bytes(PREVIOUS)
    monkeypatch.setattr(os, "replace", _no_space)
    result = run_cli(*SCHEDULE_JSON, "-o", str(target))
    assert result.exit_code == 2 and result.stdout == ""
    _one_error_line(result.stderr, "-o")
    assert target.read_bytes() == PREVIOUS
    assert sorted(os.listdir(folder)) == ["result.json"]


def test_failed_write_in_a_batch_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch whose writes fail (full disk) leaves the previous output and no temp file."""
    folder = _out(tmp_path)
    target = folder / "out.jsonl"
    target.write_bytes(PREVIOUS)
    monkeypatch.setattr(files._Recording, "write", _no_space)
    result = run_cli("batch", str(_batch_input(tmp_path)), "-o", str(target))
    assert result.exit_code == 2
    _one_error_line(result.stderr, "-o")
    assert target.read_bytes() == PREVIOUS
    assert sorted(os.listdir(folder)) == ["out.jsonl"]


def test_interrupted_batch_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of a batch leaves the previous output and no temp file."""
    folder = _out(tmp_path)
    target = folder / "out.jsonl"
    target.write_bytes(PREVIOUS)

    def interrupted(records: Iterable[Any], output: IO[str], **options: Any) -> None:
        output.write('{"half": ')
        raise KeyboardInterrupt

    monkeypatch.setattr(batching, "write", interrupted)
    result = run_cli("batch", str(_batch_input(tmp_path)), "-o", str(target))
    assert result.exit_code not in (0, 2, 3)  # Click's "Aborted!", not an output error
    assert target.read_bytes() == PREVIOUS
    assert sorted(os.listdir(folder)) == ["out.jsonl"]


def test_a_batch_output_appears_whole(tmp_path: Path) -> None:
    """A batch run replaces the previous output with every record, leaving no temp file."""
    folder = _out(tmp_path)
    target = folder / "out.jsonl"
    target.write_bytes(PREVIOUS)
    result = run_cli("batch", str(_batch_input(tmp_path)), "-o", str(target))
    assert result.exit_code == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2
    assert sorted(os.listdir(folder)) == ["out.jsonl"]


def test_full_device_is_one_error_line_in_process() -> None:
    """`-o /dev/full` exits 2 with one line on stderr and nothing on stdout."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    result = run_cli(*SCHEDULE_JSON, "-o", "/dev/full")
    assert result.exit_code == 2 and result.stdout == ""
    _one_error_line(result.stderr, "/dev/full")


def test_full_device_gives_no_traceback() -> None:
    """A real `deis-pay -o /dev/full` process prints one error line, never a traceback."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    process = subprocess.run(
        [sys.executable, "-m", "deis_pay", *SCHEDULE_JSON, "-o", "/dev/full"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 2 and process.stdout == ""
    _one_error_line(process.stderr, "/dev/full")


def test_special_files_are_written_in_place() -> None:
    """A device such as /dev/null is written directly, not replaced (and not refused)."""
    result = run_cli(*SCHEDULE_JSON, "-o", "/dev/null")
    assert result.exit_code == 0 and result.stderr == ""
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize(("kept", "refused"), [("--svg", "--html"), ("--html", "--svg")])
def test_a_refused_copy_writes_neither(tmp_path: Path, kept: str, refused: str) -> None:
    """When --svg or --html is refused, the other file is left as it was and nothing printed."""
    folder = _out(tmp_path)
    existing = folder / f"view.{kept[2:]}"
    existing.write_bytes(PREVIOUS)
    missing = folder / "missing" / f"view.{refused[2:]}"
    result = run_cli(
        "schedule", "--birth", "2005-05-10", kept, str(existing), refused, str(missing)
    )
    assert result.exit_code == 2 and result.stdout == ""
    _one_error_line(result.stderr, refused)
    assert existing.read_bytes() == PREVIOUS
    assert sorted(os.listdir(folder)) == [existing.name]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (SCHEDULE_JSON, "-o"),
        (("schedule", "--birth", "2005-05-10", "--format", "xlsx"), "-o"),
        (("batch", "IN"), "-o"),
    ],
)
@pytest.mark.parametrize("where", ["folder", "missing folder", "under a file"])
def test_unwritable_destination_exits_2(
    tmp_path: Path, args: tuple[str, ...], option: str, where: str
) -> None:
    """`-o` naming a folder, a path in a missing folder or under a file exits 2, writes nothing."""
    folder = _out(tmp_path)
    (folder / "file").write_bytes(PREVIOUS)
    destination = {
        "folder": folder,
        "missing folder": folder / "missing" / "out",
        "under a file": folder / "file" / "out",
    }[where]
    argv = [str(_batch_input(tmp_path)) if arg == "IN" else arg for arg in args]
    result = run_cli(*argv, "-o", str(destination))
    assert result.exit_code == 2 and result.stdout == ""
    _one_error_line(result.stderr, option)
    assert sorted(os.listdir(folder)) == ["file"]
    assert (folder / "file").read_bytes() == PREVIOUS


def test_failed_xlsx_keeps_the_previous_spreadsheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An xlsx write that fails leaves the previous spreadsheet intact and no temp file."""
    import openpyxl

    folder = _out(tmp_path)
    target = folder / "pay.xlsx"
    xlsx = ("schedule", "--birth", "2005-05-10", "--format", "xlsx", "-o", str(target))
    assert run_cli(*xlsx).exit_code == 0
    before = target.read_bytes()
    monkeypatch.setattr(os, "replace", _no_space)
    result = run_cli(*xlsx, "--net")
    assert result.exit_code == 2
    _one_error_line(result.stderr, "-o")
    assert target.read_bytes() == before
    assert sorted(os.listdir(folder)) == ["pay.xlsx"]
    assert "Net" not in openpyxl.load_workbook(target).sheetnames


def test_overwrite_keeps_permission_bits(tmp_path: Path) -> None:
    """Replacing a file keeps its permission bits rather than the temp file's 0600."""
    target = _out(tmp_path) / "result.csv"
    target.write_bytes(PREVIOUS)
    target.chmod(0o664)
    result = run_cli("schedule", "--birth", "2005-05-10", "--format", "csv", "-o", str(target))
    assert result.exit_code == 0
    assert target.read_bytes() != PREVIOUS
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


@pytest.fixture
def umask_027() -> Iterator[None]:
    previous = os.umask(0o027)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("umask_027")
def test_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    """A new file gets the permissions open() would give under the umask, not 0600."""
    target = _out(tmp_path) / "result.json"
    assert run_cli(*SCHEDULE_JSON, "-o", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    """Writing through a symbolic link replaces the file it points to and keeps the link."""
    folder = _out(tmp_path)
    real = folder / "real.json"
    real.write_bytes(PREVIOUS)
    link = folder / "link.json"
    link.symlink_to(real)
    assert run_cli(*SCHEDULE_JSON, "-o", str(link)).exit_code == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8").startswith("{")


def test_check_destination_creates_and_truncates_nothing(tmp_path: Path) -> None:
    """Checking a destination neither creates a missing file nor empties an existing one."""
    folder = _out(tmp_path)
    existing = folder / "existing"
    existing.write_bytes(PREVIOUS)
    files.check_destination("-o", str(existing))
    files.check_destination("-o", str(folder / "new"))
    assert existing.read_bytes() == PREVIOUS
    assert sorted(os.listdir(folder)) == ["existing"]
    with pytest.raises(InputError, match="--svg"):
        files.check_destination("--svg", str(folder))


def test_a_caller_error_is_not_reported_as_the_destination(tmp_path: Path) -> None:
    """An OSError of the caller's own work propagates as is; the previous file stays."""
    folder = _out(tmp_path)
    target = folder / "out.txt"
    target.write_bytes(PREVIOUS)
    with (
        pytest.raises(OSError, match="input gone") as raised,
        files.open_text("-o", str(target)) as handle,
    ):
        handle.write("partial")
        raise OSError(errno.EIO, "input gone")
    assert not isinstance(raised.value, InputError)
    assert target.read_bytes() == PREVIOUS
    assert sorted(os.listdir(folder)) == ["out.txt"]


def test_failed_cache_store_is_silent_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache that cannot be stored costs only the speed-up: no error, no temp file left."""
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", _no_space)
        assert load_dataset().smic
        assert os.listdir(tmp_path / "cache") == ["secret"]  # the seal's key, not a dataset
    load_dataset()
    names = sorted(os.listdir(tmp_path / "cache"))
    assert [name.endswith(".json") for name in names] == [True, False]

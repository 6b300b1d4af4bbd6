"""The cache of checked datasets: JSON that only ever becomes deis-pay's own data records.

Checking the data files means importing pydantic and building its validators, which costs
more than the rest of a one-contract run; so a dataset that passed every check is kept in the
user's cache folder and read back on the next run. What is read back is never trusted blindly:

- the format is JSON whose objects become a `Decimal`, a `date`, a dict or one of the record
  classes of records.py (a fixed list) and nothing else: loading it cannot run code, whatever
  the file holds (a pickle could);
- each file stores the key it was made for (a digest of the deis-pay version, the loader's
  source, every data and overlay file's bytes and the overlay's path): it is used only for
  that exact key, so any change to a file means the data is checked again;
- each file is sealed with a keyed BLAKE2b digest of its content, the key being a random
  secret in the same folder that only the user can read: a file written or altered by anyone
  else, or by hand, fails the seal and is rebuilt from the data files, never used;
- files are opened without following a symbolic link, without blocking on a FIFO, and read
  only when they are regular files owned by the user, of a bounded size;
- the folder is `$DEIS_PAY_CACHE_DIR`, else `$XDG_CACHE_HOME/deis-pay` when that variable is
  an absolute path (a relative one is ignored, as the XDG specification says), else
  `~/.cache/deis-pay`; at most the last two levels are created (mode 0700), never the home
  folder itself. `DEIS_PAY_CACHE_DIR=off` turns the cache off.

What is read back is built as it was stored, without pydantic or the records' own checks: it
passed them when it was stored, and the seal says it is what was stored.
"""

from __future__ import annotations

import json
import os
import stat
from contextlib import suppress
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

try:  # BLAKE2 alone: hashlib would load OpenSSL (2 ms) on every run
    from _blake2 import blake2b as blake2b
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b as blake2b

_SECRET = "secret"
_SECRET_BYTES = 32
_MOST_BYTES = 4_000_000  # a dataset is about 60 KB; anything far larger is not ours
_SEAL_HEX = 64  # the seal, in hexadecimal, on the first line


def cache_dir() -> Path | None:
    """Where checked datasets are kept (see the module's docstring); None: no cache."""
    configured = os.environ.get("DEIS_PAY_CACHE_DIR")
    if configured is not None:
        return None if configured in ("", "off", "0") else Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "deis-pay"
    home = os.environ.get("HOME") or os.path.expanduser("~")
    if not os.path.isabs(home):
        return None
    return Path(home) / ".cache" / "deis-pay"


def load(folder: Path, name: str, key: str, classes: dict[str, type]) -> Any:
    """The object stored under `name` for `key`, or None when there is none that can be
    trusted (missing, sealed with another secret, made for another key, unreadable)."""
    secret = _secret(folder, create=False)
    if secret is None:
        return None
    content = _read(folder / name)
    if content is None or len(content) < _SEAL_HEX + 1:
        return None
    seal, body = content[:_SEAL_HEX], content[_SEAL_HEX + 1 :]
    if seal != _seal(secret, body).encode():
        return None
    try:
        stored = json.loads(
            body, parse_float=Decimal, object_hook=lambda obj: _decode(obj, classes)
        )
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None  # KeyError: not a class of the list; AttributeError: not one of its fields
    if not (isinstance(stored, list) and len(stored) == 2 and stored[0] == key):
        return None
    return stored[1]


def store(folder: Path, name: str, key: str, value: object) -> None:
    """Keep `value` under `name` for `key`. A cache that cannot be written (read-only or
    missing home, full disk) only costs the speed-up: nothing is said, nothing is left."""
    try:
        _make_folder(folder)
        secret = _secret(folder, create=True)
        if secret is None:
            return
        body = "[" + json.dumps(key) + "," + _encode(value) + "]"
        # Whole or not at all: two runs storing at once, or a full disk, leave a valid file or
        # none.
        _write_private(folder / name, (_seal(secret, body.encode()) + "\n" + body).encode())
    except (OSError, ValueError):
        pass


def _write_private(path: Path, content: bytes) -> None:
    """Whole or not at all (two runs storing at once, or a full disk, leave a valid file or
    none), readable by the user alone: a temporary file of mode 0600, renamed over `path`."""
    import tempfile

    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".dataset-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def _seal(secret: bytes, body: bytes) -> str:
    return blake2b(body, key=secret, digest_size=_SEAL_HEX // 2).hexdigest()


def _make_folder(folder: Path) -> None:
    """The folder and, if needed, its parent (0700); never a folder above them, so a missing
    home stays missing."""
    for level in (folder.parent, folder):
        with suppress(FileExistsError):
            level.mkdir(mode=0o700)


def _secret(folder: Path, *, create: bool) -> bytes | None:
    """The folder's secret: a regular file of the user's that no one else may read."""
    path = folder / _SECRET
    secret = _read(path, private=True)
    if secret is not None and len(secret) == _SECRET_BYTES:
        return secret
    if not create:
        return None
    try:
        if secret is not None or os.path.lexists(path):
            os.unlink(path)  # not ours, not private, or of the wrong size: replaced
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError:
        return None
    with os.fdopen(fd, "wb") as handle:
        fresh = os.urandom(_SECRET_BYTES)
        handle.write(fresh)
    return fresh


def _read(path: Path, *, private: bool = False) -> bytes | None:
    """A regular file of the user's, read whole; None for anything else (a link, a FIFO, a
    device, another user's file, one the group or others may write — or read, if `private`)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        forbidden = 0o077 if private else 0o022
        if (
            not stat.S_ISREG(info.st_mode)
            or info.st_uid != os.getuid()
            or info.st_mode & forbidden
            or info.st_size > _MOST_BYTES
        ):
            return None
        return handle.read(_MOST_BYTES + 1)


def _encode(value: object) -> str:
    """JSON text of a record, a dataset or one of their values (see `_decode`). A `Decimal` is
    written as a JSON number that reads back as the same `Decimal` (`parse_float=Decimal`):
    with a fraction or an exponent, never as an integer."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot cache {value}")
        text = str(value)
        return text if "." in text or "E" in text else text + "E0"
    if isinstance(value, date):
        return '{"~t":"' + value.isoformat() + '"}'
    if isinstance(value, tuple | list):
        return "[" + ",".join(_encode(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = ",".join("[" + _encode(k) + "," + _encode(v) + "]" for k, v in value.items())
        return '{"~m":[' + pairs + "]}"
    if is_dataclass(value) and not isinstance(value, type):
        parts = [f'"~":{json.dumps(type(value).__name__)}']
        # (A field derived when the record is made, init=False, is made again when it is read.)
        parts += [
            f"{json.dumps(f.name)}:{_encode(getattr(value, f.name))}"
            for f in fields(value)
            if f.init
        ]
        return "{" + ",".join(parts) + "}"
    raise ValueError(f"cannot cache a {type(value).__name__}")


def _decode(obj: dict[str, Any], classes: dict[str, type]) -> Any:
    """A JSON object of `_encode` back to its value. A record is built as it was stored,
    without running its checks again: it passed them when it was stored, and the seal says it
    is what was stored."""
    if "~t" in obj:
        return date.fromisoformat(obj["~t"])
    if "~m" in obj:
        return {_tuples(k): _tuples(v) for k, v in obj["~m"]}
    cls = classes[obj.pop("~")]
    record: object = object.__new__(cls)
    for name, value in obj.items():
        object.__setattr__(record, name, _tuples(value))
    derive = getattr(record, "derive", None)
    if derive is not None:  # (the fields not stored: `Dataset.derive`)
        derive()
    return record


def _tuples(value: Any) -> Any:
    """JSON arrays back to the tuples the records hold."""
    if type(value) is list:
        return tuple([_tuples(item) for item in value])
    return value

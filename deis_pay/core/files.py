"""Every file deis-pay writes is written whole or not at all.

A destination is replaced only once its new content is on disk: the content goes to a temporary
file in the destination's own folder (a rename is atomic only within one file system), which is
then renamed over it. An error, a full disk or Ctrl-C leaves the previous file as it was and no
temporary file behind. Standard library only: the JSON and CSV writers must not pay for rich.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from typing import IO, TYPE_CHECKING, Any

from deis_pay.core.errors import InputError, cannot_write

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

# Descriptors (/dev/stdout, /proc/self/fd/1) may stand for a file the shell opened, perhaps
# for appending: replacing what they point to would lose that, so they are written in place.
_DESCRIPTOR_FOLDERS = ("/dev/", "/proc/")


def check_destination(option: str, path: str) -> None:
    """Refuse (InputError, exit 2) a destination that cannot be written, creating nothing and
    truncating nothing: every destination of a run is checked before any is written."""
    refusal = _refusal(path)
    if refusal is not None:
        raise cannot_write(option, path, refusal)


def refuse_clashes(
    outputs: Sequence[tuple[str, str]], inputs: Sequence[tuple[str, str]] = ()
) -> None:
    """Refuse (exit 2, before anything is written) two outputs that are the same file, and an
    output that is a file the run reads: `-` among the inputs is stdin, compared by device and
    inode when it is a redirected file (`batch - -o in.csv < in.csv` would empty its input).
    `outputs` and `inputs` are (option, path) pairs; an output `-` is stdout, never a clash."""
    seen: list[tuple[str, str]] = []
    for option, path in outputs:
        if path == "-":
            continue
        for earlier_option, earlier in seen:
            if _same(path, earlier):
                raise InputError("same_output", option, path=path, other=earlier_option)
        for input_option, source in inputs:
            if _same(path, source):
                raise InputError("same_file", option, path=path, input=input_option)
        seen.append((option, path))


def _same(path: str, other: str) -> bool:
    """Whether two paths are one file (`-`: stdin when it is a file). A file that does not
    exist yet is the same as another only by its real path."""
    mine: os.stat_result | None
    try:
        mine = os.stat(path)
    except OSError:
        mine = None
    if other == "-":
        try:
            theirs = os.fstat(0)
        except OSError:  # stdin closed
            return False
        return mine is not None and stat.S_ISREG(theirs.st_mode) and _one(mine, theirs)
    found: os.stat_result | None
    try:
        found = os.stat(other)
    except OSError:
        found = None
    if mine is not None and found is not None:
        return _one(mine, found)
    return os.path.realpath(path) == os.path.realpath(other)


def _one(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def open_text(option: str, path: str) -> AbstractContextManager[IO[str]]:
    """A UTF-8 text file to stream into (newlines written as given, as the csv module needs);
    the destination is replaced when the block ends without an error."""
    return _writing(option, path, text=True)


def write_text(option: str, path: str, text: str) -> None:
    with open_text(option, path) as handle:
        handle.write(text)


def write_bytes(option: str, path: str, data: bytes) -> None:
    with _writing(option, path, text=False) as handle:
        handle.write(data)


def _oserror(code: int, path: str) -> OSError:
    return OSError(code, os.strerror(code), path)


def _refusal(path: str) -> OSError | None:
    if not path:
        return _oserror(errno.ENOENT, path)
    if path.endswith(os.sep):
        return _oserror(errno.EISDIR, path)
    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as exc:  # a parent that is a file (ENOTDIR), a folder we may not enter
        return exc
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            return _oserror(errno.EISDIR, path)
        # os.replace would happily overwrite a read-only file; open() would not, nor do we.
        if not os.access(path, os.W_OK):
            return _oserror(errno.EACCES, path)
        if _in_place(path, status):
            return None
    folder = os.path.dirname(os.path.realpath(path))
    if not os.path.isdir(folder):
        return _oserror(errno.ENOENT, path)
    # The temporary file is created in the folder, so the folder itself must be writable.
    if not os.access(folder, os.W_OK | os.X_OK):
        return _oserror(errno.EACCES, path)
    return None


def _in_place(path: str, status: os.stat_result | None) -> bool:
    """Devices, pipes and descriptors cannot be renamed over: they are written directly."""
    if status is None:
        return False
    return not stat.S_ISREG(status.st_mode) or os.path.abspath(path).startswith(_DESCRIPTOR_FOLDERS)


class _Recording(io.FileIO):
    """Remembers a failed write, so that an OSError raised by the caller's own work (reading
    the batch input, say) is not reported as the destination's."""

    failure: OSError | None = None

    def write(self, data: ReadableBuffer, /) -> int:
        try:
            return super().write(data)
        except OSError as exc:
            self.failure = exc
            raise


def _new_file_mode() -> int:
    # mkstemp creates 0600; a new file gets what open() would give. The umask can only be read
    # by setting it.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: str) -> None:
    # The rename is durable only once the folder is on disk too; not every system allows it.
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextmanager
def _writing(option: str, path: str, *, text: bool) -> Iterator[IO[Any]]:
    check_destination(option, path)
    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise cannot_write(option, path, exc) from None
    in_place = _in_place(path, status)
    # A symbolic link stays a link: the file it points to is the one replaced.
    target = path if in_place else os.path.realpath(path)
    temporary: str | None = None
    raw: _Recording | None = None
    try:
        if in_place:
            raw = _Recording(path, "w")
        else:
            folder, name = os.path.split(target)
            import tempfile  # (with random: at start-up only when a file is written)

            descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            raw = _Recording(descriptor, "w")
            os.fchmod(
                descriptor,
                stat.S_IMODE(status.st_mode) if status is not None else _new_file_mode(),
            )
    except OSError as exc:
        if raw is not None:
            raw.close()
        if temporary is not None:
            with suppress(OSError):
                os.unlink(temporary)
        raise cannot_write(option, path, exc) from None
    handle: IO[Any] = io.BufferedWriter(raw)
    if text:
        handle = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    caller_done = False
    try:
        yield handle
        caller_done = True
        handle.flush()
        if temporary is not None:
            os.fsync(raw.fileno())
        handle.close()
        if temporary is not None:
            os.replace(temporary, target)
            temporary = None
            _sync_folder(os.path.dirname(target))
    except BaseException as exc:
        # Closing flushes what is left, which fails again after a failed write.
        with suppress(OSError):
            handle.close()
        if temporary is not None:
            with suppress(OSError):
                os.unlink(temporary)
        if not isinstance(exc, Exception):
            raise  # Ctrl-C and exits stay what they are
        failure = raw.failure or (exc if caller_done and isinstance(exc, OSError) else None)
        if failure is None:
            raise
        raise cannot_write(option, path, failure) from None

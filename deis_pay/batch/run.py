"""Running a batch: the records computed one by one or by chunks in worker processes, the
lines written in input order, the counts.

Workers leave Ctrl-C to the parent and end with it, whatever its end; memory stays bounded
however long the input (at most two chunks per worker in flight; 8 bytes per record kept to
count duplicate ids), but for the pay file of `--paid-file`, held whole (docs/batch.md).
"""

from __future__ import annotations

import gc
import heapq
import itertools
import os
import sys
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import IO

from deis_pay.batch.lines import (
    NO_EXTRAS,
    Audit,
    Detail,
    Extras,
    OutFormat,
    csv_columns,
    render,
    size_pay_texts,
)
from deis_pay.batch.read import Record
from deis_pay.data.loader import default_dataset
from deis_pay.i18n.language import set_language

CHUNK = 500  # records sent to a worker at a time


@dataclass(slots=True)
class Tally:
    records: int = 0
    ok: int = 0
    errors: int = 0
    duplicate_ids: int = 0
    # With `--paid-file`: the ids of the pay file that no record has (the first few, and how
    # many), and how many records had no pay row.
    unmatched_paid: int | None = None
    unmatched_examples: tuple[str, ...] = ()
    without_paid: int = 0

    def summary(self) -> str:
        counts = f"{self.records} records, {self.ok} ok, {self.errors} errors"
        if self.unmatched_paid is None:
            return counts
        return counts + f", {self.unmatched_paid} pay file ids unmatched"


# What a worker sends back for a chunk of records: their text, one string, and each record's
# (ok, id). (One string pickles as one copy; a string per record costs a call each way.)
_Done = tuple[str, list[tuple[bool, str]]]


def _chunk_worker(
    chunk: list[Record],
    detail: Detail,
    out_format: OutFormat,
    language: str,
    extras: Extras,
    csv_raw: bool,
    audit: Audit | None = None,
) -> _Done:
    # A worker process does not inherit the parent's choice of language under the spawn and
    # forkserver start methods (forkserver: Linux's default from Python 3.14): it is sent.
    set_language(language)
    size_pay_texts(False, extras)
    with rare_collections():
        rendered = render(chunk, default_dataset(), detail, out_format, extras, csv_raw, audit)
        return next(_grouped(rendered, len(chunk)))  # (one result per record: one group)


@contextmanager
def rare_collections() -> Iterator[None]:
    """CPython's cycle collector runs every 700 objects allocated and not freed, and now and
    then walks every object alive. A batch allocates millions and keeps tens of thousands in
    its caches, none in a reference cycle: those walks find nothing (3.5 % of the instructions
    of 100 000 contracts, docs/performance.md). Run it a hundred times less often while a
    batch computes; cycles, if any, are still collected."""
    first, *older = gc.get_threshold()
    gc.set_threshold(max(first, 70_000), *older)
    try:
        yield
    finally:
        gc.set_threshold(first, *older)


def _chunks(records: Iterable[Record]) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel(
    records: Iterable[Record],
    detail: Detail,
    out_format: OutFormat,
    workers: int,
    language: str,
    extras: Extras,
    csv_raw: bool,
    audit: Audit | None = None,
) -> Iterator[_Done]:
    """Chunks computed by `workers` processes, yielded in input order, at most 2 × workers
    chunks in flight so that memory stays bounded however long the input. Stopped (Ctrl-C,
    SIGTERM, a failed write), the workers are stopped at once, not waited for. With `audit`,
    each chunk goes with the pay rows of its ids only (not the whole pay file)."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    try:
        pending: deque[Future[_Done]] = deque()
        for chunk in _chunks(records):
            own = None
            if audit is not None:
                paid = audit.paid
                rows = {r.id: paid[r.id] for r in chunk if r.id in paid}
                own = Audit(audit.path, audit.today, rows)
            job = pool.submit(_chunk_worker, chunk, detail, out_format, language, extras, csv_raw,
                              own)  # fmt: skip
            pending.append(job)
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)


# Set when workers were stopped in the middle of their work: the process must then end without
# the interpreter's own exit, whose concurrent.futures hook would wait for the executor's
# thread, itself waiting forever for the rest of a result a killed worker was sending (the
# CLI ends it with os._exit, after flushing its streams: cli.main).
workers_abandoned = False


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    global workers_abandoned
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
    else:  # (the executor's own list of its processes, emptied by shutdown: read first)
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with suppress(OSError, ValueError, AttributeError):
                process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    workers_abandoned = True


def _worker_start() -> None:
    """A worker's start: it leaves Ctrl-C to the parent (which stops it: no traceback from
    each worker when the whole process group gets SIGINT), and it ends when its parent ends,
    however the parent ends (SIGKILL included): on Linux the kernel kills it (parent-death
    signal), and everywhere a thread waiting on the parent's sentinel ends it."""
    import signal
    import threading
    from multiprocessing import parent_process

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        with suppress(OSError, AttributeError):
            import ctypes

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    parent = parent_process()
    if parent is not None:

        def watch() -> None:
            from multiprocessing.connection import wait

            wait([parent.sentinel])
            os._exit(1)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    default_dataset()


def header(
    out_format: OutFormat, detail: Detail, extras: Extras = NO_EXTRAS, check: bool = False
) -> str:
    if out_format == "jsonl":
        return ""
    return ",".join(csv_columns(detail, extras, check)) + "\n"


def write(
    records: Iterable[Record],
    output: IO[str],
    *,
    out_format: OutFormat,
    detail: Detail,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    language: str = "fr",
    extras: Extras = NO_EXTRAS,
    csv_raw: bool = False,
    audit: Audit | None = None,
) -> Tally:
    """Compute and write every record, in input order; return the counts. With `audit`
    (`--paid-file`), each contract checked against its pay rows, and the ids of the pay file
    that no record has counted."""
    size_pay_texts(workers <= 1, extras)
    tally = Tally()
    seen = _IdCounter()
    output.write(header(out_format, detail, extras, audit is not None))
    # (On a terminal, each line as soon as it is computed.)
    group = 1 if output.isatty() else 64
    data = default_dataset()
    results = (
        _grouped(render(records, data, detail, out_format, extras, csv_raw, audit), group)
        if workers <= 1
        else _parallel(records, detail, out_format, workers, language, extras, csv_raw, audit)
    )
    checking = audit is not None
    paid = audit.paid if audit is not None else {}
    matched: set[str] = set()  # the ids of the pay file that records have
    with rare_collections():
        for text, done in results:
            output.write(text)
            for ok, record_id in done:
                tally.records += 1
                if ok:
                    tally.ok += 1
                else:
                    tally.errors += 1
                if record_id:
                    seen.add(record_id)
                if checking:
                    if record_id and record_id in paid:
                        matched.add(record_id)
                    elif ok:
                        tally.without_paid += 1
            if progress is not None:
                progress(len(done))
    tally.duplicate_ids = seen.duplicates()
    if checking:
        unmatched = (record_id for record_id in paid if record_id not in matched)
        tally.unmatched_examples = tuple(itertools.islice(unmatched, 5))
        tally.unmatched_paid = len(paid) - len(matched)
    return tally


def _grouped(results: Iterable[tuple[bool, str, str]], size: int) -> Iterator[_Done]:
    """Results in groups of `size`, their texts joined: one write each (a write per record
    costs more than its line, for a summary)."""
    texts: list[str] = []
    done: list[tuple[bool, str]] = []
    for ok, record_id, text in results:
        texts.append(text)
        done.append((ok, record_id))
        if len(done) == size:
            yield "".join(texts), done
            texts, done = [], []
    if done:
        yield "".join(texts), done


class _IdCounter:
    """Counts ids seen more than once with 8 bytes per record: the 64-bit hash of each id, kept
    in sorted runs of 65 536 and merged at the end (no list of a million Python ints). A false
    duplicate would need two ids with the same 64-bit hash."""

    RUN = 65_536

    def __init__(self) -> None:
        self._runs: list[array[int]] = []
        self._current: list[int] = []

    def add(self, record_id: str) -> None:
        self._current.append(hash(record_id))
        if len(self._current) == self.RUN:
            self._runs.append(array("q", sorted(self._current)))
            self._current = []

    def duplicates(self) -> int:
        merged = heapq.merge(*self._runs, sorted(self._current))
        return sum(1 for a, b in itertools.pairwise(merged) if a == b)

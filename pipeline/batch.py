"""Batch extraction: many files to records, in this process or on Dask workers, with the same output.

One code path from a laptop to a cluster: ``--workers 1`` extracts in this process; otherwise the client
reads and decodes the files (cheap, and a cluster's workers need not see the client's disk), sends them in
batches sized by characters to a Dask ``LocalCluster`` of processes or to a running scheduler, and yields
the records in input order. Workers build the NLP pipeline once per process. A bad file or a failing
document is one stderr line naming the file, and the run goes on, exactly as in one process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import resource
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from cadregraph.schemas import DocumentRecord

if TYPE_CHECKING:
    from pydantic import ValidationError

    from cadregraph.pipeline.ingest import IngestedDocument

# A batch is sent to one worker; by characters, because a page and a 3 MB report cost very differently.
BATCH_CHARS = 40_000
# Back-pressure: batches in flight per worker thread; more only grows memory, fewer starves workers.
BATCHES_IN_FLIGHT_PER_WORKER = 2
# ONNX Runtime threads inside a worker: the workers already use every core.
WORKER_ONNX_THREADS = "1"


def default_workers() -> int:
    """Every core this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Outcome:
    """What a worker returns for one document: the record as JSON, or the one-line failure."""

    source: str
    record_json: str | None
    error: str | None


@dataclass(frozen=True)
class BatchResult:
    outcomes: tuple[Outcome, ...]
    worker_pid: int
    worker_peak_rss: int  # bytes, the worker process's peak so far


def extract_batch(
    documents: Sequence[IngestedDocument], backend: str, doc_date: dt.date | None
) -> BatchResult:
    """Run on a worker: the pipeline is built once per process (cached), ONNX at one thread."""
    from cadregraph.pipeline.backends import ONNX_THREADS_ENV

    os.environ.setdefault(ONNX_THREADS_ENV, WORKER_ONNX_THREADS)
    from cadregraph.pipeline.extract import extract_record
    from cadregraph.pipeline.nlp import cached_nlp

    nlp = cached_nlp(backend)
    outcomes = []
    for ingested in documents:
        try:
            record = extract_record(ingested, nlp, doc_date)
            outcomes.append(Outcome(ingested.source, record.model_dump_json(), None))
        except Exception as exc:  # one bad document must not end the run; say which and why
            outcomes.append(Outcome(ingested.source, None, _internal_error(ingested.source, exc)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return BatchResult(tuple(outcomes), os.getpid(), peak)


def _internal_error(source: str, exc: BaseException) -> str:
    """One line for a document the pipeline could not turn into a record."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):  # past schemas/limits.toml or the relation spec, as kg load refuses it
        return f"{source}: record refused by the schema ({_first_error(exc)})"
    return f"{source}: internal error while extracting: {type(exc).__name__}: {exc}"


def _first_error(exc: ValidationError) -> str:
    """`where: why` of a validation error's first problem, as one line."""
    errors = exc.errors()
    if not errors:
        return " ".join(str(exc).split())
    where = ".".join(str(part) for part in errors[0].get("loc", ()))
    return f"{where + ': ' if where else ''}{errors[0]['msg']}"


class Progress:
    """Documents done, documents per second and errors, on one self-overwriting stderr line."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.started = time.monotonic()
        self.done = 0
        self.errors = 0
        self._shown = 0.0

    def tick(self, *, error: bool = False) -> None:
        self.done += 1
        self.errors += error
        now = time.monotonic()
        if self.enabled and now - self._shown >= 0.5:
            self._shown = now
            self._write("\r")

    def close(self) -> None:
        if self.enabled and self.done:
            self._write("\r")
            self.stream.write("\n")
            self.stream.flush()

    def _write(self, lead: str) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        self.stream.write(
            f"{lead}kg: {self.done} documents, {self.done / elapsed:.1f}/s, {self.errors} errors"
        )
        self.stream.flush()


class ExtractionRun:
    """Extracts every file of a run; a bad file is one stderr line and the run goes on.

    ``workers`` > 1 or a ``scheduler`` address sends the documents to Dask workers; the records come back
    in input order and are byte-identical to those of one process.
    """

    def __init__(
        self,
        backend: str,
        doc_date: dt.date | None,
        *,
        workers: int = 1,
        scheduler: str | None = None,
        quiet: bool = True,
        fail_fast: bool = False,
    ) -> None:
        self.backend = backend
        self.doc_date = doc_date
        self.workers = max(1, workers)
        self.scheduler = scheduler
        self.failures = 0
        self.fail_fast = fail_fast  # stop at the first bad file or document (kg ... --fail-fast)
        self._unreadable: str | None = None  # with fail_fast: the file that ended the reading
        self.worker_peak_rss: dict[int, int] = {}  # pid → bytes, filled by parallel runs
        self.progress = Progress(sys.stderr, enabled=not quiet and sys.stderr.isatty())

    def records(self, paths: Sequence[str]) -> Iterator[DocumentRecord]:
        documents = self._ingested(paths)
        try:
            if self.scheduler is None and self.workers == 1:
                made = self._in_process(documents)
            else:
                made = self._on_dask(documents)
            for record in made:
                if self.stopped:
                    return
                yield record
            if self._unreadable is not None and not self.stopped:
                self._fail(self._unreadable)  # after the records of the files before it, in input order
        finally:
            self.progress.close()

    @property
    def stopped(self) -> bool:
        """Whether --fail-fast has met its bad input: nothing more is read or yielded."""
        return self.fail_fast and self.failures > 0

    # -- reading the files (always in this process) -------------------------------------------------

    def _ingested(self, paths: Sequence[str]) -> Iterator[IngestedDocument]:
        from cadregraph.pipeline.ingest import (
            SUPPORTED_SUFFIXES,
            IngestError,
            iter_input_files,
            read_document,
        )

        for given in paths:
            folder = Path(given)
            empty = folder.is_dir() and not any(
                p.suffix.lower() in SUPPORTED_SUFFIXES for p in folder.rglob("*") if p.is_file()
            )
            if empty and self._bad_input(
                f"{given}: no supported files ({' '.join(SUPPORTED_SUFFIXES)}) in this folder"
            ):
                return
        seen: dict[str, str] = {}
        for source, path, error in iter_input_files(paths):
            if error is not None or path is None:
                if self._bad_input(str(error)):
                    return
                continue
            try:
                ingested = read_document(path, source)
            except IngestError as exc:
                if self._bad_input(str(exc)):
                    return
                continue
            if ingested.warning:  # decoded with isolated bad bytes replaced: say so, keep the article
                self._note(f"{source}: warning: {ingested.warning}")
            if ingested.doc_id in seen and seen[ingested.doc_id] != source:
                # a/x.txt and b/x.txt: the second keeps the name and gets a stable suffix from its path
                suffix = hashlib.sha1(source.encode("utf-8")).hexdigest()[:8]
                ingested = dataclasses.replace(ingested, doc_id=f"{ingested.doc_id}-{suffix}")
            seen[ingested.doc_id] = source
            yield ingested

    def _bad_input(self, message: str) -> bool:
        """A file that cannot be read: one line now, or with fail_fast once the files before it are
        done (reading runs ahead of extraction). True when reading must stop."""
        if not self.fail_fast:
            self._fail(message)
            return False
        self._unreadable = message
        return True

    # -- one process ----------------------------------------------------------------------------------

    def _in_process(self, documents: Iterator[IngestedDocument]) -> Iterator[DocumentRecord]:
        from cadregraph.pipeline.extract import extract_record
        from cadregraph.pipeline.nlp import cached_nlp

        nlp = None
        for ingested in documents:
            if nlp is None:
                nlp = cached_nlp(self.backend)
            try:
                record = extract_record(ingested, nlp, self.doc_date)
            except Exception as exc:  # one bad document must not end the run; say which and why
                self._fail(_internal_error(ingested.source, exc))
                if self.stopped:
                    return
                continue
            self.progress.tick()
            yield record

    # -- Dask --------------------------------------------------------------------------------------------

    def _on_dask(self, documents: Iterator[IngestedDocument]) -> Iterator[DocumentRecord]:
        batches = _batches(documents, BATCH_CHARS)
        first = next(batches, None)
        if first is None:
            return
        second = next(batches, None) if self.scheduler is None else None
        if self.scheduler is None and second is None:
            # one batch of work: starting workers would cost more than it saves, and the result is the same
            yield from self._in_process(iter(first))
            return
        client, cluster = self._connect()
        if client is None:
            yield from self._in_process(_chain(first, second, batches))
            return
        try:
            yield from self._collect(client, _chain_batches(first, second, batches))
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self) -> tuple[Any, Any]:
        """A client on the given scheduler, or on a new LocalCluster of processes; None if none starts."""
        import logging

        from distributed import Client, LocalCluster

        from cadregraph.pipeline.backends import ONNX_THREADS_ENV

        # Dask's own INFO lines (dashboard address, worker start/stop) are not this command's output.
        for name in ("distributed", "distributed.worker", "distributed.scheduler", "distributed.nanny"):
            logging.getLogger(name).setLevel(logging.ERROR)
        if self.scheduler is not None:
            try:
                return Client(self.scheduler, timeout="30s"), None
            except OSError as exc:
                raise SchedulerUnavailable(
                    f"cannot reach the Dask scheduler {self.scheduler}: {exc}"
                ) from exc
        try:
            cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                env={ONNX_THREADS_ENV: WORKER_ONNX_THREADS, "OMP_NUM_THREADS": "1"},
            )
        except Exception as exc:  # the records do not depend on where they are made
            self._note(
                f"could not start {self.workers} local workers ({type(exc).__name__}: {exc}); "
                "extracting in this process"
            )
            return None, None
        return Client(cluster), cluster

    def _collect(self, client: Any, batches: Iterator[list[IngestedDocument]]) -> Iterator[DocumentRecord]:
        """Submit with back-pressure and yield results in input order."""
        threads = sum(client.nthreads().values()) or self.workers
        limit = max(2, threads * BATCHES_IN_FLIGHT_PER_WORKER)
        pending: deque[tuple[list[IngestedDocument], Any]] = deque()
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < limit:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                future = client.submit(extract_batch, batch, self.backend, self.doc_date, pure=False)
                pending.append((batch, future))
            if not pending:
                break
            batch, future = pending.popleft()  # the oldest first: input order
            try:
                result: BatchResult = future.result()
            except Exception as exc:  # a worker died or could not run the task: name every file of it
                for ingested in batch:
                    self._fail(f"{ingested.source}: worker failed: {type(exc).__name__}: {exc}")
                continue
            self.worker_peak_rss[result.worker_pid] = max(
                result.worker_peak_rss, self.worker_peak_rss.get(result.worker_pid, 0)
            )
            for outcome in result.outcomes:
                if outcome.record_json is None:
                    self._fail(outcome.error or f"{outcome.source}: no record")
                    continue
                self.progress.tick()
                yield DocumentRecord.model_validate_json(outcome.record_json)

    def _fail(self, message: str) -> None:
        self.failures += 1
        self.progress.errors += 1
        self._note(message)

    def _note(self, message: str) -> None:
        if self.progress.enabled and self.progress.done:
            sys.stderr.write("\n")
        print(f"kg: {message}", file=sys.stderr)


def extraction_run(options: Any) -> ExtractionRun:
    """The ExtractionRun that the options of `kg extract` and `kg build` describe (parsed arguments:
    backend, doc_date, workers, scheduler, quiet, fail_fast)."""
    return ExtractionRun(
        options.backend,
        options.doc_date,
        workers=options.workers or default_workers(),
        scheduler=options.scheduler,
        quiet=options.quiet,
        fail_fast=options.fail_fast,
    )


class SchedulerUnavailable(RuntimeError):
    """The --scheduler address does not answer."""


def _batches(documents: Iterator[IngestedDocument], max_chars: int) -> Iterator[list[IngestedDocument]]:
    batch: list[IngestedDocument] = []
    size = 0
    for ingested in documents:
        if batch and size + len(ingested.text) > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(ingested)
        size += len(ingested.text)
    if batch:
        yield batch


def _chain_batches(
    first: list[IngestedDocument],
    second: list[IngestedDocument] | None,
    rest: Iterator[list[IngestedDocument]],
) -> Iterator[list[IngestedDocument]]:
    yield first
    if second is not None:
        yield second
    yield from rest


def _chain(
    first: list[IngestedDocument],
    second: list[IngestedDocument] | None,
    rest: Iterator[list[IngestedDocument]],
) -> Iterator[IngestedDocument]:
    for batch in _chain_batches(first, second, rest):
        yield from batch

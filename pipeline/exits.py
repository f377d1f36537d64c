"""`kg`'s one error policy: every expected failure is one line on stderr (`kg: ...`) and one of these
exit codes, never a traceback. `kg --help` and README list the codes (EXIT_CODES_HELP)."""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1  # the command ran, but some input was bad (a file, a record, a gold file, a document id)
EXIT_UNAVAILABLE = 2  # the command could not run: store, request, option, missing file, unwritable output
EXIT_OUTPUT = EXIT_UNAVAILABLE  # standard output could not be written (a full disk): the run stops
EXIT_INTERRUPTED = 130  # Ctrl-C

OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO})  # a print() that failed

EXIT_CODES_HELP = f"""exit codes:
  {EXIT_OK}    done
  {EXIT_FAILED}    done, but some input was bad (each named on stderr); with --fail-fast, the first stopped the run
  {EXIT_UNAVAILABLE}    could not run: store unavailable, unknown query or entity, bad option, missing file,
       standard output not writable (one line on stderr)
  {EXIT_INTERRUPTED}  interrupted"""

# Errors a user can act on, by (module, class): a class counts only once its module is loaded, so
# `kg extract` never imports the Neo4j driver just to test an exception against it.
_EXPECTED: tuple[tuple[str, str], ...] = (
    ("cadregraph.graph.store", "StoreError"),
    ("cadregraph.graph.neo4j_store", "StoreUnavailable"),
    ("cadregraph.graph.saved_queries", "QueryError"),
    ("cadregraph.graph.export", "ExportError"),
    ("cadregraph.graph.viz", "VizError"),
    ("cadregraph.graph.model", "ModelError"),
    ("cadregraph.graph.importer", "ImportRefused"),
    ("cadregraph.graph.person_links", "OverrideError"),
    ("cadregraph.pipeline.backends", "BackendError"),
    ("cadregraph.pipeline.batch", "SchedulerUnavailable"),
)


def fail(message: str) -> None:
    """One line on stderr, the way every `kg` failure reads."""
    print(f"kg: {message}", file=sys.stderr)


def _loaded_class(module: str, name: str) -> type[BaseException] | None:
    found: Any = getattr(sys.modules.get(module), name, None)
    return found if isinstance(found, type) and issubclass(found, BaseException) else None


def failure_line(exc: BaseException) -> str | None:
    """The one line an expected failure prints, or None for a bug (which keeps its traceback)."""
    for module, name in _EXPECTED:
        expected = _loaded_class(module, name)
        if expected is not None and isinstance(exc, expected):
            text = str(exc)
            return text.splitlines()[0] if text else type(exc).__name__
    neo4j_error = _loaded_class("neo4j.exceptions", "Neo4jError")
    if neo4j_error is not None and isinstance(exc, neo4j_error):  # a query the server refused
        from cadregraph.graph.neo4j_store import neo4j_error_line

        return neo4j_error_line(exc)  # type: ignore[arg-type]
    return None


def guarded(command: Callable[[Any], int]) -> Callable[[Any], int]:
    """`command` under the policy: an expected failure or an unreadable file is one line and exit 2."""

    def run(args: Any) -> int:
        try:
            return command(args)
        except BrokenPipeError:
            raise  # the reader went away (kg query ... | head); main() ends quietly
        except OSError as exc:
            line = failure_line(exc)
            if line is None and exc.filename is None and exc.errno in OUTPUT_ERRNOS:
                raise  # standard output is full or broken: main() says so and silences it
            fail(line or f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
            return EXIT_UNAVAILABLE
        except Exception as exc:
            line = failure_line(exc)
            if line is None:
                raise
            fail(line)
            return EXIT_UNAVAILABLE

    return run

"""How the command line ends: at once, leaving the memory to the operating system.

A build makes millions of small objects (the outline, the laid-out deck, the measured
lines). Freeing them one by one when the build returns, then the rest when Python
shuts down, took ~60 ms of a 1,000-slide build's 1.1 s, and a process that is about
to end has no use for that memory: the operating system takes it back at once.

So :func:`main` runs a command-line command and then ends the process with
``os._exit`` once the output is flushed (never while other threads run, as in the
studio and ``deckgen watch``, nor when something is registered to run at exit: then
the process ends as usual), and a command that builds keeps what each build
made (:func:`keep`) inside :func:`kept_until_exit`. Used as a library, or run by a
test's ``CliRunner`` (not through :func:`main`), nothing is kept: what a build made is
freed when the build returns, as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

_exit = os._exit  # the end itself (a test replaces it here, never in os: forked children use it)
_kept: list[tuple[object, ...]] | None = None  # None: nothing is kept
_ending = False  # True under main(): the process ends after its command


def keep(*made: object) -> None:
    """Keep ``made`` until the process ends, inside :func:`kept_until_exit` under
    :func:`main`; else do nothing (it is freed as usual). Only the last build's is
    kept: building a folder of outlines frees each deck's when the next is kept, so
    memory stays that of one deck."""
    if _kept is not None:
        _kept[:] = [made]


@contextmanager
def kept_until_exit() -> Iterator[None]:
    """Within: what :func:`keep` is given stays until the process ends, where the
    process ends after this command (:func:`main`); elsewhere it is freed on leaving."""
    global _kept
    if not _ending:
        yield
        return
    _kept = _kept if _kept is not None else []
    yield


def main(command: Callable[[], object]) -> NoReturn:
    """Run ``command`` (the command line), then end the process with its exit code,
    skipping Python's shutdown where nothing else can be running."""
    global _ending
    _ending = True
    try:
        command()
        code: str | int | None = 0
    except SystemExit as done:
        code = done.code
    if _others_to_wait_for() or _unflushed():
        sys.exit(code)  # Python's own shutdown waits for them, or reports the failed flush
    _exit(_status(code))


def _others_to_wait_for() -> bool:
    """True when Python's shutdown has more to do than free memory: other threads that
    may still write, or functions registered to run at exit (a library's clean-up)."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return True
    import atexit

    registered = getattr(atexit, "_ncallbacks", None)  # CPython's; elsewhere assume some
    return registered is None or registered() > 0


def _unflushed() -> bool:
    """Flush standard output and error; True when that failed (a closed pipe): then
    Python's own shutdown reports it as it always did."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return True
    return False


def _status(code: str | int | None) -> int:
    """The exit status ``sys.exit(code)`` gives (a message is printed, status 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr, flush=True)
    return 1

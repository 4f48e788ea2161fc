"""Work done beside the build in a second process, on a machine with a second core.

A first build spends most of its time on answers that are pure functions of what
they are asked (how a paragraph breaks into lines at a width, where a text's words
end) and on a review that reads the finished plan but changes nothing. Both can be
worked out in a second process while this one goes on: :class:`Helper` forks a child
that sees a copy of this process's memory (nothing is pickled on the way in), runs
the work given to it, and streams back what it finds, pickled, through a pipe. While
both work, this process can share with the child what it works out itself
(:meth:`Helper.share`, through memory the two share), so the same answer is not
worked out twice.

The caller decides only *how fast* a deck is made with it, never *what* is made:
what the child sends is either a pure answer this process would have worked out
the same way (line breaks, word readings: the same entries the persistent cache
keeps between builds, :mod:`deckgen.cache`) or a result this process would
otherwise compute itself (the review). A test builds decks both ways and compares
their bytes. When the child fails, is killed or is slow, this process does the
work itself.

No second process is used:

* without ``os.fork`` (Windows), on macOS (whose system libraries are not safe in a
  forked child), or with one core for this process;
* while other threads run (the studio, ``deckgen watch``): ``fork`` copies only the
  calling thread, and a lock another thread holds would stay held in the child;
* when ``DECKGEN_JOBS=1`` is set (``DECKGEN_JOBS`` is the number of cores a build
  may use, for its processes and threads; only 1 and more than 1 are told apart).
"""

from __future__ import annotations

import mmap
import os
import pickle
import select
import signal
import struct
import sys
import time
from collections.abc import Callable, Iterator

JOBS_VARIABLE = "DECKGEN_JOBS"

_HEADER = struct.Struct("<Q")  # the length of one pickled message
_READ_SIZE = 1 << 20


def cores() -> int:
    """The cores a build may use: this process's, at most ``DECKGEN_JOBS``."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    jobs = os.environ.get(JOBS_VARIABLE, "").strip()
    if jobs:
        try:
            count = min(count, max(1, int(jobs)))
        except ValueError:
            pass  # not a number: as if unset
    return count


def available() -> bool:
    """True when a second process may work beside this one (see the module's docstring)."""
    if not hasattr(os, "fork") or sys.platform == "darwin":  # macOS: system libraries are not fork-safe
        return False
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    return cores() >= 2


#: What a helper runs: ``work(send, progress, shared)`` (see :class:`Helper`).
Work = Callable[[Callable[[object], None], Callable[[], int], Callable[[], list[object]]], None]


def start(work: Work) -> Helper | None:
    """A :class:`Helper` running ``work``, or None where no second process may work
    (:func:`available`) or none can be made (a process limit reached): the caller
    then does the work itself."""
    if not available():
        return None
    try:
        return Helper(work)
    except OSError:
        return None


class Helper:
    """A forked child running ``work(send, progress, shared)``; its messages come back
    in order.

    ``send(message)`` (in the child) pickles a message to this process. ``progress``
    reads a number this process sets with :meth:`tell` (how far it has come), so the
    child can stop where its work would no longer help. ``shared()`` returns the
    messages this process has passed to :meth:`share` since the child last asked
    (answers it worked out meanwhile, so the child need not work them out again).
    The child's standard streams go nowhere and Ctrl-C ends it at once; whatever
    happens in it, it ends with ``os._exit`` (no ``atexit`` handlers, no buffers of
    this process flushed twice).
    """

    def __init__(self, work: Work) -> None:
        # Anonymous memory shared with the child: how far this process has come, how
        # many bytes of shared messages it has written, then the messages (pages are
        # only made as they are written).
        self._shared = mmap.mmap(-1, _SHARED_AT + SHARED_BYTES)
        self._written = 0
        self._buffer = bytearray()
        self._ended = False
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare (a limit reached): the caller works alone
            os.close(read_end)
            os.close(write_end)
            self._shared.close()
            raise
        if pid == 0:  # the child
            code = 1
            try:
                os.close(read_end)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
                memory = self._shared
                work(lambda message: _write_all(write_end, _frame(message)), lambda: _HEADER.unpack_from(memory, 0)[0], _SharedReader(memory))
                code = 0
            except BaseException:  # noqa: BLE001 - the parent does the work itself
                code = 1
            finally:
                os._exit(code)
        os.close(write_end)
        self.pid = pid
        self._fd = read_end
        os.set_blocking(read_end, False)
        self._poll = select.poll()  # poll, not select: any descriptor number
        self._poll.register(read_end, select.POLLIN)

    def tell(self, position: int) -> None:
        """Let the child know how far this process has come."""
        _HEADER.pack_into(self._shared, 0, position)

    def share(self, message: object) -> bool:
        """Pass ``message`` to the child (its ``shared()`` returns it); False when the
        space for shared messages is full (the child then works it out itself)."""
        if self._shared.closed:
            return False
        frame = _frame(message)
        start = _SHARED_AT + self._written
        if start + len(frame) > len(self._shared):
            return False
        self._shared[start : start + len(frame)] = frame
        self._written += len(frame)
        _HEADER.pack_into(self._shared, _HEADER.size, self._written)  # after the bytes: the child reads up to here
        return True

    def received(self) -> Iterator[object]:
        """The messages that have arrived so far (does not wait)."""
        if not self._ended and self._poll.poll(0):
            self._read_available()
        yield from self._messages()

    def wait(self, timeout: float | None = None) -> Iterator[object]:
        """Every message still to come, waiting for the child to end; after ``timeout``
        seconds without its end, the child is ended (:meth:`succeeded` is then False)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._ended:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                self.close()
                return
            if self._poll.poll(None if left is None else max(1, int(left * 1000))):
                self._read_available()
                yield from self._messages()
        yield from self._messages()

    def succeeded(self, timeout: float | None = None) -> bool:
        """Whether the child ran its work to the end (waits for it, at most ``timeout`` s)."""
        for _ in self.wait(timeout):
            pass
        return self._reap() == 0

    def close(self) -> None:
        """End the child if it still runs and release the pipe (idempotent)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
            self._ended = True
            self._buffer.clear()  # a message cut short is not one
        self._reap(kill=True)
        if not self._shared.closed:
            self._shared.close()

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- inside -------------------------------------------------------------

    def _read_available(self) -> None:
        while True:
            try:
                chunk = os.read(self._fd, _READ_SIZE)
            except BlockingIOError:
                return
            if not chunk:
                self._ended = True
                return
            self._buffer += chunk

    def _messages(self) -> Iterator[object]:
        buffer = self._buffer
        while len(buffer) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(buffer, 0)
            if len(buffer) < _HEADER.size + size:
                return
            message = pickle.loads(bytes(buffer[_HEADER.size : _HEADER.size + size]))
            del buffer[: _HEADER.size + size]
            yield message

    _status: int | None = None

    def _reap(self, *, kill: bool = False) -> int:
        if self._status is None:
            if kill:
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            _, status = os.waitpid(self.pid, 0)
            self._status = os.waitstatus_to_exitcode(status)
        return self._status


class _SharedReader:
    """In the child: the messages the parent has shared (:meth:`Helper.share`) since
    the last call."""

    def __init__(self, memory: mmap.mmap) -> None:
        self._memory = memory
        self._read = 0

    def __call__(self) -> list[object]:
        (written,) = _HEADER.unpack_from(self._memory, _HEADER.size)
        found = []
        while self._read < written:
            at = _SHARED_AT + self._read
            (size,) = _HEADER.unpack_from(self._memory, at)
            found.append(pickle.loads(self._memory[at + _HEADER.size : at + _HEADER.size + size]))
            self._read += _HEADER.size + size
        return found


#: Where the shared messages start in the memory shared with the child, and how many
#: bytes of them it may hold (a 1,000-slide deck's line breaks take about 1 MB).
_SHARED_AT = 2 * _HEADER.size
SHARED_BYTES = 16 << 20


def _frame(message: object) -> bytes:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]

"""Interrupts: SIGINT and SIGTERM end a run cleanly, never in the middle of a write.

The command line installs :func:`install`: either signal then raises :class:`Interrupted`
(a ``BaseException``, so no ``except Exception`` swallows it) and the CLI exits with
128 + the signal number (130, 143). Code that must not be cut short — writing one
article's files and renaming them into place — runs inside :func:`deferred`: a signal
that arrives there is held until the block ends, then delivered to whatever handler was
in place. So an interrupted export has each article either fully written or not at all,
and no temporary file left behind.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The run was interrupted by a signal.

    :param signum: the signal (``signal.SIGINT`` or ``signal.SIGTERM``).
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def install() -> None:
    """Make SIGINT and SIGTERM raise :class:`Interrupted` (main thread only)."""
    for signum in SIGNALS:
        signal.signal(signum, _raise)


_state = threading.local()
_pending: list[int] = []


def _hold(signum: int, frame: object) -> None:
    _pending.append(signum)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the block runs; deliver them when it ends.

    Outside the main thread (where Python never runs signal handlers) it does nothing.
    Blocks nest; only the outermost holds and delivers.
    """
    if threading.current_thread() is not threading.main_thread() or getattr(_state, "depth", 0):
        _state.depth = getattr(_state, "depth", 0) + 1
        try:
            yield
        finally:
            _state.depth -= 1
        return
    saved = {signum: signal.getsignal(signum) for signum in SIGNALS}
    for signum in SIGNALS:
        signal.signal(signum, _hold)
    _state.depth = 1
    try:
        yield
    finally:
        _state.depth = 0
        for signum, handler in saved.items():
            signal.signal(signum, handler)
        if _pending:
            signum = _pending[0]
            _pending.clear()
            signal.raise_signal(signum)

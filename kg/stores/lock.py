"""Who may open an embedded store, and when: one writer or many readers, taking turns.

Oxigraph keeps its store in RocksDB: one process at a time opens it read-write, and
opening it read-only while another process writes is undefined behaviour. So kg takes
turns, with two ``flock`` files in the store's folder:

* ``kg.lock`` — held exclusively by the process that has the store open read-write, and
  shared by every process that has it open read-only;
* ``kg.wait`` — held (shared) by every process waiting for ``kg.lock``.

A writer keeps the store open between articles, and after each committed article looks
at ``kg.wait``: when someone waits it closes the store and lets go of ``kg.lock``, then
waits its own turn. A reader waits at most for the article being written. Locks held by
a process vanish with it, whatever kills it, so a crash never leaves a store locked.

A store folder that another program (an ``oxigraph serve``) holds open is detected by
the POSIX lock RocksDB keeps on its ``LOCK`` file.
"""

from __future__ import annotations

import errno
import fcntl
import os
import struct
import sys
from pathlib import Path

LOCK_FILE = "kg.lock"
WAIT_FILE = "kg.wait"
#: the files kg keeps in a store folder besides RocksDB's own
KG_FILES = frozenset({LOCK_FILE, WAIT_FILE})


def _open(path: Path, writable: bool) -> int | None:
    """A file descriptor for a lock file (created when it may be), or ``None`` when the
    folder is read-only and the file is absent: then no one can write the store."""
    try:
        return os.open(path, (os.O_RDWR | os.O_CREAT) if writable else os.O_RDONLY, 0o644)
    except FileNotFoundError:
        return None
    except PermissionError:
        if writable:
            raise
        return None
    except OSError as exc:
        if exc.errno == errno.EROFS and not writable:
            return None
        raise


class Turns:
    """The turn-taking of one process on one store folder.

    :param folder: the store's folder (it exists).
    :param writer: whether this process writes (exclusive turns) or reads (shared).
    """

    def __init__(self, folder: Path, writer: bool) -> None:
        self.folder = folder
        self.writer = writer
        self._lock: int | None = None
        self._wait: int | None = None
        self.held = False

    def acquire(self) -> None:
        """Wait for this process's turn (announcing the wait, so that a writer yields).

        :raises OSError: the lock files cannot be made (a writer in a read-only folder).
        """
        if self.held:
            return
        if self._lock is None:
            self._lock = _open(self.folder / LOCK_FILE, self.writer)
            self._wait = _open(self.folder / WAIT_FILE, self.writer)
        if self._lock is None:  # a read-only folder without lock files: nobody writes it
            self.held = True
            return
        if self._wait is not None:
            fcntl.flock(self._wait, fcntl.LOCK_SH)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX if self.writer else fcntl.LOCK_SH)
        finally:
            if self._wait is not None:
                fcntl.flock(self._wait, fcntl.LOCK_UN)
        self.held = True

    def release(self) -> None:
        if self.held and self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
        self.held = False

    def someone_waits(self) -> bool:
        """Whether another process waits for the store (a writer then yields)."""
        if self._wait is None:
            return False
        try:
            fcntl.flock(self._wait, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(self._wait, fcntl.LOCK_UN)
        return False

    def close(self) -> None:
        self.release()
        for fd in (self._lock, self._wait):
            if fd is not None:
                os.close(fd)
        self._lock = self._wait = None


#: ``struct flock`` as the C library lays it out (Linux and the BSDs order the fields
#: differently); used to ask who holds a lock without taking it
_FLOCK = "qqihh" if sys.platform == "darwin" or "bsd" in sys.platform else "hhqqi4x"


def held_by_another_program(folder: Path) -> bool:
    """Whether another process has the RocksDB store in ``folder`` open read-write.

    RocksDB holds a POSIX write lock on ``LOCK`` while it has the store open. kg asks
    the kernel who holds it (``F_GETLK``) rather than trying to take it: a probe that
    took the lock, however briefly, would make a second reader probing at the same
    moment see a lock that no writer holds. Call this only when this process does not
    have the store open itself: POSIX locks belong to the process.
    """
    try:
        fd = os.open(folder / "LOCK", os.O_RDONLY)
    except OSError:
        return False  # no LOCK file: no writer either
    try:
        if _FLOCK.startswith("h"):
            probe = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
            l_type = struct.unpack(_FLOCK, fcntl.fcntl(fd, fcntl.F_GETLK, probe))[0]
        else:
            probe = struct.pack(_FLOCK, 0, 0, 0, fcntl.F_WRLCK, os.SEEK_SET)
            l_type = struct.unpack(_FLOCK, fcntl.fcntl(fd, fcntl.F_GETLK, probe))[3]
        return l_type != fcntl.F_UNLCK
    finally:
        os.close(fd)

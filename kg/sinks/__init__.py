"""Sinks: where exported graphs go.

A sink has ``open()``, ``put(result)`` for every page's :class:`~kg.result.PageResult`
(it acts on the exported ones and ignores the rest), and ``close()``; the pipeline
calls them in that order and records what ``put`` wrote in ``result.written``. A sink
that cannot write raises :class:`~kg.errors.OutputError`: the pipeline records it on
the page's result and stops the run.

Concurrency: each sink says whether one instance may take ``put`` calls from several
threads at once (``concurrent``). :class:`~kg.sinks.files.FilesSink` may not (its
name-clash check keeps state); with worker processes, give each worker its own sink
instance writing distinct names, or put results from the parent. A new sink is one
module with a class following :class:`Sink`, and one entry in :data:`SINKS`.
"""

from __future__ import annotations

from typing import Protocol

from kg.result import PageResult
from kg.sinks.files import FilesSink
from kg.sinks.store import StoreSink


class Sink(Protocol):
    #: the sink's name
    name: str
    #: whether ``put`` may be called from several threads at once
    concurrent: bool

    def open(self) -> None:
        """Prepare to take results (create the folder, connect to the store …)."""

    def put(self, result: PageResult) -> list[str]:
        """Take one page's result; return what was written (paths, graph names)."""

    def close(self) -> None:
        """Finish: flush, commit, disconnect. Called once, also after an error."""


#: The sinks kg ships, by name.
SINKS: dict[str, type] = {sink.name: sink for sink in (FilesSink, StoreSink)}

__all__ = ["SINKS", "FilesSink", "Sink", "StoreSink"]

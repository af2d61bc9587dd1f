"""The embedded store: an Oxigraph (pyoxigraph) store in a folder on disk, kg's default.

Every article is one named graph. Replacing it is one SPARQL Update (``DROP SILENT
GRAPH`` then ``INSERT DATA``), which Oxigraph runs in one transaction; articles new to the
store may instead go in through Oxigraph's bulk loader, whose files are ingested in one
atomic step. So a store is never left with part of an article, whatever stops the
process. Processes take turns (:mod:`kg.stores.lock`): a writer yields between articles
to whoever waits, so queries run while a long export or load goes on.

A folder is only ever made into a store when it is missing or empty: kg never writes
RocksDB files among someone else's.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.interrupts import deferred
from kg.stores import GraphInfo, QueryResult, Stamp, read_infos, read_stamps
from kg.stores.lock import KG_FILES, Turns, held_by_another_program

_LOCKED = "is in use by another program (an Oxigraph server?): stop it first, or query that server with --endpoint"


class EmbeddedStore:
    """An Oxigraph store in ``folder``.

    :param folder: the store's folder.
    :param writer: open it for writing (created when missing or empty); otherwise only
        read it (it must exist).
    """

    kind = "store"

    def __init__(self, folder: str | Path, writer: bool = False) -> None:
        self.folder = Path(folder).expanduser()
        self.where = str(folder)
        self.writer = writer
        self._store: ox.Store | None = None
        self._turns: Turns | None = None
        self._checked = False

    # ------------------------------------------------------------------ opening and turns

    def _check_folder(self) -> None:
        """Make sure ``folder`` is a store, or may become one.

        :raises StoreError: not a folder, not an Oxigraph store, or (reading) no store yet.
        """
        if self._checked:
            return
        folder = self.folder
        if folder.exists() and not folder.is_dir():
            raise StoreError(self.where, "is not a folder; give a folder for the store (--store DIR)")
        try:
            entries = set(os.listdir(folder)) - KG_FILES if folder.exists() else set()
        except PermissionError:
            raise StoreError(self.where, "cannot be read (permission denied)") from None
        if entries and "CURRENT" not in entries:
            shown = ", ".join(sorted(entries)[:3]) + (" …" if len(entries) > 3 else "")
            raise StoreError(self.where, f"is not an Oxigraph store (it holds other files: {shown}); give kg a new or empty folder for its store")
        if not entries:
            if not self.writer:
                raise StoreError(self.where, "holds no store yet; export into it first (kg export INPUT... --store DIR)")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(self.where, f"cannot be created ({exc.strerror or exc})") from None
        self._checked = True

    def _open(self) -> ox.Store:
        if self._store is not None:
            return self._store
        self._check_folder()
        if self._turns is None:
            try:
                self._turns = Turns(self.folder, self.writer)
                self._turns.acquire()
            except OSError as exc:
                self._turns = None
                raise self._error(exc) from None
        else:
            self._turns.acquire()
        try:
            if held_by_another_program(self.folder):
                raise StoreError(self.where, _LOCKED)
            self._store = ox.Store(str(self.folder)) if self.writer else ox.Store.read_only(str(self.folder))
        except OSError as exc:
            self._turns.release()
            raise self._error(exc) from None
        except StoreError:
            self._turns.release()
            raise
        return self._store

    def _error(self, exc: OSError) -> StoreError:
        text = str(exc)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) or "Read-only file system" in text or "Permission denied" in text or "Operation not permitted" in text:
            if self.writer:
                return StoreError(self.where, "is read-only: kg cannot write the store there; give a folder kg may write (kg query and kg store info can still read it)")
            return StoreError(self.where, "cannot be read (permission denied)")
        if "lock" in text.lower() or exc.errno in (errno.EAGAIN, errno.ENOLCK):
            return StoreError(self.where, _LOCKED)
        if isinstance(exc, FileNotFoundError) or "CURRENT" in text:
            return StoreError(self.where, "is not an Oxigraph store (no RocksDB CURRENT file); give kg a new or empty folder for its store")
        detail = " ".join(text.split())[:160]
        return StoreError(self.where, f"is not a readable Oxigraph store ({detail})")

    def open(self) -> None:
        """Open the store now (a writer creates it): errors show before any work is done.

        :raises StoreError: the folder cannot be a store, is locked, or is read-only.
        """
        self._open()
        if not self.writer:
            self._let_go()

    def _let_go(self) -> None:
        """Close the store and end this process's turn (the Rust store closes when dropped)."""
        if self._store is not None:
            store, self._store = self._store, None
            if self.writer:
                try:
                    store.flush()
                except OSError:
                    pass
            del store
        if self._turns is not None:
            self._turns.release()

    def _committed(self) -> None:
        """After a write: give the store to whoever waits for it."""
        if self._turns is not None and self._turns.someone_waits():
            self._let_go()

    def close(self) -> None:
        self._let_go()
        if self._turns is not None:
            self._turns.close()
            self._turns = None

    def _read(self, action):
        """Run ``action(store)`` in this process's turn and return what it returns, read in
        full. No reference to the store outlives the call, so that letting go closes it:
        a store still open when the turn ends would be read while another process writes."""
        self._open()
        try:
            return action(self._store)
        finally:
            if not self.writer:
                self._let_go()

    def _write(self, action, what: str) -> None:
        """Run ``action(store)``, one transaction, with interrupts held; then yield the store
        to whoever waits.

        :raises StoreError: the write failed (the store is as it was before it).
        """
        self._open()
        with deferred():
            try:
                action(self._store)
            except (OSError, SyntaxError, ValueError) as exc:
                fatal = isinstance(exc, OSError)
                raise StoreError(self.where, f"could not {what} ({' '.join(str(exc).split())[:160]})", fatal=fatal) from None
        self._committed()

    # ------------------------------------------------------------------ reading

    def query(self, sparql: str, substitutions: dict[str, ox.NamedNode | ox.Literal] | None = None, union: bool = True,
              prefixes: dict[str, str] | None = None) -> QueryResult:
        """Run a SPARQL query; the default graph is the union of the articles' graphs.

        :param sparql: the query text.
        :param substitutions: variable name → the RDF term it is bound to (SEP-0007: bound
            as a term, never pasted into the text).
        :param union: use the union of all named graphs as the default graph.
        :param prefixes: prefixes the query may use without declaring them.
        :raises QueryError: the query does not parse.
        """
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()} or None

        def run(store: ox.Store) -> QueryResult:
            answer = None
            try:
                answer = store.query(sparql, use_default_graph_as_union=union, substitutions=subs, prefixes=prefixes)
                return materialise(answer)
            except SyntaxError as exc:
                raise QueryError("query", f"is not valid SPARQL: {' '.join(str(exc).split())}") from None
            except OSError as exc:
                raise StoreError(self.where, f"cannot be read ({' '.join(str(exc).split())[:160]})") from None
            finally:
                answer = None  # the answer holds the store open

        return self._read(run)

    def stamps(self) -> dict[str, Stamp]:
        """Every kg article graph in the store with its :class:`Stamp`."""
        return read_stamps(lambda q: self.query(q, union=False))

    def stamp(self, graph: str) -> Stamp | None:
        """The :class:`Stamp` of one article graph, ``None`` when the store lacks it."""
        g = {"g": ox.NamedNode(graph)}
        return read_stamps(lambda q: self.query(q, g, union=False)).get(graph)

    def info(self) -> list[GraphInfo]:
        """Every kg article graph: article, revision, kg version, triples."""
        return read_infos(lambda q: self.query(q, union=False))

    def union_ntriples(self) -> bytes:
        """The union of all graphs (each triple once) as N-Triples: what ``kg validate --store`` checks."""
        return self._read(lambda store: ox.serialize(store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"), format=ox.RdfFormat.N_TRIPLES))

    def named_graphs(self) -> set[str]:
        """The IRIs of every named graph in the store."""
        return self._read(lambda store: {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)})

    def quad_count(self) -> int:
        return self._read(len)

    # ------------------------------------------------------------------ writing

    def put_graph(self, graph: str, ntriples: str) -> None:
        """Replace one article's graph, in one transaction.

        :param graph: the graph IRI.
        :param ntriples: the article's triples as N-Triples.
        :raises StoreError: the write failed (the store keeps the old graph).
        """
        update = f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{ntriples}\n}} }}"
        self._write(lambda store: store.update(update), f"store <{graph}>")

    def bulk_load(self, data: bytes | str | Path, fmt: ox.RdfFormat) -> None:
        """Load quads of graphs the store does not hold yet with Oxigraph's bulk loader:
        everything in ``data`` goes in in one atomic step, or nothing does.

        :param data: N-Quads (or another quad format) as bytes, or a file path.
        :raises StoreError: the load failed.
        """
        if isinstance(data, (str, Path)):
            self._write(lambda store: store.bulk_load(path=str(data), format=fmt), "load")
        else:
            self._write(lambda store: store.bulk_load(data, format=fmt), "load")

    def add_quads(self, quads: list[ox.Quad]) -> None:
        """Add quads, in one transaction."""
        self._write(lambda store: store.extend(quads), "store")

    def replace_graphs(self, quads_by_graph: dict[str, list[ox.Quad]]) -> None:
        """Replace several graphs in one transaction (a re-load of articles already stored)."""
        parts = []
        for graph, quads in quads_by_graph.items():
            body = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            parts.append(f"DROP SILENT GRAPH <{graph}> ;\nINSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
        if parts:
            update = " ;\n".join(parts)
            self._write(lambda store: store.update(update), f"store {len(parts)} graph(s)")


def materialise(answer) -> QueryResult:
    """A pyoxigraph query answer, read in full (so that the store can be let go)."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return QueryResult("graph", triples=list(answer))
    variables = [v.value for v in answer.variables]
    rows = [tuple(solution[v] for v in variables) for solution in answer]
    return QueryResult("select", variables=variables, rows=rows)

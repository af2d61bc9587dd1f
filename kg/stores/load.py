"""``kg load``: files kg exported earlier (any format it writes) into a store.

Each article graph is replaced as a whole, in one transaction, and an article whose
revision the store holds already (made by this kg version) is left alone unless
``force``. The graph of an article comes from the file: the named graph of N-Quads,
TriG and JSON-LD, or, for Turtle and N-Triples, the graph the provenance in the file
describes (the node that ``prov:wasDerivedFrom`` a revision and is attributed to kg).

The fast path: an N-Quads file none of whose graphs the embedded store holds goes in
through Oxigraph's bulk loader, the whole file in one atomic step. Everything else is
parsed, grouped by graph, and written in transactions of whole graphs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, NotFoundError, StoreError
from kg.serialize import Format
from kg.stores import KG_NS, PROV, SCHEMA, Stamp

#: formats by the extension of the file's name
OX_FORMATS = {
    Format.TURTLE: ox.RdfFormat.TURTLE,
    Format.JSONLD: ox.RdfFormat.JSON_LD,
    Format.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    Format.NQUADS: ox.RdfFormat.N_QUADS,
    Format.TRIG: ox.RdfFormat.TRIG,
}
#: graphs written together in one update on the slow path
BATCH_QUADS = 20_000


DERIVED = ox.NamedNode(PROV + "wasDerivedFrom")
ATTRIBUTED = ox.NamedNode(PROV + "wasAttributedTo")
REVISION = ox.NamedNode(KG_NS + "revisionId")
VERSION = ox.NamedNode(SCHEMA + "softwareVersion")


@dataclass(slots=True)
class FileLoad:
    """What loading one file did."""

    path: str
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    quads: int = 0
    seconds: float = 0.0
    #: one error line per article an endpoint did not take
    failed: list[str] = field(default_factory=list)
    failed_graphs: set[str] = field(default_factory=set)

    def line(self) -> str:
        parts = [f"{self.new} new", f"{self.replaced} replaced"]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        articles = self.new + self.replaced + self.unchanged
        return f"{self.path}: {articles} article{'s' if articles != 1 else ''} ({', '.join(parts)}), {self.quads} triples loaded [{self.seconds:.2f}s]"


def file_format(path: str, name: str | None = None) -> ox.RdfFormat:
    """The RDF format of ``path`` (by ``name``, else by its extension).

    :raises InputError: not a format kg writes.
    """
    fmt = Format.from_name(name) if name else Format.from_extension(path)
    if fmt is None:
        raise InputError(path, "unknown RDF format (use .ttl, .jsonld, .nt, .nq or .trig, or --format)")
    return OX_FORMATS[fmt]


class Loader:
    """Loads files into one store.

    Small N-Quads files of new graphs are gathered and bulk-loaded together (one atomic
    step per batch), so :meth:`load` returns the loads it finished, which may be those
    of earlier files; :meth:`flush` finishes the rest.

    :param store: an :class:`~kg.stores.embedded.EmbeddedStore` (for writing) or an
        :class:`~kg.stores.endpoint.Endpoint`.
    :param force: replace articles the store holds at the same revision too.
    """

    #: bytes of N-Quads gathered before one bulk load
    BATCH_BYTES = 64 << 20

    def __init__(self, store, force: bool = False) -> None:
        self.store = store
        self.force = force
        self.stamps: dict[str, Stamp] = {}
        self.present: set[str] = set()
        self._pending: list[tuple[FileLoad, bytes, set[str], float]] = []
        self._pending_bytes = 0

    def open(self) -> None:
        """Open the store and read which articles it holds.

        :raises StoreError: the store cannot be used.
        """
        self.store.open()
        self.stamps = self.store.stamps()
        self.present = set(self.stamps)
        if self.store.kind == "store":
            self.present |= self.store.named_graphs()

    def close(self) -> None:
        self.store.close()

    def load(self, path: str, fmt: ox.RdfFormat) -> list[FileLoad | InputError]:
        """Load one file; return what finished now, in order: this file's load and those of
        earlier files gathered for one bulk load, or for a file that could not be loaded
        (missing, not valid RDF: nothing of it is stored) its :class:`InputError`.

        :raises StoreError: the store failed.
        """
        file = Path(path)
        if not file.is_file():
            return self.flush() + [NotFoundError(path, "no such file" if not file.exists() else "is not a file")]
        start = time.perf_counter()
        result = FileLoad(path)
        if fmt == ox.RdfFormat.N_QUADS and self.store.kind == "store":
            scanned = _scan(file)
            if scanned is not None and not scanned[0] & self.present:
                graphs, lines = scanned
                result.new, result.quads = len(graphs), lines
                if file.stat().st_size > self.BATCH_BYTES:
                    done = self.flush()
                    self._bulk([(result, file, graphs, start)])
                    return done + [result]
                data = file.read_bytes()
                self._pending.append((result, data, graphs, start))
                self._pending_bytes += len(data)
                self.present |= graphs  # a later file with these graphs replaces them
                return self.flush() if self._pending_bytes >= self.BATCH_BYTES else []
        done = self.flush()
        try:
            self._by_graph(path, fmt, result)
        except InputError as exc:
            return done + [exc]
        result.seconds = time.perf_counter() - start
        return done + [result]

    def flush(self) -> list[FileLoad | InputError]:
        """Bulk-load the gathered files; return their loads (or, for a file that is not
        valid N-Quads, its error: the other files are stored)."""
        pending, self._pending, self._pending_bytes = self._pending, [], 0
        if not pending:
            return []
        try:
            self._bulk(pending)
        except InputError as exc:
            if len(pending) == 1:
                self._forget(pending[0])
                return [exc]
            done: list[FileLoad | InputError] = []
            for one in pending:  # which file is it? load them one by one
                try:
                    self._bulk([one])
                    done.append(one[0])
                except InputError as bad:
                    self._forget(one)
                    done.append(bad)
            return done
        return [p[0] for p in pending]

    def _forget(self, item) -> None:
        """A gathered file that did not go in: its graphs are not in the store after all."""
        self.present -= item[2] - set(self.stamps)

    # ------------------------------------------------------------------ the fast path

    def _bulk(self, items: list[tuple[FileLoad, bytes | Path, set[str], float]]) -> None:
        """Bulk-load N-Quads of graphs new to the store, all in one atomic step."""
        data = items[0][1] if len(items) == 1 else b"".join(_with_newline(d) for _, d, _, _ in items)
        try:
            self.store.bulk_load(data, ox.RdfFormat.N_QUADS)
        except StoreError as exc:
            if "IO error" not in exc.message:
                name = items[0][0].path if len(items) == 1 else f"one of {len(items)} files"
                raise InputError(name, f"is not valid N-Quads: {exc.message.removeprefix('could not load ').strip('()')}") from None
            raise
        now = time.perf_counter()
        for result, _, graphs, start in items:
            self.present |= graphs
            result.seconds = now - start

    # ------------------------------------------------------------------ the general path

    def _by_graph(self, path: str, fmt: ox.RdfFormat, result: FileLoad) -> None:
        try:
            quads = list(ox.parse(path=path, format=fmt))
        except (SyntaxError, ValueError) as exc:
            raise InputError(path, f"is not valid {_format_name(fmt)}: {' '.join(str(exc).split())[:200]}") from None
        except OSError as exc:
            raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
        groups: dict[str, list[ox.Quad]] = {}
        default = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
        if default:
            graph = _described_graph(default)
            if graph is None:
                raise InputError(path, "holds no kg provenance (a node that prov:wasDerivedFrom a revision and is attributed to kg): kg cannot tell which article graph it is; is it a kg export?")
            target = ox.NamedNode(graph)
            groups[graph] = [ox.Quad(q.subject, q.predicate, q.object, target) for q in default]
        for q in quads:
            if isinstance(q.graph_name, ox.NamedNode):
                groups.setdefault(q.graph_name.value, []).append(q)
            elif isinstance(q.graph_name, ox.BlankNode):
                raise InputError(path, "holds a graph named by a blank node: kg stores each article in a graph named by an IRI")
        chosen: dict[str, list[ox.Quad]] = {}
        stamps: dict[str, Stamp] = {}
        for graph, group in groups.items():
            stamp = _stamp_of(graph, group)
            if not self.force and stamp.same_as(self.stamps.get(graph)):
                result.unchanged += 1
                continue
            chosen[graph] = group
            stamps[graph] = stamp
        self._write(chosen, result)
        for graph in chosen:
            if graph in result.failed_graphs:
                continue
            if graph in self.present:
                result.replaced += 1
            else:
                result.new += 1
            result.quads += len(chosen[graph])
            self.present.add(graph)
            self.stamps[graph] = stamps[graph]

    def _write(self, groups: dict[str, list[ox.Quad]], result: FileLoad) -> None:
        if self.store.kind != "store":
            for graph, group in groups.items():
                body = ox.serialize((q.triple for q in group), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
                try:
                    self.store.put_graph(graph, body)
                except StoreError as exc:
                    if exc.fatal:
                        raise
                    result.failed.append(f"<{graph}> not stored: {exc}")
                    result.failed_graphs.add(graph)
            return
        batch: dict[str, list[ox.Quad]] = {}
        size = 0
        for graph, group in groups.items():
            batch[graph] = group
            size += len(group)
            if size >= BATCH_QUADS:
                self.store.replace_graphs(batch)
                batch, size = {}, 0
        if batch:
            self.store.replace_graphs(batch)


def _with_newline(data: bytes) -> bytes:
    return data if data.endswith(b"\n") or not data else data + b"\n"


def _scan(file: Path, block: int = 64 << 20) -> tuple[set[str], int] | None:
    """The graph names and line count of an N-Quads file, read in blocks; ``None`` when a
    line is not canonical N-Quads (a comment, a line not ending in `` .``).

    Every quad with a graph ends its line with ``<graph> .``, so every graph is found; a
    default-graph triple with an IRI object adds a name that is no graph, which at worst
    sends the file to the slow path. (A loop over the lines with ``bytes`` methods: about
    five times faster than regular expressions over the same text.)"""
    graphs: set[bytes] = set()
    lines = 0
    rest = b""
    with open(file, "rb") as fh:
        while True:
            chunk = fh.read(block)
            data = rest + chunk
            if chunk:
                end = data.rfind(b"\n") + 1
                part, rest = data[:end], data[end:]
            else:
                part, rest = data, b""
            last = b""
            for line in part.split(b"\n"):
                if line.endswith(b"\r"):
                    line = line[:-1]
                if line.endswith(b"> ."):
                    lines += 1
                    if not last or not line.endswith(last):
                        last = line[line.rfind(b"<"):]
                        graphs.add(last[1:-3])
                elif line.endswith(b" ."):
                    lines += 1
                elif line:
                    return None
            if not chunk:
                break
    return {g.decode("utf-8") for g in graphs}, lines


def _described_graph(quads: list[ox.Quad]) -> str | None:
    """The graph IRI kg's provenance names in triples of a Turtle or N-Triples export."""
    derived = {q.subject for q in quads if q.predicate == DERIVED and isinstance(q.subject, ox.NamedNode)}
    attributed = {q.subject for q in quads if q.predicate == ATTRIBUTED and q.subject in derived}
    return next(iter(attributed)).value if len(attributed) == 1 else None


def _stamp_of(graph: str, quads: list[ox.Quad]) -> Stamp:
    g = ox.NamedNode(graph)
    source = next((q.object for q in quads if q.subject == g and q.predicate == DERIVED), None)
    agent = next((q.object for q in quads if q.subject == g and q.predicate == ATTRIBUTED), None)
    revision = next((q.object for q in quads if q.subject == source and q.predicate == REVISION), None)
    version = next((q.object for q in quads if q.subject == agent and q.predicate == VERSION), None)
    try:
        rev = int(revision.value) if revision is not None else None
    except ValueError:
        rev = None
    return Stamp(rev, version.value if version is not None else None)


def _format_name(fmt: ox.RdfFormat) -> str:
    return {ox.RdfFormat.TURTLE: "Turtle", ox.RdfFormat.JSON_LD: "JSON-LD", ox.RdfFormat.N_TRIPLES: "N-Triples",
            ox.RdfFormat.N_QUADS: "N-Quads", ox.RdfFormat.TRIG: "TriG"}.get(fmt, str(fmt))

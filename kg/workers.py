"""Whole dumps on every core and on a Dask cluster: tasks over ranges of bz2 streams.

A multistream dump (``…-pages-articles-multistream.xml.bz2`` and its index) is cut into
:class:`Task` s of consecutive streams, about :data:`PAGES_PER_TASK` pages each; the cut
depends only on the index, never on the number of workers, so the output is the same
set of bytes whatever ``-j`` is. Each task runs the pipeline over its pages in a worker
(a process of this machine, or a Dask worker) and writes one **shard**: the N-Quads of
its films, gzip-compressed deterministically (no name, no time in the header), first to a
temporary name and then renamed; then a small **record** of what it did (pages, films,
triples, refusals by reason, failed pages). A run that is killed, however, and started
again skips the tasks whose record exists and does the rest: the output is the same as
an uninterrupted run's. When every task is done, the run writes ``errors.tsv`` (one line
per failed page: title, page id, exit code, reason) and ``manifest.ttl``, a VoID and DCAT
description of the dataset (dump, kg version, films, triples, shards).

:func:`run_task` is a plain top-level function of picklable arguments, so that
:mod:`concurrent.futures` and ``dask.distributed`` run the very same code.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: pages a task covers, about (whole streams: a task ends at the stream that reaches it)
PAGES_PER_TASK = 2000
SHARDS = "shards"
RECORDS = "records"


@dataclass(frozen=True, slots=True)
class Task:
    """Consecutive streams of a dump: ``(offset, length)`` of each, and their page count."""

    number: int
    streams: tuple[tuple[int, int, int], ...]  # (stream number, offset, length)
    pages: int

    @property
    def shard(self) -> str:
        return f"{SHARDS}/part-{self.number:05d}.nq.gz"

    @property
    def record(self) -> str:
        return f"{RECORDS}/part-{self.number:05d}.json"


@dataclass(frozen=True, slots=True)
class Job:
    """What every task of a run needs to know (sent to each worker).

    :param dump: the dump, at a path every worker can read.
    :param out: the output folder, at a path every worker can write.
    :param validate: validate each graph against the shapes.
    :param base_iri: the base of minted IRIs.
    :param link: a Wikidata index (``kg link index``) to link from, or ``None``.
    """

    dump: str
    out: str
    validate: bool = True
    base_iri: str | None = None
    link: str | None = None


@dataclass(slots=True)
class TaskResult:
    """What one task did (also its record on disk)."""

    number: int
    shard: str
    pages: int = 0
    films: int = 0
    triples: int = 0
    nonconforming: int = 0
    refused: dict[str, int] = field(default_factory=dict)
    #: one ``[title, page id, exit code, reason]`` per page that failed
    errors: list[list] = field(default_factory=list)
    seconds: float = 0.0
    #: the worker's peak resident memory, in KiB
    peak_rss_kib: int = 0
    #: where the time went, in seconds: ``decompress`` (reading and decompressing the
    #: streams), ``xml`` (parsing pages out of them), ``scan`` (pages refused: classified,
    #: or parsed and found not to be films), ``films`` (everything else the pipeline did
    #: with film pages, validation included), ``write`` (N-Quads and gzip); and the
    #: streams' ``bz2_bytes`` and ``xml_bytes``
    timings: dict[str, float] = field(default_factory=dict)


def plan(streams: list, pages_per_task: int = PAGES_PER_TASK) -> list[Task]:
    """Cut the dump's streams (:func:`kg.sources.multistream.read_index`) into tasks of
    about ``pages_per_task`` pages; streams without pages (the header, the closing tag)
    are left out."""
    tasks: list[Task] = []
    current: list[tuple[int, int, int]] = []
    pages = 0
    for stream in streams:
        if not stream.pages:
            continue
        current.append((stream.number, stream.offset, stream.length))
        pages += stream.pages
        if pages >= pages_per_task:
            tasks.append(Task(len(tasks), tuple(current), pages))
            current, pages = [], 0
    if current:
        tasks.append(Task(len(tasks), tuple(current), pages))
    return tasks


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def peak_rss_kib() -> int:
    """This process's peak resident memory, in KiB: Linux's ``VmHWM``, which starts again
    at ``exec`` (``getrusage``'s ``ru_maxrss`` keeps the high-water mark of the process
    that forked it: a small ``kg`` started by a big program would report the program's);
    ``ru_maxrss`` elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_task(job: Job, task: Task) -> TaskResult:
    """Export the pages of one task into its shard, then write its record.

    Runs in a worker: everything it needs is in ``job`` and ``task``; what it did comes
    back as a :class:`TaskResult` (warnings are not sent back: a failed page is recorded
    with its reason, a non-conforming graph is counted).
    """
    from kg.errors import REFUSALS
    from kg.iri import Minter
    from kg.pipeline import Options, finish_pages, begin_page, refusal_reason
    from kg.serialize import Format, serialize
    from kg.sources.multistream import Stream, read_stream

    start = time.perf_counter()
    out = Path(job.out)
    linker = None
    if job.link:
        from kg.link.wikidata import IndexSource, WikidataLinker

        linker = WikidataLinker(IndexSource(job.link))
    options = Options(validate=job.validate, minter=Minter(job.base_iri) if job.base_iri else Minter(), linker=linker)
    result = TaskResult(task.number, task.shard)
    refused: Counter[str] = Counter()
    shard = out / task.shard
    tmp = shard.with_name(f".{shard.name}.{os.getpid()}.tmp")

    timings: dict[str, float] = {"decompress": 0.0, "xml": 0.0, "scan": 0.0, "films": 0.0, "write": 0.0,
                                 "bz2_bytes": sum(length for _, _, length in task.streams), "xml_bytes": 0}

    def begun() -> Iterator:
        for number, offset, length in task.streams:
            for page in read_stream(job.dump, Stream(number, offset, length, 0, ""), job.dump, timings):
                result.pages += 1
                yield begin_page(page, options)

    with open(tmp, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        for page_result in finish_pages(begun(), options):
            refusal = page_result.status == "refused" or isinstance(page_result.error, REFUSALS)
            timings["scan" if refusal else "films"] += page_result.seconds
            if page_result.status == "exported":
                began = time.perf_counter()
                data = serialize(page_result.graph, Format.NQUADS)
                gz.write(data)
                timings["write"] += time.perf_counter() - began
                result.films += 1
                result.triples += data.count(b"\n")
                result.nonconforming += page_result.conforms is False
            elif refusal:
                refused[refusal_reason(page_result.error)] += 1
            elif page_result.error is not None:
                page = page_result.page
                result.errors.append([page.title if page else "", page.pageid if page else None,
                                      page_result.error.exit_code, page_result.error.message])
    if linker is not None:
        linker.close()
    os.replace(tmp, shard)
    result.refused = dict(sorted(refused.items()))
    result.timings = {k: round(v, 4) if isinstance(v, float) else v for k, v in timings.items()}
    result.seconds = time.perf_counter() - start
    result.peak_rss_kib = peak_rss_kib()
    _write_atomically(out / task.record, json.dumps(asdict(result), sort_keys=True).encode("utf-8"))
    return result


def done_records(out: Path) -> dict[int, TaskResult]:
    """The tasks a previous run of this output folder finished (record and shard present)."""
    found: dict[int, TaskResult] = {}
    for path in sorted((out / RECORDS).glob("part-*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            record = TaskResult(**data)
        except (OSError, ValueError, TypeError):
            continue  # a record cut short by a crash: its task runs again
        if (out / record.shard).is_file():
            found[record.number] = record
    return found


def clean_leftovers(out: Path) -> None:
    """Remove what a killed run left half-written (temporary shards and records)."""
    for folder in (out / SHARDS, out / RECORDS):
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)


def prepare_output(out: Path) -> None:
    (out / SHARDS).mkdir(parents=True, exist_ok=True)
    (out / RECORDS).mkdir(parents=True, exist_ok=True)
    clean_leftovers(out)


# --------------------------------------------------------------------------- executors


def run_local(job: Job, tasks: list[Task], workers: int) -> Iterator[TaskResult]:
    """Run ``tasks`` in ``workers`` processes of this machine (``workers == 1``: in this
    process), yielding each result as it finishes."""
    if workers <= 1:
        for task in tasks:
            yield run_task(job, task)
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = set()
        queue = list(tasks)
        try:
            while queue or pending:
                while queue and len(pending) < workers * 2:
                    pending.add(pool.submit(run_task, job, queue.pop(0)))
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        except BaseException:
            for future in pending:
                future.cancel()
            raise


def run_dask(job: Job, tasks: list[Task], scheduler: str, workers: int) -> Iterator[TaskResult]:
    """Run ``tasks`` on a Dask cluster: ``scheduler`` is its address (``tcp://host:8786``)
    or ``local`` for a :class:`distributed.LocalCluster` of ``workers`` processes."""
    from distributed import Client, LocalCluster, as_completed

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) if scheduler == "local" else None
    client = Client(cluster if cluster is not None else scheduler)
    try:
        futures = client.map(run_task, [job] * len(tasks), tasks, pure=False)
        for future in as_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --------------------------------------------------------------------------- the dataset


def write_errors(out: Path, records: list[TaskResult]) -> int:
    """``errors.tsv``: every failed page of the run, in task order."""
    lines = ["title\tpage_id\texit_code\treason"]
    for record in sorted(records, key=lambda r: r.number):
        for title, pageid, code, reason in record.errors:
            lines.append("\t".join(str(v).replace("\t", " ").replace("\n", " ") for v in (title, "" if pageid is None else pageid, code, reason)))
    _write_atomically(out / "errors.tsv", ("\n".join(lines) + "\n").encode("utf-8"))
    return len(lines) - 1


def write_manifest(out: Path, dump: str, records: list[TaskResult], base_iri: str | None) -> None:
    """``manifest.ttl``: the dataset in VoID and DCAT: its dump, kg version, films, triples
    and one distribution per shard (with its size). No wall-clock time: the dump's date
    (from its file name) is the dataset's."""
    import re

    from rdflib import DCTERMS, RDF, XSD, Graph, Literal, Namespace, URIRef

    from kg import __version__
    from kg.iri import Minter

    VOID = Namespace("http://rdfs.org/ns/void#")
    DCAT = Namespace("http://www.w3.org/ns/dcat#")
    PROV = Namespace("http://www.w3.org/ns/prov#")
    KG = Namespace("https://w3id.org/kg-film/ontology#")
    minter = Minter(base_iri) if base_iri else Minter()
    name = Path(dump).name
    g = Graph()
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("prov", PROV), ("kg", KG)):
        g.bind(prefix, ns)
    dataset = URIRef(f"{minter.base}dataset/{name.split('.')[0]}")
    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal(f"English Wikipedia films from {name}", lang="en")))
    g.add((dataset, DCTERMS.source, URIRef(f"https://dumps.wikimedia.org/enwiki/{name.split('-')[1] if name.startswith('enwiki-') else 'latest'}/{name}")))
    g.add((dataset, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by-sa/4.0/")))
    g.add((dataset, PROV.wasAttributedTo, URIRef(minter.software())))
    g.add((URIRef(minter.software()), URIRef("http://schema.org/softwareVersion"), Literal(__version__)))
    date = re.search(r"-(\d{4})(\d{2})(\d{2})-", name)
    if date:
        g.add((dataset, DCTERMS.issued, Literal(f"{date[1]}-{date[2]}-{date[3]}", datatype=XSD.date)))
    ordered = sorted(records, key=lambda r: r.number)
    g.add((dataset, VOID.triples, Literal(sum(r.triples for r in ordered))))
    g.add((dataset, KG.films, Literal(sum(r.films for r in ordered))))
    g.add((dataset, KG.pagesScanned, Literal(sum(r.pages for r in ordered))))
    for record in ordered:
        shard = URIRef(f"{dataset}/{record.shard}")
        g.add((dataset, DCAT.distribution, shard))
        g.add((dataset, VOID.dataDump, URIRef(record.shard)))
        g.add((shard, RDF.type, DCAT.Distribution))
        g.add((shard, DCAT.downloadURL, URIRef(record.shard)))
        g.add((shard, DCAT.mediaType, Literal("application/n-quads")))
        g.add((shard, DCAT.compressFormat, Literal("application/gzip")))
        g.add((shard, DCAT.byteSize, Literal((out / record.shard).stat().st_size, datatype=XSD.nonNegativeInteger)))
        g.add((shard, VOID.triples, Literal(record.triples)))
        g.add((shard, KG.films, Literal(record.films)))
    # rdflib's writer: the shards are named by IRIs relative to the manifest itself,
    # which Turtle allows and pyoxigraph (kg.serialize) does not write
    _write_atomically(out / "manifest.ttl", g.serialize(format="turtle", encoding="utf-8"))


# --------------------------------------------------------------------------- progress


class Progress:
    """Pages scanned, films, refusals, errors, rate and time left, on stderr: a bar
    redrawn in place on a terminal (at most twice a second), a plain line every ten
    seconds otherwise; nothing with ``quiet``."""

    #: the bar's width, in characters
    BAR = 24

    def __init__(self, total_pages: int, echo: Callable[[str, bool], None], tty: bool, quiet: bool) -> None:
        self.total, self.echo, self.tty, self.quiet = total_pages, echo, tty, quiet
        self.pages = self.films = self.refused = self.errors = 0
        self.start = self.last = time.perf_counter()
        self._shown = ""

    def add(self, record: TaskResult, force: bool = False) -> None:
        self.pages += record.pages
        self.films += record.films
        self.refused += sum(record.refused.values())
        self.errors += len(record.errors)
        now = time.perf_counter()
        if self.quiet or (not force and now - self.last < (0.5 if self.tty else 10.0)):
            return
        counts = self.line(now, bar=False).split(" pages/s")[0].rsplit(",", 1)[0]
        if force and counts == self._shown:
            return  # the last line said it already
        self.last, self._shown = now, counts
        self.echo(self.line(now, bar=self.tty), self.tty)

    def line(self, now: float, bar: bool) -> str:
        """The progress line; with ``bar``, after a bar of the pages scanned."""
        rate = self.pages / max(now - self.start, 1e-9)
        left = (self.total - self.pages) / rate if rate else 0.0
        share = min(self.pages / self.total, 1.0) if self.total else 1.0
        text = (f"{share:5.1%} {self.pages:,}/{self.total:,} pages scanned, {self.films:,} films, {self.refused:,} refused, "
                f"{self.errors:,} errors, {rate:,.0f} pages/s, {_duration(left)} left")
        if not bar:
            return text
        filled = round(share * self.BAR)
        return "[" + "#" * filled + "-" * (self.BAR - filled) + "] " + text


def _duration(seconds: float) -> str:
    """``42 s``, ``17 min``, ``3 h 05 min``."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} h {minutes:02d} min"

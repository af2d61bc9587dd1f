"""The one loop: pages in from any reader, one :class:`~kg.result.PageResult` out per page,
results to the sinks.

``kg export``, ``kg report``, ``kg extract``, the benchmarks and the tests all run
:func:`run` (or :func:`process_page` for one page). Nothing here prints: warnings,
violations, refusals and errors travel in the results and the caller reports them, so
that parallel workers never interleave their output.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

import kg
from kg.errors import EXIT_OK, InternalError, KgError, NotAFilmError, OutputError, RedirectError
from kg.iri import Minter
from kg.link import Linker
from kg.model import Page
from kg.wikitext import page_scope
from kg.result import PageResult
from kg.sinks import Sink


@dataclass(frozen=True, slots=True)
class Options:
    """How pages are exported.

    :param only: run only these extractors (``film`` always runs); ``None`` runs all.
    :param validate: validate each graph against the shapes.
    :param minter: mints the IRIs (``--base-iri``).
    :param linker: the link stage's linker (``None``: no linking).
    :param title: the title of a raw-wikitext input (``--title``).
    :param graph: build the graph; ``False`` stops after linking (``kg extract``).
    :param unchanged: tells why a film page need not be exported again (every sink
        already holds its revision), or ``None``; such a page is classified, not parsed.
    :param reader: reads an input's pages (``reader(input, title)``); default
        :func:`kg.read_pages`, files and standard input (``kg export --fetch`` reads
        from the API instead).
    :param merge: merge the inputs that are sources of one page (:mod:`kg.merge`).
    """

    only: tuple[str, ...] | None = None
    validate: bool = True
    minter: Minter = field(default_factory=Minter)
    linker: Linker | None = None
    title: str | None = None
    graph: bool = True
    unchanged: Callable[[Page], str | None] | None = None
    reader: Callable[[str, str | None], Iterator[Page]] | None = None
    merge: bool = True


def process_page(page: Page, options: Options = Options()) -> PageResult:
    """One page through the flow: classify → parse → extract → resolve → link → map → validate.

    Never raises for a bad page: a refusal or an error is the result's ``error``.

    :param page: a page as read.
    :param options: see :class:`Options`.
    """
    return finish_page(begin_page(page, options), options)


def begin_page(page: Page, options: Options = Options()) -> PageResult:
    """The first half of :func:`process_page`: classify → parse → extract → resolve. The
    result holds the resolved extraction (or the refusal, or the error); :func:`finish_page`
    does the rest. Between the two, a linker can be asked about the titles of many pages
    at once (:meth:`Linker.prepare`)."""
    result = PageResult(input=page.source, page=page)
    start = time.perf_counter()
    try:
        refusal = kg.classify_page(page)
        if refusal is not None:
            result.error = refusal
            return result
        if options.unchanged is not None:
            reason = options.unchanged(page)
            if reason is not None:
                result.kept.append(reason)
                return result
        with page_scope():
            code = kg.parse_page(page)
            extraction = kg.extract_page(page, code, options.only)
            result.extraction = kg.resolve_page(extraction)
    except KgError as exc:
        result.error = exc
    except Exception as exc:  # a bug: this page's result says so, the run goes on
        result.error = InternalError(page.where, exc)
    finally:
        result.seconds = time.perf_counter() - start
    return result


def finish_page(result: PageResult, options: Options = Options(), adjust: Callable | None = None) -> PageResult:
    """The second half of :func:`process_page`: link → map → validate (nothing to do for a
    page that was refused, failed or is unchanged).

    :param adjust: changes the graph before it is validated (a merge aligns its nodes).
    """
    if result.error is not None or result.extraction is None or result.graph is not None:
        return result
    page = result.page
    start = time.perf_counter()
    try:
        extraction = kg.link_page(result.extraction, options.linker)
        result.extraction = extraction
        if options.graph:
            result.graph = kg.build_graph(extraction, options.minter)  # may warn of a link it refuses
            if adjust is not None:
                result.graph = adjust(result.graph)
            if options.validate:
                result.report = kg.validate_graph(result.graph)
        result.warnings = tuple(extraction.warnings)
    except KgError as exc:
        result.error = exc
    except Exception as exc:  # a bug: this page's result says so, the run goes on
        result.error = InternalError(page.where, exc)
    finally:
        result.seconds += time.perf_counter() - start
    return result


#: film articles begun before their titles go to the linker together (:meth:`Linker.prepare`):
#: the more, the fuller each request of 50 titles (and the more pages held in memory)
LINK_WINDOW = 100


def finish_pages(results: Iterator[PageResult], options: Options) -> Iterator[PageResult]:
    """Finish begun results; with a linker that prepares, :data:`LINK_WINDOW` pages at a
    time, so that it asks about the titles of many pages in one request."""
    from kg.link import titles_of

    prepare = getattr(options.linker, "prepare", None)
    if prepare is None:
        for result in results:
            if isinstance(result, _Group):
                yield from _merge(result, options)
            else:
                yield finish_page(result, options)
        return
    window: list[PageResult] = []
    articles = 0
    for result in results:
        if isinstance(result, _Group):
            if window:
                yield from _finish_window(window, options, prepare, titles_of)
                window, articles = [], 0
            titles = [t for r in result.results if r.extraction is not None for t in titles_of(r.extraction)]
            if titles:
                try:
                    prepare(titles)
                except KgError:
                    pass  # each page's linking meets the failure again and says so
            yield from _merge(result, options)
            continue
        window.append(result)
        articles += result.extraction is not None
        if articles >= LINK_WINDOW:
            yield from _finish_window(window, options, prepare, titles_of)
            window, articles = [], 0
    if window:
        yield from _finish_window(window, options, prepare, titles_of)


def _finish_window(window: list[PageResult], options: Options, prepare, titles_of) -> Iterator[PageResult]:
    titles = [t for r in window if r.error is None and r.extraction is not None for t in titles_of(r.extraction)]
    failure: KgError | None = None
    if titles:
        try:
            prepare(titles)
        except KgError as exc:  # the source failed: every page of the window says so
            failure = exc
    for result in window:
        if failure is not None and result.error is None and result.extraction is not None:
            result.error = failure
        yield finish_page(result, options)


@dataclass(slots=True)
class _Group:
    """The begun results of the inputs that are sources of one page, to be merged."""

    results: list[PageResult]


def _merge(group: _Group, options: Options) -> Iterator[PageResult]:
    from kg.merge import merge_sources

    def finish(result: PageResult, adjust=None) -> PageResult:
        return finish_page(result, options, adjust)

    try:
        yield from merge_sources(group.results, finish, options.minter, options.validate, kg.validate_graph,
                                 lambda page: begin_page(page, replace(options, unchanged=None)))
    except Exception as exc:  # a bug: the merge's result says so, the run goes on
        page = next((r.page for r in group.results if r.page is not None), None)
        yield PageResult(input=" + ".join(dict.fromkeys(r.input for r in group.results)), page=page,
                         error=InternalError(page.where if page is not None else group.results[0].input, exc))


def _begun(inputs: list[str], options: Options) -> Iterator[PageResult | _Group]:
    """Every input's begun results; those of the inputs that are sources of one page
    (:func:`kg.merge.plan`) together, as a :class:`_Group`, when its last input is read."""
    groups: list[list[int]] = []
    if options.merge and options.reader is None and len(inputs) > 1:
        from kg.merge import plan

        files = [i for i, inp in enumerate(inputs) if inp != "-"]
        planned = plan([inputs[i] for i in files], lambda inp: kg.read_pages(inp, title=options.title))
        groups = [[files[i] for i in g] for g in planned]
    member = {i: g for g in groups for i in g}
    held: dict[int, list[PageResult]] = {}
    grouped = replace(options, unchanged=None)  # a merge needs every source's extraction
    for i, inp in enumerate(inputs):
        group = member.get(i)
        if group is None:
            yield from _results(inp, options)
            continue
        held.setdefault(group[0], []).extend(_results(inp, grouped))
        if i == group[-1]:
            yield _Group(held.pop(group[0]))


def run(inputs: Iterable[str], options: Options = Options(), sinks: Iterable[Sink] = ()) -> Iterator[PageResult]:
    """Export every page of every input; yield each page's result after the sinks took it.

    An input that cannot be read (or that breaks off part-way, like a truncated dump)
    gives a result without a page whose ``error`` says why; the other inputs go on. A
    page of an input that holds several pages is marked ``in_collection`` (its refusal
    is not an error). A fatal :class:`~kg.errors.OutputError` of a sink ends the run
    after that page's result.

    :param inputs: paths as the user gave them (``-`` for standard input).
    :param options: see :class:`Options`.
    :param sinks: where exported graphs go; opened before the first page, closed at the end.
    """
    sinks = list(sinks)
    inputs = list(inputs)
    opened: list[Sink] = []
    try:
        try:
            for each in sinks:
                each.open()
                opened.append(each)
        except OutputError as exc:
            yield PageResult(input=exc.source, error=exc)
            return
        if sinks and options.unchanged is None and all(hasattr(s, "unchanged") for s in sinks):
            options = replace(options, unchanged=_unchanged_everywhere(sinks))
        begun = _begun(list(inputs), options)
        for result in finish_pages(begun, options):
            if result.status == "exported" and sinks:
                try:
                    result.written = kg.sink(result, sinks)
                except OutputError as exc:
                    result.error = exc
                    yield result
                    if exc.fatal:
                        return
                    continue
                except Exception as exc:  # a bug in a sink: this page fails, the run goes on
                    result.error = InternalError(result.page.where, exc)
            yield result
    finally:
        for each in opened:
            each.close()


def _unchanged_everywhere(sinks: list[Sink]) -> Callable[[Page], str | None]:
    def unchanged(page: Page) -> str | None:
        reasons = [s.unchanged(page) for s in sinks]
        return "; ".join(reasons) if all(reasons) else None

    return unchanged


def _results(inp: str, options: Options) -> Iterator[PageResult]:
    """The results of one input's pages, each told whether the input holds several."""
    pages = options.reader(inp, options.title) if options.reader else kg.read_pages(inp, title=options.title)
    count = 0
    try:
        page = next(pages, None)
    except KgError as exc:
        yield PageResult(input=inp, error=exc)
        return
    while page is not None:
        count += 1
        result = begin_page(page, options)
        try:
            page = next(pages, None)
        except KgError as exc:
            result.in_collection = True
            yield result
            yield PageResult(input=inp, error=exc, in_collection=True)
            return
        result.in_collection = count > 1 or page is not None
        yield result


@dataclass(slots=True)
class Summary:
    """What a run did, counted: exported, refused (by reason) and failed pages, and the exit code.

    The exit code is the highest any result gives (see :attr:`PageResult.exit_code`).
    """

    exported: int = 0
    merged: int = 0
    unchanged: int = 0
    conforming: int = 0
    failed: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    exit_code: int = EXIT_OK

    def add(self, result: PageResult) -> None:
        status = result.status
        if result.merged is not None:
            self.merged += 1
        elif status == "exported":
            self.exported += 1
            self.conforming += result.conforms is not False
        elif status == "unchanged":
            self.unchanged += 1
        elif status == "refused":
            self.refused[refusal_reason(result.error)] += 1
        else:
            self.failed += 1
        self.exit_code = max(self.exit_code, result.exit_code)

    def line(self) -> str:
        """``27 pages: 1 exported, 26 refused (another infobox: 19, redirect: 5, no infobox: 2)``."""
        pages = self.exported + self.unchanged + self.failed + sum(self.refused.values())
        parts = [f"{self.exported} exported"]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.refused:
            reasons = ", ".join(f"{reason}: {n}" for reason, n in sorted(self.refused.items(), key=lambda kv: (-kv[1], kv[0])))
            parts.append(f"{sum(self.refused.values())} refused ({reasons})")
        if self.failed:
            parts.append(f"{self.failed} failed")
        return f"{pages} page{'s' if pages != 1 else ''}: " + ", ".join(parts)


def refusal_reason(error: KgError | None) -> str:
    """A short reason for a refusal, for summaries: ``redirect``, ``another infobox`` …"""
    if isinstance(error, RedirectError):
        return "redirect"
    message = error.message if isinstance(error, NotAFilmError) else ""
    if "namespace" in message:
        return "another namespace"
    if "film series" in message:
        return "film series"
    if "plain text" in message:
        return "plain text"
    if "not closed" in message:
        return "broken infobox"
    if "(it has" in message:
        return "another infobox"
    return "no infobox"

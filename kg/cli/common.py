"""What the commands share: option parsing and how results are printed."""

from __future__ import annotations

from collections import Counter

import click

from kg.result import PageResult

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def echo_err(line: str) -> None:
    click.echo(line, err=True)


def parse_formats(values: tuple[str, ...]):
    """``-f`` values (repeatable, comma-separated, ``all``) → formats, Turtle and JSON-LD first."""
    from kg.serialize import DEFAULT_FORMATS, Format

    chosen = list(DEFAULT_FORMATS)
    for value in values:
        for name in value.split(","):
            name = name.strip()
            if not name:
                continue
            if name == "all":
                chosen.extend(Format)
                continue
            try:
                chosen.append(Format.from_name(name))
            except ValueError:
                names = ", ".join(f.cli_name for f in Format)
                raise click.BadParameter(f"unknown format {name!r}; choose from {names}, all", param_hint="--format") from None
    return tuple(dict.fromkeys(chosen))


def parse_only(value: str | None) -> tuple[str, ...] | None:
    """``--only`` → extractor names, checked against the registry."""
    if value is None:
        return None
    from kg.extractors import EXTRACTOR_NAMES

    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in EXTRACTOR_NAMES]
    if unknown:
        raise click.BadParameter(f"unknown extractor {unknown[0]!r}; choose from {', '.join(EXTRACTOR_NAMES)}", param_hint="--only")
    return tuple(names)


def parse_minter(base_iri: str | None):
    from kg.iri import DEFAULT_BASE_IRI, Minter

    try:
        return Minter(base_iri or DEFAULT_BASE_IRI)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--base-iri") from None


def report_problems(result: PageResult) -> None:
    """Print a result's warnings, violations and error to stderr (a dump's refusals are counted, not printed)."""
    title = result.title
    for warning in result.warnings:
        echo_err(f"[WARN] [{title}] {warning}")
    if result.merged is not None:
        for conflict in result.merged.conflicts:
            echo_err(f"[CONFLICT] [{title}] {conflict.line()}")
    if result.report is not None:
        for v in result.report.violations:
            echo_err(f"[{title}] {v.line()}")
    if result.error is not None and not (result.status == "refused" and result.in_collection):
        echo_err(f"Error: {result.error}")


def summary_line(result: PageResult) -> str:
    """``Title: 1328 triples; Movie 1, Person 40 …; conforms [0.52s]`` for an exported page."""
    from rdflib import RDF

    graph = result.graph
    report = result.report
    status = "not validated" if report is None else ("conforms" if report.conforms else f"DOES NOT CONFORM ({len(report.violations)} violations)")
    merged = result.merged
    if merged is not None:
        triples = sum(len(g) for g in merged.graphs)
        conflicts = len(merged.conflicts)
        return (f"{result.title}: {len(merged.sources)} sources merged, {len(merged.graphs)} graphs, {triples} triples; "
                f"{merged.agreements} statement{'s' if merged.agreements != 1 else ''} stated by more than one, "
                f"{conflicts} conflict{'s' if conflicts != 1 else ''}; merge graph {status}")
    counts: Counter[str] = Counter()
    for cls in graph.objects(None, RDF.type):
        counts[str(cls).rsplit("/", 1)[-1].rsplit("#", 1)[-1]] += 1
    classes = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
    name = result.title + (" (plain-text extract)" if result.page.format == "plaintext" else "")
    return f"{name}: {len(graph)} triples; {classes}; {status} [{result.seconds:.2f}s]"


def endpoint_options(f):
    """``--endpoint URL`` and the options that go with it (update URL, graph store, timeout)."""
    f = click.option("--retries", type=click.IntRange(min=0, max=20), default=4, show_default=True, metavar="N",
                     help="How many times a request the endpoint does not answer, or answers 429 or 5xx, is tried again (with backoff).")(f)
    f = click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, metavar="SECONDS",
                     help="How long to wait for the endpoint to answer one request.")(f)
    f = click.option("--graph-store", "graph_store", default=None, metavar="URL",
                     help="The endpoint's SPARQL 1.1 Graph Store Protocol URL: each article is a PUT of its graph (default: none; articles go in with SPARQL Update).")(f)
    f = click.option("--update-url", "update_url", default=None, metavar="URL",
                     help="The endpoint's SPARQL Update URL (default: --endpoint).")(f)
    f = click.option("--endpoint", default=None, metavar="URL",
                     help="A SPARQL 1.1 endpoint (query URL), instead of the embedded store.")(f)
    return f


def open_endpoint(endpoint: str, update_url: str | None, graph_store: str | None, timeout: float, retries: int):
    """The :class:`~kg.stores.endpoint.Endpoint` the options name (a bad URL: one error line, exit 6)."""
    from kg.errors import StoreError
    from kg.stores.endpoint import Endpoint

    try:
        return Endpoint(endpoint, update_url=update_url, graph_store=graph_store, timeout=timeout, retries=retries)
    except StoreError as exc:
        fail(exc)


def store_target(store: str | None, endpoint: str | None, update_url: str | None, graph_store: str | None, timeout: float,
                 retries: int, writer: bool):
    """The store a command reads or writes: ``--endpoint``, else ``--store DIR``, else the default store.

    :raises click.UsageError: both ``--store`` and ``--endpoint``, or endpoint-only options without ``--endpoint``.
    """
    from kg.stores import default_store_dir
    from kg.stores.embedded import EmbeddedStore

    if store is not None and endpoint is not None:
        raise click.UsageError("give --store or --endpoint, not both")
    if endpoint is None and (update_url or graph_store):
        raise click.UsageError("--update-url and --graph-store go with --endpoint")
    if endpoint is not None:
        return open_endpoint(endpoint, update_url, graph_store, timeout, retries)
    return EmbeddedStore(store if store else default_store_dir(), writer=writer)


def fail(error) -> None:
    """Print a :class:`~kg.errors.KgError` as one line and exit with its code."""
    import sys

    echo_err(f"Error: {error}")
    sys.exit(error.exit_code)


def link_options(f):
    """``--link`` and the options of the Wikimedia APIs (cache, offline, endpoints)."""
    f = click.option("--wikidata-api", "wikidata_api", default=None, metavar="URL",
                     help="Wikidata's API endpoint [default: https://www.wikidata.org/w/api.php].")(f)
    f = click.option("--wikipedia-api", "wikipedia_api", default=None, metavar="URL",
                     help="English Wikipedia's API endpoint [default: https://en.wikipedia.org/w/api.php].")(f)
    f = click.option("--api-retries", "api_retries", type=click.IntRange(min=0, max=20), default=5, show_default=True, metavar="N",
                     help="How many times an API request that is lagged, answered 429 or 5xx, or not answered is tried again (with backoff).")(f)
    f = click.option("--offline", is_flag=True, help="Answer API questions from the cache only; a question it lacks is an error (exit 7).")(f)
    f = click.option("--cache", "cache", default=None, metavar="FILE",
                     help="Where API answers are kept [default: $KG_CACHE, else ~/.cache/kg/wikimedia.sqlite].")(f)
    f = click.option("--link", "link", default=None, metavar="api|INDEX",
                     help="Link entities with Wikidata: 'api' (the live API, cached) or the path of an index built by 'kg link index'.")(f)
    return f


class Wikimedia:
    """The API clients and the linker a command's options ask for (built on first use)."""

    def __init__(self, link: str | None, cache: str | None, offline: bool, wikipedia_api: str | None, wikidata_api: str | None,
                 api_retries: int = 5) -> None:
        self.link, self.cache_path, self.offline, self.retries = link, cache, offline, api_retries
        self.wikipedia_url, self.wikidata_url = wikipedia_api, wikidata_api
        self._cache = None
        self._clients: dict[str, object] = {}
        self.linker = None

    def client(self, which: str):
        """The client of ``"wikipedia"`` or ``"wikidata"``."""
        from kg.sources.mwapi import ENWIKI_API, WIKIDATA_API, Cache, Client, default_cache_path

        if which not in self._clients:
            if self._cache is None:
                self._cache = Cache(self.cache_path or default_cache_path())
            url = (self.wikipedia_url or ENWIKI_API) if which == "wikipedia" else (self.wikidata_url or WIKIDATA_API)
            self._clients[which] = Client(url, self._cache, offline=self.offline, retries=self.retries)
        return self._clients[which]

    def open_linker(self):
        """The linker ``--link`` names, or ``None`` (no linking).

        :raises KgError: the index cannot be read, or the cache cannot be used.
        """
        from kg.link.wikidata import ApiSource, IndexSource, WikidataLinker

        if self.link is None or self.link == "none":
            return None
        if self.link == "api":
            self.linker = WikidataLinker(ApiSource(self.client("wikipedia"), self.client("wikidata")))
        else:
            self.linker = WikidataLinker(IndexSource(self.link))
        return self.linker

    def requests(self) -> tuple[int, int]:
        """Requests sent, and answers taken from the cache, so far."""
        return sum(c.sent for c in self._clients.values()), sum(c.cached for c in self._clients.values())

    def close(self) -> None:
        for c in self._clients.values():
            c.close()
        if self.linker is not None:
            self.linker.close()
        if self._cache is not None:
            self._cache.close()

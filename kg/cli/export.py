"""``kg export``: film articles → RDF files, validated."""

from __future__ import annotations

import sys

import click

from kg.cli.common import (Wikimedia, endpoint_options, fail, link_options, open_endpoint, parse_formats, parse_minter, parse_only,
                           report_problems, summary_line)

DEFAULT_OUTPUT = "output"


@click.command("export")
@click.argument("inputs", nargs=-1)
@click.option("-o", "--output", "output", default=DEFAULT_OUTPUT, show_default=True, metavar="DIR", help="Folder to write the files into.")
@click.option("-f", "--format", "formats", multiple=True, metavar="FORMAT", help="Also write this format: nt, nquads, trig, turtle, json-ld or all (repeatable; Turtle and JSON-LD are always written).")
@click.option("--base-iri", default=None, metavar="IRI", help="Base IRI of the minted resources [default: https://w3id.org/kg-film/].")
@click.option("--title", default=None, help="Page title for raw wikitext input (default: from the file name; required for '-').")
@click.option("--only", default=None, metavar="NAMES", help="Run only these extractors (comma-separated: film, crew, cast, awards, soundtrack, links).")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and warnings.")
@click.option("--no-files", is_flag=True, help="Write no files, only into the store.")
@click.option("--store", default=None, metavar="DIR", help="The embedded store to write into [default: $KG_STORE, else ~/.local/share/kg/store].")
@click.option("--no-store", is_flag=True, help="Write into no store, only files.")
@endpoint_options
@click.option("--force", is_flag=True, help="Replace articles the store holds at the same revision too.")
@link_options
@click.option("--fetch", is_flag=True, help="INPUTS are page titles (or Category:… for a category's articles) to fetch from English Wikipedia's API.")
@click.option("--index", "index", default=None, metavar="FILE", help="The multistream dump's index (…-multistream-index.txt.bz2): read the dump by streams, in workers, into sharded N-Quads.")
@click.option("-j", "--jobs", "jobs", type=click.IntRange(min=1), default=None, metavar="N", help="Worker processes for a multistream dump [default: every core].")
@click.option("--dask", "dask", default=None, metavar="SCHEDULER", help="Run the dump's tasks on a Dask cluster (its scheduler address, or 'local' for a LocalCluster of -j workers).")
def export_cmd(inputs, output, formats, base_iri, title, only, no_validate, quiet, no_files, store, no_store,
               endpoint, update_url, graph_store, timeout, retries, force, link, cache, offline, api_retries, wikipedia_api,
               wikidata_api, fetch, index, jobs, dask) -> None:
    """Export film articles to RDF files and into a store, validated.

    Each article goes to DIR/<title>.ttl and DIR/<title>.jsonld (and the -f formats),
    and into the embedded store (an Oxigraph store on disk, created when missing) as
    its own named graph, replacing what the store held for it in one transaction. An
    article whose revision the store already holds is skipped unless --force. With
    --endpoint the articles go to that SPARQL store instead of the embedded one (add
    --store DIR to write both).

    With no INPUT, exports the bundled examples (Leaving Las Vegas as MediaWiki API
    JSON, and a plain-text extract of it) into output/ and the default store. Inputs
    that are sources of one page (by page id, else title: an article and its extract)
    each keep their own graph and are also merged: DIR/<title>.merged.trig and .jsonld
    hold every source's graph and the values they disagree on ([CONFLICT] lines on
    stderr). Every graph is validated against kg's
    SHACL shapes; a non-conforming graph is still written, its violations are listed
    one per line, and the exit code is 1. An input that cannot be exported (missing
    file, not a film article, a redirect …) gets one error line and exit code 3; the
    other inputs are still exported. The pages of a dump that are not film articles
    are counted in the dump's summary line, not reported one by one. Exit code 6: a
    store cannot be used, or an article could not be stored (the others were; run
    again to send what is missing).

    Example:

        kg export

        kg export "Leaving_Las_Vegas.xml" dumps/enwiki.xml.bz2 -o out -f nquads

        kg export dumps/enwiki.xml.bz2 --no-files --store films.store

        curl … | kg export - --title "Heat (1995 film)" -o out --no-store

        kg export --fetch "Heat (1995 film)" "Category:1995 films" --link api
    """
    from kg.errors import KgError, RemoteError
    from kg.pipeline import Options, Summary, run
    from kg.resources import example_files
    from kg.sinks.files import FilesSink
    from kg.sinks.store import StoreSink
    from kg.stores import default_store_dir
    from kg.stores.embedded import EmbeddedStore

    if no_store and (store is not None or endpoint is not None):
        raise click.UsageError("--no-store goes with neither --store nor --endpoint")
    if endpoint is None and (update_url or graph_store):
        raise click.UsageError("--update-url and --graph-store go with --endpoint")
    if no_files and no_store:
        raise click.UsageError("--no-files with --no-store would write nothing")
    if index or jobs or dask:
        from kg.cli.shards import export_sharded

        if len(inputs) != 1 or fetch:
            raise click.UsageError("--index, -j and --dask export one multistream dump")
        if endpoint is not None:
            raise click.UsageError("a sharded export goes into files and the embedded store, not --endpoint")
        target = None if no_store else EmbeddedStore(store if store is not None else default_store_dir(), writer=True)
        export_sharded(inputs[0], index, jobs, dask, output, not no_validate, base_iri, link, target, quiet)
    if fetch and not inputs:
        raise click.UsageError("--fetch needs the titles to fetch")
    wikimedia = Wikimedia(link, cache, offline, wikipedia_api, wikidata_api, api_retries)
    try:
        linker = wikimedia.open_linker()
        reader = None
        if fetch:
            from kg.sources.fetch import Fetcher

            reader = Fetcher(wikimedia.client("wikipedia"), list(inputs)).pages
    except KgError as exc:
        fail(exc)
    options = Options(only=parse_only(only), validate=not no_validate, minter=parse_minter(base_iri), title=title,
                      linker=linker, reader=reader)
    sinks = [] if no_files else [FilesSink(output, parse_formats(formats))]
    if store is not None or (endpoint is None and not no_store):
        sinks.append(StoreSink(EmbeddedStore(store if store is not None else default_store_dir(), writer=True), options.minter, force))
    if endpoint is not None:
        sinks.append(StoreSink(open_endpoint(endpoint, update_url, graph_store, timeout, retries), options.minter, force))
    total = Summary()
    per_input: dict[str, Summary] = {}
    results = run(inputs or [str(p) for p in example_files()], options, sinks)
    for result in results:
        total.add(result)
        if result.in_collection:
            per_input.setdefault(result.input, Summary()).add(result)
        report_problems(result)
        if result.status == "exported" and result.error is None and not quiet:
            click.echo(summary_line(result) + "".join(f"; {kept}" for kept in result.kept))
        elif result.status == "unchanged" and not quiet and not result.in_collection:
            click.echo(f"{result.title}: unchanged ({'; '.join(result.kept)})")
        if isinstance(result.error, RemoteError):  # the API is down: every next page would fail the same way
            results.close()
            break
    if not quiet:
        for name, summary in per_input.items():
            click.echo(f"{name}: {summary.line()}")
        for sink in sinks:
            for notice in getattr(sink.store, "notices", []) if isinstance(sink, StoreSink) else []:
                click.echo(f"Note: {notice}", err=True)
            if isinstance(sink, StoreSink) and sink.stored + sink.extracts + sink.unchanged_count + total.unchanged:
                extracts = f" and {sink.extracts} plain-text extract{'s' if sink.extracts != 1 else ''}" if sink.extracts else ""
                click.echo(f"{sink.store.kind} {sink.store.where}: {sink.stored} article{'s' if sink.stored != 1 else ''}{extracts} stored, "
                           f"{sink.unchanged_count + total.unchanged} unchanged")
    sent, cached = wikimedia.requests()
    wikimedia.close()
    if (sent or cached) and not quiet:
        click.echo(f"Wikimedia APIs: {sent} request{'s' if sent != 1 else ''} sent, {cached} answered from the cache")
    sys.exit(total.exit_code)

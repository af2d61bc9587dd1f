"""``kg store info``: what a store holds."""

from __future__ import annotations

import sys

import click

from kg.cli.common import CONTEXT_SETTINGS, endpoint_options, fail, store_target


@click.group("store", context_settings=CONTEXT_SETTINGS)
def store_group() -> None:
    """Look into a store (the embedded store, or a SPARQL endpoint)."""


@store_group.command("info")
@click.option("--store", default=None, metavar="DIR", help="The embedded store [default: $KG_STORE, else ~/.local/share/kg/store].")
@endpoint_options
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True,
              help="How the list of articles is written.")
def info_cmd(store, endpoint, update_url, graph_store, timeout, retries, fmt) -> None:
    """List the articles a store holds: graph, revision, kg version and triples, then totals.

    Exit code 0, or 6 when the store cannot be read.

    Example:

        kg store info

        kg store info --endpoint http://localhost:8890/sparql -f csv
    """
    import pyoxigraph as ox

    from kg.errors import KgError
    from kg.iri import SOURCES
    from kg.stores import QueryResult
    from kg.stores.results import write

    target = store_target(store, endpoint, update_url, graph_store, timeout, retries, writer=False)
    try:
        infos = target.info()
        quads = target.quad_count() if target.kind == "store" else None
    except KgError as exc:
        fail(exc)
    finally:
        target.close()
    extract = "/" + SOURCES["plaintext"]
    rows = [
        (ox.Literal((i.title or "") + (" (extract)" if i.graph.endswith(extract) else "")), ox.Literal(str(i.revision) if i.revision is not None else ""), ox.Literal(i.version or ""),
         ox.Literal(str(i.triples)), ox.NamedNode(i.graph))
        for i in infos
    ]
    result = QueryResult("select", variables=["article", "revision", "kg", "triples", "graph"], rows=rows)
    sys.stdout.write(write(result, fmt))
    if fmt == "table":
        total = sum(i.triples for i in infos)
        extracts = sum(1 for i in infos if i.graph.endswith(extract))
        articles = len(infos) - extracts
        line = f"{articles} article{'s' if articles != 1 else ''}"
        if extracts:
            line += f" and {extracts} plain-text extract{'s' if extracts != 1 else ''}"
        line += f", {total:,} triples in their graphs"
        if quads is not None:
            line += f" ({quads:,} quads in the store)"
        click.echo(f"{target.kind} {target.where}: {line}")

"""``kg validate``: RDF files against kg's shapes."""

from __future__ import annotations

import sys

import click

from kg.cli.common import echo_err
from kg.errors import EXIT_INPUT, EXIT_NONCONFORMANT, EXIT_OK


@click.command("validate")
@click.argument("files", nargs=-1)
@click.option("--store", default=None, is_flag=False, flag_value="", metavar="[DIR]",
              help="Validate the union of all graphs in an embedded store (alone: the default store).")
@click.option("--engine", type=click.Choice(["rudof", "pyshacl"]), default="rudof", show_default=True,
              help="The SHACL engine that decides; a graph that does not conform is always reported by pySHACL.")
def validate_cmd(files, store, engine) -> None:
    """Validate RDF files (Turtle, JSON-LD, N-Triples, N-Quads, TriG), or a store's
    union of all its articles, against kg's shapes.

    Prints each violation on one line (focus node, path, message, constraint
    component), then one summary line per file or store. Exit code 0 when
    everything conforms, 1 when something does not, 3 when a file cannot be read,
    6 when the store cannot be read. rudof (the default) and pySHACL give the same
    verdicts on kg's shapes; the lines of a graph that does not conform come from
    pySHACL either way.

    Example:

        kg validate output/Leaving_Las_Vegas.ttl output/Leaving_Las_Vegas.jsonld

        kg validate --store
    """
    from rdflib import Dataset, Graph

    from kg.serialize import Format, jsonld_context
    from kg.validate import validate

    if not files and store is None:
        raise click.UsageError("give FILE... or --store [DIR]")
    exit_code = EXIT_OK
    if store is not None:
        exit_code = _validate_store(store, engine)
    for path in files:
        fmt = Format.from_extension(path)
        if fmt is None:
            echo_err(f"Error: {path}: unknown RDF format (use .ttl, .jsonld, .nt, .nq or .trig)")
            exit_code = max(exit_code, EXIT_INPUT)
            continue
        try:
            ds = Dataset()
            kwargs = {"context": jsonld_context()} if fmt is Format.JSONLD else {}
            ds.parse(path, format={Format.NTRIPLES: "nt", Format.JSONLD: "json-ld"}.get(fmt, fmt.cli_name), **kwargs)
            graph = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                graph.add((s, p, o))
        except FileNotFoundError:
            echo_err(f"Error: {path}: no such file")
            exit_code = max(exit_code, EXIT_INPUT)
            continue
        except IsADirectoryError:
            echo_err(f"Error: {path}: is a directory, not a file")
            exit_code = max(exit_code, EXIT_INPUT)
            continue
        except PermissionError:
            echo_err(f"Error: {path}: cannot be read (permission denied)")
            exit_code = max(exit_code, EXIT_INPUT)
            continue
        except Exception as exc:  # rdflib raises many parser exception types
            message = " ".join(str(exc).split())[:300]
            echo_err(f"Error: {path}: cannot parse as {fmt.cli_name}: {message}")
            exit_code = max(exit_code, EXIT_INPUT)
            continue
        report = validate(graph, engine=engine)
        for v in report.violations:
            click.echo(f"{path}: {v.line()}")
        status = "conforms" if report.conforms else f"does not conform ({len(report.violations)} violations)"
        click.echo(f"{path}: {len(graph)} triples; {status}")
        if not report.conforms:
            exit_code = max(exit_code, EXIT_NONCONFORMANT)
    sys.exit(exit_code)


def _validate_store(folder: str, engine: str) -> int:
    """Validate a store's union default graph; print its violations and a summary line."""
    import time

    from rdflib import Graph

    from kg.errors import StoreError
    from kg.iri import SOURCES
    from kg.merge import conflicts_of, is_listed
    from kg.stores import default_store_dir
    from kg.stores.embedded import EmbeddedStore
    from kg.validate import validate

    start = time.perf_counter()
    target = EmbeddedStore(folder or default_store_dir())
    try:
        data = target.union_ntriples()
        infos = target.info()
        extracts = sum(1 for i in infos if i.graph.endswith("/" + SOURCES["plaintext"]))
        articles = f"{len(infos) - extracts} article{'s' if len(infos) - extracts != 1 else ''}"
        if extracts:
            articles += f" and {extracts} plain-text extract{'s' if extracts != 1 else ''}"
    except StoreError as exc:
        echo_err(f"Error: {exc}")
        return exc.exit_code
    finally:
        target.close()
    graph = Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    report = validate(graph, engine=engine)
    # a value two sources of one page disagree on is in the union twice, as the merge's
    # kg:Conflict records: that is no fault of the data, and is reported as what it is
    listed = conflicts_of(graph)
    known = [v for v in report.violations if is_listed(v, listed)]
    violations = [v for v in report.violations if not is_listed(v, listed)]
    for v in known:
        click.echo(f"store {target.where}: [Conflict] <{v.focus}> {v.path}: the sources of one page give different values (a kg:Conflict of their merge)")
    for v in violations:
        click.echo(f"store {target.where}: {v.line()}")
    status = "conforms" if not violations else f"does not conform ({len(violations)} violations)"
    if known:
        status += f"; {len(known)} conflict{'s' if len(known) != 1 else ''} between sources of one page, listed in their merge graphs"
    click.echo(f"store {target.where}: union of {articles}, {len(graph):,} triples; {status} [{time.perf_counter() - start:.1f}s]")
    return EXIT_OK if not violations else EXIT_NONCONFORMANT

"""``kg query``: SPARQL against the embedded store or an endpoint, and the six named questions."""

from __future__ import annotations

import sys

import click

from kg.cli.common import echo_err, endpoint_options, fail, store_target
from kg.stores.queries import QUERIES
from kg.stores.results import FORMATS

NAMES = ", ".join(QUERIES)


@click.command("query")
@click.argument("query", required=False, metavar="QUERY")
@click.option("--file", "query_file", default=None, metavar="FILE", help="Read the query from FILE ('-': standard input).")
@click.option("--film", default=None, metavar="NAME", help="The film a named query asks about: its name or page title.")
@click.option("--person", default=None, metavar="NAME", help="The person a named query asks about: name or page title.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="How SELECT and ASK answers are written (csv, tsv, json: the W3C SPARQL result formats); CONSTRUCT and DESCRIBE give Turtle.")
@click.option("--store", default=None, metavar="DIR", help="The embedded store to query [default: $KG_STORE, else ~/.local/share/kg/store].")
@endpoint_options
def query_cmd(query, query_file, film, person, fmt, store, endpoint, update_url, graph_store, timeout, retries) -> None:
    """Ask a store a SPARQL query, or one of the six named questions.

    QUERY is SPARQL text, '-' for standard input, or the name of a question:

    \b
      cast --film F        who plays which character in F, in credit order
      awards --person P    P's awards and nominations, with ceremony and film
      roles [--film F]     people who worked on F in more than one capacity
      songs [--film F]     F's tracks written by someone other than the performer
      wikidata [--film F]  F's people linked to Wikidata, with their QID
      provenance [--film F]  articles with revision and statement count; with
                           --film, F's statements

    A film or person is given by name or page title; the value is bound as an RDF
    term, never pasted into the query. A query may use the prefixes schema:, kg:, wd:,
    prov:, dcterms:, owl:, rdf:, rdfs: and xsd: without declaring them. In the embedded
    store the default graph is the union of all articles' graphs. Exit code 0 with an answer (even an empty one), 3
    for a query that is not valid SPARQL, 6 when the store cannot be read.

    Example:

        kg query cast --film "Leaving Las Vegas"

        kg query "SELECT (COUNT(*) AS ?films) WHERE { ?f a schema:Movie }" -f csv

        kg query --file q.rq --endpoint http://localhost:7878/sparql
    """
    from kg.errors import KgError
    from kg.stores.queries import ask
    from kg.stores.results import PREFIXES, write

    if query in QUERIES and query_file is None:
        named = QUERIES[query]
        given = {"film": film, "person": person}
        wrong = [name for name, value in given.items() if value is not None and name != named.parameter]
        if wrong:
            raise click.UsageError(f"kg query {query} takes --{named.parameter}, not --{wrong[0]}")
        value = given[named.parameter]
        if named.required and value is None:
            raise click.UsageError(f"kg query {query} needs --{named.parameter} NAME")
        text = None
    else:
        if film is not None or person is not None:
            raise click.UsageError(f"--film and --person go with a named query ({NAMES})")
        if query_file is not None and query is not None:
            raise click.UsageError("give a QUERY or --file FILE, not both")
        source = query_file if query_file is not None else query
        if source is None:
            raise click.UsageError(f"give a SPARQL query, --file FILE, '-' for standard input, or a named query ({NAMES})")
        if source == "-" or query_file is not None:
            text = _read(source)
        else:
            text = source
        if not text.strip():
            raise click.UsageError("the query is empty")
    target = store_target(store, endpoint, update_url, graph_store, timeout, retries, writer=False)
    try:
        if text is None:
            result, note = ask(target, query, value)
            if note:
                echo_err(f"Note: {note}")
        else:
            result = target.query(text, prefixes=PREFIXES)
    except KgError as exc:
        fail(exc)
    finally:
        target.close()
    out = write(result, fmt)
    try:
        sys.stdout.write(out)
        sys.stdout.flush()
    except BrokenPipeError:
        pass


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    try:
        with open(source, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        raise click.BadParameter(f"{source}: no such file", param_hint="--file") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"{source}: cannot be read ({exc.__class__.__name__})", param_hint="--file") from None

"""``kg report``: per-article coverage, in memory."""

from __future__ import annotations

import sys

import click

from kg.cli.common import Wikimedia, fail, link_options
from kg.errors import EXIT_NONCONFORMANT, EXIT_OK, KgError


@click.command("report")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--tsv", is_flag=True, help="Tab-separated values with a header line, for spreadsheets.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (faster).")
@link_options
def report_cmd(inputs, tsv, no_validate, link, cache, offline, api_retries, wikipedia_api, wikidata_api) -> None:
    """Export articles in memory and print one coverage row per page, then totals.

    Columns: triples; people (persons and music groups) and organisations; cast
    roles; crew credits; nominations / data rows of the accolades tables; tracks /
    titles of the track listings (both counted from the markup, independently of
    the extractors); warnings; rejected (names not minted because they do not read
    as names, each also a warning that quotes it); linked / linkable (with --link:
    nodes linked to Wikidata, of the nodes made from a linked title); conforms. Pages kg refuses (not a film, redirect …)
    are listed with the reason. Nothing is written. Exit code 1 when a graph does not
    conform or a row shows a gap ("<- gap"), else 0.

    Example:

        kg report ../shared/corpus/*.xml

        kg report dump.xml.bz2 --tsv > coverage.tsv

        kg report ../shared/corpus/*.xml --link wikidata.index
    """
    from dataclasses import fields

    from kg.report import Row, Totals, format_row, format_totals, header, report_inputs

    totals = Totals()
    names = [f.name for f in fields(Row) if f.name != "conflict_lines"]
    click.echo("\t".join(names) if tsv else header())
    wikimedia = Wikimedia(link, cache, offline, api_retries, wikipedia_api, wikidata_api)
    try:
        linker = wikimedia.open_linker()
    except KgError as exc:
        fail(exc)
    for row in report_inputs(inputs, validate_graphs=not no_validate, linker=linker):
        totals.add(row)
        if tsv:
            click.echo("\t".join("" if getattr(row, n) is None else str(getattr(row, n)) for n in names))
        else:
            click.echo(format_row(row))
    if not tsv:
        click.echo(format_totals(totals))
    wikimedia.close()
    bad = any(r.error is None and (r.conforms is False or not r.complete) for r in totals.rows) or any(
        r.conforms is False for r in totals.merges)
    sys.exit(EXIT_NONCONFORMANT if bad else EXIT_OK)

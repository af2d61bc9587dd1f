"""``kg export``: film articles → RDF files, validated."""

from __future__ import annotations

import sys

import click

from kg.cli.common import echo_err, parse_formats, parse_minter, parse_only, report_problems, summary_line

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
def export_cmd(inputs, output, formats, base_iri, title, only, no_validate, quiet) -> None:
    """Export film articles to RDF: one DIR/<title>.ttl and DIR/<title>.jsonld per article.

    With no INPUT, exports the bundled example (Leaving Las Vegas, MediaWiki API
    JSON) into output/. Every graph is validated against kg's SHACL shapes; a
    non-conforming graph is still written, its violations are listed one per line,
    and the exit code is 1. An input that cannot be exported (missing file, not a
    film article, a redirect …) gets one error line and exit code 3; the other
    inputs are still exported. The pages of a dump that are not film articles are
    counted in the dump's summary line, not reported one by one.

    Example:

        kg export

        kg export "Leaving_Las_Vegas.xml" dumps/enwiki.xml.bz2 -o out -f nquads

        curl … | kg export - --title "Heat (1995 film)" -o out
    """
    from kg.pipeline import Options, Summary, run
    from kg.resources import example_file
    from kg.sinks.files import FilesSink

    options = Options(only=parse_only(only), validate=not no_validate, minter=parse_minter(base_iri), title=title)
    sink = FilesSink(output, parse_formats(formats))
    total = Summary()
    per_input: dict[str, Summary] = {}
    for result in run(inputs or (str(example_file()),), options, [sink]):
        total.add(result)
        if result.in_collection:
            per_input.setdefault(result.input, Summary()).add(result)
        report_problems(result)
        if result.status == "exported" and result.error is None and not quiet:
            click.echo(summary_line(result))
    if not quiet:
        for name, summary in per_input.items():
            click.echo(f"{name}: {summary.line()}")
    sys.exit(total.exit_code)

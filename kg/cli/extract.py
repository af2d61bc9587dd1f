"""``kg extract``: what the extractors read, as JSON (no RDF)."""

from __future__ import annotations

import json
import sys

import click

from kg.cli.common import parse_only, report_problems


@click.command("extract")
@click.argument("input")
@click.option("--title", default=None, help="Page title for raw wikitext input.")
@click.option("--only", default=None, metavar="NAMES", help="Run only these extractors (comma-separated).")
def extract_cmd(input, title, only) -> None:
    """Print what the extractors find in an article, as JSON (no RDF), one object per page.

    Useful to see what kg reads before it maps anything. Exit code 3 when the input
    cannot be read or is not a film article.

    Example:

        kg extract examples/leaving-las-vegas.api.json | less
    """
    from kg.model import to_dict
    from kg.pipeline import Options, Summary, run

    total = Summary()
    for result in run([input], Options(only=parse_only(only), title=title, graph=False)):
        total.add(result)
        if result.extraction is not None:
            click.echo(json.dumps(to_dict(result.extraction), ensure_ascii=False, indent=2))
        elif result.error is not None:
            report_problems(result)
    sys.exit(total.exit_code)

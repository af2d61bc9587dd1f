"""The ``kg`` command line: a thin layer over the library, one command per module.

Exit codes (README, :mod:`kg.errors`): 0 ok; 1 a graph does not conform to the shapes
(it is still written); 2 usage error; 3 an input could not be exported (or a query is
not valid SPARQL); 4 an output could not be written; 5 a bug in kg on one page; 6 a
store could not be used; 7 the Wikipedia or Wikidata API could not be used; 130 / 143 interrupted by SIGINT / SIGTERM. With several inputs every input is tried, and the exit code is the highest
that applies.
"""

from __future__ import annotations

import sys

import click

from kg import __version__
from kg.cli.common import CONTEXT_SETTINGS
from kg.cli.export import export_cmd
from kg.cli.extract import extract_cmd
from kg.cli.link import link_group
from kg.cli.load import load_cmd
from kg.cli.query import query_cmd
from kg.cli.report import report_cmd
from kg.cli.store import store_group
from kg.cli.validate import validate_cmd


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="kg")
def cli() -> None:
    """Export English Wikipedia film articles to validated schema.org knowledge graphs.

    Inputs are MediaWiki API JSON (action=query&prop=revisions, or action=parse
    with wikitext), MediaWiki XML exports and dumps (optionally .bz2/.gz/.xz), or raw
    wikitext; '-' reads standard input.

    Example:

        kg export                          # the bundled example into output/ and the store

        kg export article.xml -o out/ -f nt -f nquads

        kg query cast --film "Leaving Las Vegas"
    """


cli.add_command(export_cmd, "export")
cli.add_command(validate_cmd, "validate")
cli.add_command(report_cmd, "report")
cli.add_command(extract_cmd, "extract")
cli.add_command(load_cmd, "load")
cli.add_command(query_cmd, "query")
cli.add_command(store_group, "store")
cli.add_command(link_group, "link")


def main(argv: list[str] | None = None) -> None:  # pragma: no cover - exercised by the subprocess tests
    """The ``kg`` console script: run the CLI, then leave without interpreter teardown.

    SIGINT and SIGTERM raise :class:`kg.interrupts.Interrupted`: what is being written
    is finished first (:func:`kg.interrupts.deferred`), then one line says so and the
    exit code is 130 or 143. Every output file is closed (and renamed into place)
    before a command returns, so after flushing stdout and stderr there is nothing left
    to do; skipping the garbage collection of the graphs and modules at exit saves
    ~0.1 s per run.
    """
    import os

    from kg.interrupts import Interrupted, install

    install()
    try:
        try:
            cli.main(args=argv, prog_name="kg", standalone_mode=False)
            code = 0
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except click.Abort:
            click.echo("Aborted!", err=True)
            code = 1
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Interrupted as exc:
        from kg.interrupts import deferred

        with deferred():  # a second signal while reporting the first one changes nothing
            click.echo(f"Error: interrupted ({exc}); the articles written so far are complete, nothing partial was left", err=True)
        code = exc.exit_code
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)


if __name__ == "__main__":  # python -m kg.cli
    main()

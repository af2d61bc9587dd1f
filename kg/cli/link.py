"""``kg link``: a Wikidata index from the dumps, and kg's facts beside Wikidata's."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kg.cli.common import CONTEXT_SETTINGS, Wikimedia, echo_err, fail, link_options


@click.group("link", context_settings=CONTEXT_SETTINGS)
def link_group() -> None:
    """Link with Wikidata offline: build an index from its dump, compare facts."""


class Progress:
    """Progress of a long read on stderr: redrawn in place on a terminal, a line every
    ten seconds otherwise."""

    def __init__(self, what: str, total: int, quiet: bool) -> None:
        self.what, self.total, self.quiet = what, total, quiet
        self.start = self.last = time.perf_counter()
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, entities: int) -> None:
        now = time.perf_counter()
        if self.quiet or (now - self.last < (0.5 if self.tty else 10.0) and done < self.total):
            return
        self.last = now
        rate = entities / max(now - self.start, 1e-9)
        share = done / self.total if self.total else 0.0
        eta = (now - self.start) * (1 - share) / share if share > 0 else 0.0
        line = f"{self.what}: {share:5.1%}, {entities:,} entities, {rate:,.0f}/s, {eta / 60:.0f} min left"
        if self.tty:
            click.echo("\r" + line.ljust(79), nl=False, err=True)
        else:
            echo_err(line)

    def end(self) -> None:
        if self.tty and not self.quiet:
            click.echo("", err=True)


@link_group.command("index")
@click.argument("dump", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", required=True, metavar="INDEX", help="The index file to write (replaced only when the new one is complete).")
@click.option("--redirects", default=None, metavar="FILE", help="English Wikipedia's redirect table dump (enwiki-…-redirect.sql.gz).")
@click.option("--pages", default=None, metavar="FILE", help="English Wikipedia's page table dump (enwiki-…-page.sql.gz): the titles of the redirects.")
@click.option("-q", "--quiet", is_flag=True, help="No progress, only the summary line.")
def index_cmd(dump, output, redirects, pages, quiet) -> None:
    """Build a Wikidata index from Wikidata's JSON dump, for 'kg export --link INDEX'.

    Streams DUMP (latest-all.json.gz or .bz2, one entity a line; memory stays flat) and
    keeps, for every item with an English Wikipedia article, its QID, the article's
    title, its classes (P31), IMDb id (P345), directors (P57), cast members (P161),
    duration (P2047) and publication date (P577). With --redirects and --pages, the
    redirects of English Wikipedia too, so that a link to a redirect finds its
    target's item. The index replaces INDEX only once it is complete. Exit code 3 for a
    file that is not such a dump.

    Example:

        kg link index latest-all.json.gz -o wikidata.index

        kg link index latest-all.json.gz -o wikidata.index --redirects enwiki-latest-redirect.sql.gz --pages enwiki-latest-page.sql.gz
    """
    from kg.errors import InputError, NotFoundError, OutputError
    from kg.link.index import build_index

    for path in (dump, redirects, pages):
        if path is not None and not Path(path).is_file():
            fail(NotFoundError(path, "no such file"))
    if (redirects is None) != (pages is None):
        raise click.UsageError("--redirects needs --pages: the redirect table names redirect pages by page id, the page table gives their titles")
    progress = Progress(f"indexing {dump}", Path(dump).stat().st_size, quiet)
    try:
        stats = build_index(dump, output, redirects=redirects, pages=pages, progress=progress)
    except (InputError, OutputError) as exc:
        progress.end()
        fail(exc)
    progress.end()
    bad = f", {stats.bad_lines} lines not JSON (first: line {stats.first_bad_line})" if stats.bad_lines else ""
    click.echo(f"{output}: {stats.items:,} items with an English article, of {stats.entities:,} entities"
               f"{f', {stats.redirects:,} redirects' if redirects else ''}{bad} [{stats.seconds:.1f}s]")


@link_group.command("compare")
@click.argument("inputs", nargs=-1, required=True)
@link_options
@click.option("--tsv", is_flag=True, help="Tab-separated values with a header line.")
@click.option("--differences", is_flag=True, help="Only the facts where kg and Wikidata disagree.")
def compare_cmd(inputs, link, cache, offline, api_retries, wikipedia_api, wikidata_api, tsv, differences) -> None:
    """Set kg's facts beside Wikidata's for linked films: director, cast, duration, date.

    Every film article of INPUTS is exported in memory (nothing is written) and linked
    with --link (an index from 'kg link index', or 'api'); for a linked film, its
    directors and cast members (by the items kg's people are linked to), running time
    and earliest release are compared with the item's P57, P161, P2047 and P577. One
    row per fact, then a line of totals.

    Example:

        kg link compare ../shared/corpus/*.xml --link wikidata.index --differences
    """
    from kg.errors import KgError
    from kg.link.compare import compare
    from kg.pipeline import Options, run

    if link is None:
        raise click.UsageError("kg link compare needs --link INDEX or --link api")
    wikimedia = Wikimedia(link, cache, offline, wikipedia_api, wikidata_api, api_retries)
    try:
        linker = wikimedia.open_linker()
    except KgError as exc:
        fail(exc)
    columns = ("film", "qid", "fact", "kg", "wikidata", "agree")
    rows, films, exit_code = [], 0, 0
    for result in run(inputs, Options(validate=False, linker=linker)):
        if result.error is not None:
            if not (result.status == "refused" and result.in_collection):
                echo_err(f"Error: {result.error}")
                exit_code = max(exit_code, result.error.exit_code)
            continue
        found = compare(result.extraction)
        films += bool(found)
        rows += [r for r in found if not (differences and r.agree)]
    wikimedia.close()
    if tsv:
        click.echo("\t".join(columns))
        for r in rows:
            click.echo("\t".join(str(getattr(r, c)).replace("\t", " ") for c in columns))
    else:
        widths = [max([len(c)] + [len(str(getattr(r, c))) for r in rows]) for c in columns]
        click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
        for r in rows:
            click.echo("  ".join(("yes" if r.agree else "NO").ljust(w) if c == "agree" else str(getattr(r, c)).ljust(w)
                                 for c, w in zip(columns, widths)).rstrip())
        disagree = sum(1 for r in rows if not r.agree)
        click.echo(f"{films} linked film{'s' if films != 1 else ''} compared: {disagree} fact{'s' if disagree != 1 else ''} disagree")
    sys.exit(exit_code)

"""The ``kg`` command line: a thin layer over the library.

Exit codes: 0 ok; 1 a graph does not conform to the shapes (it is still written);
2 usage error; 3 an input could not be exported; 4 an output could not be written.
With several inputs every input is tried, and the exit code is the highest that applies.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import click

from kg import __version__
from kg.errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_NONCONFORMANT, EXIT_OK, EXIT_OUTPUT, KgError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_OUTPUT = "output"


def _echo_err(line: str) -> None:
    click.echo(line, err=True)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="kg")
def cli() -> None:
    """Export English Wikipedia film articles to validated schema.org knowledge graphs.

    Inputs are MediaWiki API JSON (action=query&prop=revisions, or action=parse
    with wikitext), MediaWiki XML exports and dumps (optionally .bz2/.gz/.xz), or raw
    wikitext; '-' reads standard input.

    Example:

        kg export                          # the bundled example into output/

        kg export article.xml -o out/ -f nt -f nquads
    """


def _formats(values: tuple[str, ...]):
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


def _only(value: str | None):
    if value is None:
        return None
    from kg.extractors import EXTRACTOR_NAMES

    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in EXTRACTOR_NAMES]
    if unknown:
        raise click.BadParameter(f"unknown extractor {unknown[0]!r}; choose from {', '.join(EXTRACTOR_NAMES)}", param_hint="--only")
    return names


def _summary(title: str, graph, report, elapsed: float) -> str:
    from rdflib import RDF

    counts = Counter()
    for cls in graph.objects(None, RDF.type):
        text = str(cls)
        counts[text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]] += 1
    classes = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
    status = "not validated" if report is None else ("conforms" if report.conforms else f"DOES NOT CONFORM ({len(report.violations)} violations)")
    return f"{title}: {len(graph)} triples; {classes}; {status} [{elapsed:.2f}s]"


@cli.command("export")
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-o", "--output", "output", type=click.Path(file_okay=False), default=DEFAULT_OUTPUT, show_default=True, help="Folder to write the files into.")
@click.option("-f", "--format", "formats", multiple=True, metavar="FORMAT", help="Also write this format: nt, nquads, trig, turtle, json-ld or all (repeatable; Turtle and JSON-LD are always written).")
@click.option("--base-iri", default=None, metavar="IRI", help="Base IRI of the minted resources [default: https://w3id.org/kg-film/].")
@click.option("--title", default=None, help="Page title for raw wikitext input (default: from the file name; required for '-').")
@click.option("--only", default=None, metavar="NAMES", help="Run only these extractors (comma-separated: film, crew, cast, awards, links).")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and warnings.")
def export_cmd(inputs, output, formats, base_iri, title, only, no_validate, quiet) -> None:
    """Export film articles to RDF: one DIR/<title>.ttl and DIR/<title>.jsonld per article.

    With no INPUT, exports the bundled example (Leaving Las Vegas, MediaWiki API
    JSON) into output/. Every graph is validated against kg's SHACL shapes; a
    non-conforming graph is still written, its violations are listed one per line,
    and the exit code is 1. An input that cannot be exported (missing file, not a
    film article, a redirect …) gets one error line and exit code 3; the other
    inputs are still exported.

    Example:

        kg export

        kg export "Leaving_Las_Vegas.xml" dumps/enwiki.xml.bz2 -o out -f nquads

        curl … | kg export - --title "Heat (1995 film)" -o out
    """
    from kg.extract import extract_page
    from kg.iri import DEFAULT_BASE_IRI, Minter
    from kg.mapping import build_graph
    from kg.resources import example_file
    from kg.serialize import output_name, write_outputs
    from kg.source import iter_pages

    fmts = _formats(formats)
    only_names = _only(only)
    try:
        minter = Minter(base_iri or DEFAULT_BASE_IRI)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--base-iri") from None
    if not inputs:
        inputs = (str(example_file()),)
    out_dir = Path(output)
    exit_code = EXIT_OK
    stems: dict[str, str] = {}
    for inp in inputs:
        try:
            pages = iter_pages(inp, title=title)
            for page in pages:
                start = time.perf_counter()
                try:
                    extraction = extract_page(page, only=only_names)
                    for warning in extraction.warnings:
                        _echo_err(f"[WARN] [{page.title}] {warning}")
                    graph = build_graph(extraction, minter)
                    report = None
                    if not no_validate:
                        from kg.validate import validate

                        report = validate(graph)
                        for v in report.violations:
                            _echo_err(f"[{page.title}] {v.line()}")
                    stem = output_name(page.title)
                    if stem in stems and stems[stem] != page.title:
                        raise KgError(page.source, f'output name "{stem}" is already used by "{stems[stem]}"')
                    stems[stem] = page.title
                    write_outputs(graph, out_dir, stem, fmts)
                    if report is not None and not report.conforms:
                        exit_code = max(exit_code, EXIT_NONCONFORMANT)
                    if not quiet:
                        click.echo(_summary(page.title, graph, report, time.perf_counter() - start))
                except KgError as exc:
                    _echo_err(f"Error: {exc}")
                    exit_code = max(exit_code, exc.exit_code)
                    if exc.exit_code == EXIT_OUTPUT:
                        raise SystemExit(exit_code) from None
                except Exception as exc:  # a bug: report it on one line, keep exporting the rest
                    _echo_err(_internal_error(page.source, page.title, exc))
                    exit_code = max(exit_code, EXIT_INTERNAL)
        except KgError as exc:
            _echo_err(f"Error: {exc}")
            exit_code = max(exit_code, exc.exit_code)
    sys.exit(exit_code)


def _internal_error(source: str, title: str, exc: Exception) -> str:
    where = source if source in (title, "-") else f"{source} ({title})"
    message = " ".join(str(exc).split())[:200]
    return f"Error: {where}: internal error ({type(exc).__name__}: {message}); this is a bug in kg {__version__}, please report it"


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=False))
def validate_cmd(files) -> None:
    """Validate RDF files (Turtle, JSON-LD, N-Triples, N-Quads, TriG) against kg's shapes.

    Prints each violation on one line (focus node, path, message, constraint
    component), then one summary line per file. Exit code 0 when every file
    conforms, 1 when one does not, 3 when a file cannot be read.

    Example:

        kg validate output/Leaving_Las_Vegas.ttl output/Leaving_Las_Vegas.jsonld
    """
    from rdflib import Dataset, Graph

    from kg.serialize import Format, jsonld_context
    from kg.validate import validate

    exit_code = EXIT_OK
    for path in files:
        fmt = Format.from_extension(path)
        if fmt is None:
            _echo_err(f"Error: {path}: unknown RDF format (use .ttl, .jsonld, .nt, .nq or .trig)")
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
            _echo_err(f"Error: {path}: no such file")
            exit_code = max(exit_code, EXIT_INPUT)
            continue
        except Exception as exc:  # rdflib raises many parser exception types
            message = " ".join(str(exc).split())[:300]
            _echo_err(f"Error: {path}: cannot parse as {fmt.cli_name}: {message}")
            exit_code = max(exit_code, EXIT_INPUT)
            continue
        report = validate(graph)
        for v in report.violations:
            click.echo(f"{path}: {v.line()}")
        status = "conforms" if report.conforms else f"does not conform ({len(report.violations)} violations)"
        click.echo(f"{path}: {len(graph)} triples; {status}")
        if not report.conforms:
            exit_code = max(exit_code, EXIT_NONCONFORMANT)
    sys.exit(exit_code)


@cli.command("report")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=False))
@click.option("--tsv", is_flag=True, help="Tab-separated values with a header line, for spreadsheets.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (faster).")
def report_cmd(inputs, tsv, no_validate) -> None:
    """Export articles in memory and print one coverage row per page, then totals.

    Columns: triples; people (persons and music groups) and organisations; cast
    roles; crew credits; nominations / data rows of the accolades tables; tracks /
    titles of the track listings (both counted from the markup, independently of
    the extractors); warnings; conforms. Pages kg refuses (not a film, redirect …)
    are listed with the reason. Nothing is written. Exit code 1 when a graph does not
    conform or a row shows a gap ("<- gap"), else 0.

    Example:

        kg report ../shared/corpus/*.xml

        kg report dump.xml.bz2 --tsv > coverage.tsv
    """
    from dataclasses import fields

    from kg.report import Row, Totals, format_row, format_totals, header, report_inputs

    totals = Totals()
    names = [f.name for f in fields(Row)]
    click.echo("\t".join(names) if tsv else header())
    for row in report_inputs(inputs, validate_graphs=not no_validate):
        totals.add(row)
        if tsv:
            click.echo("\t".join("" if getattr(row, n) is None else str(getattr(row, n)) for n in names))
        else:
            click.echo(format_row(row))
    if not tsv:
        click.echo(format_totals(totals))
    bad = any(r.error is None and (r.conforms is False or not r.complete) for r in totals.rows)
    sys.exit(EXIT_NONCONFORMANT if bad else EXIT_OK)


@cli.command("extract")
@click.argument("input", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--title", default=None, help="Page title for raw wikitext input.")
@click.option("--only", default=None, metavar="NAMES", help="Run only these extractors (comma-separated).")
def extract_cmd(input, title, only) -> None:
    """Print what the extractors find in an article, as JSON (no RDF), one object per page.

    Useful to see what kg reads before it maps anything. Exit code 3 when the input
    cannot be read or is not a film article.

    Example:

        kg extract examples/leaving-las-vegas.api.json | less
    """
    import json

    from kg.extract import extract_page
    from kg.model import to_dict
    from kg.source import iter_pages

    exit_code = EXIT_OK
    try:
        for page in iter_pages(input, title=title):
            try:
                extraction = extract_page(page, only=_only(only))
            except KgError as exc:
                _echo_err(f"Error: {exc}")
                exit_code = max(exit_code, exc.exit_code)
                continue
            click.echo(json.dumps(to_dict(extraction), ensure_ascii=False, indent=2))
    except KgError as exc:
        _echo_err(f"Error: {exc}")
        exit_code = max(exit_code, exc.exit_code)
    sys.exit(exit_code)


def main() -> None:  # pragma: no cover - exercised by the subprocess tests
    """The ``kg`` console script: run the CLI, then leave without interpreter teardown.

    Every output file is closed (and renamed into place) before a command returns, so
    after flushing stdout and stderr there is nothing left to do; skipping the
    garbage collection of the graphs and modules at exit saves ~0.1 s per run.
    """
    import os

    try:
        cli.main(prog_name="kg")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # python -m kg.cli
    main()

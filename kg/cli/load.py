"""``kg load``: files kg exported earlier into a store."""

from __future__ import annotations

import sys
import time

import click

from kg.cli.common import echo_err, endpoint_options, store_target


@click.command("load")
@click.argument("files", nargs=-1, required=True)
@click.option("--store", default=None, metavar="DIR", help="The embedded store [default: $KG_STORE, else ~/.local/share/kg/store].")
@endpoint_options
@click.option("--format", "fmt", default=None, metavar="FORMAT", help="The files' format (turtle, json-ld, nt, nquads, trig) [default: by extension].")
@click.option("--force", is_flag=True, help="Replace articles the store holds at the same revision too.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def load_cmd(files, store, endpoint, update_url, graph_store, timeout, retries, fmt, force, quiet) -> None:
    """Load RDF files kg exported (Turtle, JSON-LD, N-Triples, N-Quads, TriG) into a store.

    Each article's named graph is replaced as a whole, in one transaction; an article
    whose revision the store already holds (from this kg version) is left as it is
    unless --force. With --endpoint each article goes in with the Graph Store Protocol
    (or SPARQL Update). Exit code 0 when everything went in, 3 when a file cannot be
    read (nothing of it is stored), 6 when the store cannot be used or an article could
    not be sent (the others went in; run again to send what is missing).

    Example:

        kg load out/*.nq

        kg load out/*.ttl --endpoint http://localhost:7878/sparql --graph-store http://localhost:7878/store
    """
    from kg.errors import EXIT_OK, KgError, StoreError
    from kg.stores.load import FileLoad, Loader, file_format

    if fmt is not None:
        from kg.serialize import Format

        try:
            Format.from_name(fmt)
        except ValueError:
            raise click.BadParameter(f"unknown format {fmt!r}; choose from turtle, json-ld, nt, nquads, trig", param_hint="--format") from None
    target = store_target(store, endpoint, update_url, graph_store, timeout, retries, writer=True)
    loader = Loader(target, force=force)
    exit_code = EXIT_OK
    total = FileLoad("total")
    start = time.perf_counter()
    try:
        try:
            loader.open()
        except StoreError as exc:
            echo_err(f"Error: {exc}")
            sys.exit(exc.exit_code)
        def report(loads) -> None:
            nonlocal exit_code
            for done in loads:
                if isinstance(done, KgError):
                    echo_err(f"Error: {done}")
                    exit_code = max(exit_code, done.exit_code)
                    continue
                for line in done.failed:
                    echo_err(f"Error: {done.path}: {line}")
                    exit_code = max(exit_code, StoreError.exit_code)
                for name in ("new", "replaced", "unchanged", "quads"):
                    setattr(total, name, getattr(total, name) + getattr(done, name))
                if not quiet:
                    click.echo(done.line())

        for path in [*files, None]:
            try:
                report(loader.load(path, file_format(path, fmt)) if path is not None else loader.flush())
            except StoreError as exc:
                echo_err(f"Error: {exc}")
                exit_code = max(exit_code, exc.exit_code)
                if exc.fatal:
                    break
            except KgError as exc:
                echo_err(f"Error: {exc}")
                exit_code = max(exit_code, exc.exit_code)
    finally:
        loader.close()
        for notice in getattr(target, "notices", []):
            echo_err(f"Note: {notice}")
    if not quiet and len(files) > 1:
        seconds = time.perf_counter() - start
        rate = f", {total.quads / seconds:,.0f} triples/s" if seconds > 0 and total.quads else ""
        click.echo(f"{target.kind} {target.where}: {total.new + total.replaced + total.unchanged} articles from {len(files)} files "
                   f"({total.new} new, {total.replaced} replaced, {total.unchanged} unchanged), {total.quads:,} triples [{seconds:.2f}s{rate}]")
    sys.exit(exit_code)

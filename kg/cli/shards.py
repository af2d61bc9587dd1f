"""``kg export DUMP --index INDEX -j N | --dask SCHEDULER``: a whole multistream dump into
sharded N-Quads, on every core or on a Dask cluster (see :mod:`kg.workers`)."""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path

import click

from kg.cli.common import echo_err, fail


def export_sharded(dump: str, index: str | None, jobs: int | None, dask: str | None, output: str, validate: bool,
                   base_iri: str | None, link: str | None, store, quiet: bool) -> None:
    """Run the job and exit with its code (never returns)."""
    from kg.errors import EXIT_NONCONFORMANT, EXIT_OK, InputError, KgError, NotFoundError
    from kg.sources.multistream import find_index, read_index
    from kg import workers

    if not Path(dump).is_file():
        fail(NotFoundError(dump, "no such file"))
    index = index or (str(found) if (found := find_index(Path(dump))) else None)
    if index is None:
        raise click.UsageError(f"{dump}: -j and --dask read a multistream dump by its streams: give its index with --index FILE")
    if link is not None and link == "api":
        raise click.UsageError("workers link from a dump index (--link INDEX), not from the API")
    try:
        streams = read_index(index, Path(dump).stat().st_size)
    except KgError as exc:
        fail(exc)
    jobs = jobs or os.cpu_count() or 1
    out = Path(output)
    try:
        workers.prepare_output(out)
    except OSError as exc:
        fail(InputError(output, f"cannot write output: {exc.strerror or exc}"))
    tasks = workers.plan(streams)
    done = workers.done_records(out)
    todo = [t for t in tasks if t.number not in done]
    job = workers.Job(dump=str(Path(dump).resolve()), out=str(out.resolve()), validate=validate, base_iri=base_iri,
                      link=str(Path(link).resolve()) if link else None)

    def echo(line: str, tty: bool) -> None:
        if tty:
            click.echo("\r" + line.ljust(130), nl=False, err=True)
        else:
            echo_err(line)

    progress = workers.Progress(sum(t.pages for t in tasks), echo, sys.stderr.isatty(), quiet)
    for record in done.values():
        progress.add(record)
    if done and not quiet:
        echo_err(f"{output}: {len(done)} of {len(tasks)} tasks were done by an earlier run; doing the other {len(todo)}")
    loader = _store_loader(store)
    try:
        for record in done.values():
            _load_shard(loader, out / record.shard)
        results = workers.run_dask(job, todo, dask, jobs) if dask else workers.run_local(job, todo, jobs)
        for record in results:
            done[record.number] = record
            progress.add(record)
            _load_shard(loader, out / record.shard)
    except KgError as exc:
        fail(exc)
    except ImportError as exc:
        fail(InputError("--dask", f"needs Dask distributed ({exc.name} is missing): pip install 'kg[dask]'"))
    finally:
        if loader is not None:
            loader.close()
    records = list(done.values())
    progress.add(workers.TaskResult(-1, ""), force=True)
    if sys.stderr.isatty() and not quiet:
        click.echo("", err=True)
    errors = workers.write_errors(out, records)
    workers.write_manifest(out, dump, records, base_iri)
    films, triples = sum(r.films for r in records), sum(r.triples for r in records)
    nonconforming = sum(r.nonconforming for r in records)
    pages = sum(r.pages for r in records)
    click.echo(f"{dump}: {pages:,} pages: {films:,} films exported ({triples:,} triples) into {len(records)} shards, "
               f"{pages - films - errors:,} refused, {errors:,} failed (errors.tsv){f', {nonconforming:,} not conforming' if nonconforming else ''}")
    codes = [code for r in records for _, _, code, _ in r.errors]
    sys.exit(max([EXIT_OK, EXIT_NONCONFORMANT if nonconforming else EXIT_OK, *codes]))


def _store_loader(store):
    if store is None:
        return None
    from kg.stores.load import Loader

    loader = Loader(store)
    loader.open()
    return loader


def _load_shard(loader, shard: Path) -> None:
    """Put one finished shard into the store (its articles replaced as wholes)."""
    if loader is None:
        return
    import pyoxigraph as ox

    plain = shard.with_name(f".{shard.name}.{os.getpid()}.load.nq")
    try:
        plain.write_bytes(gzip.decompress(shard.read_bytes()))
        for done in loader.load(str(plain), ox.RdfFormat.N_QUADS) + loader.flush():
            if not hasattr(done, "line"):
                fail(done)
    finally:
        plain.unlink(missing_ok=True)

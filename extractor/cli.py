"""Command line: `extractor extract IN OUT` and friends. Exit 0 all well, 1 a document failed, 2 usage."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from pathlib import Path

import click

from extractor import __version__
from extractor.batch.options import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_PER_MB_S, DEFAULT_TIMEOUT_S
from extractor.cli_tools import cluster_size
from extractor.config import DEFAULT_MODEL, ExtractConfig


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected an ISO date, e.g. 2026-02-12")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor")
def cli():
    """Turn deal announcements (fact sheets, articles: HTML, PDF, text) into structured JSON records."""


@cli.command()
@click.argument("in_dir", metavar="IN", type=str)
@click.argument("out_dir", metavar="OUT", type=click.Path(path_type=Path))
@click.option(
    "--model",
    default=DEFAULT_MODEL,
    show_default=True,
    help="spaCy pipeline to load (an installed package name or a path), e.g. en_core_web_sm.",
)
@click.option(
    "--reference-date",
    callback=_date,
    metavar="YYYY-MM-DD",
    help="Resolve relative dates ('next year', 'a March summit') against this date in documents "
    "without a published or 'As of' date of their own.",
)
@click.option(
    "--force-reference-date",
    is_flag=True,
    help="Use --reference-date for every document, even those that carry their own date.",
)
@click.option(
    "--no-ocr",
    "no_ocr",
    is_flag=True,
    help="Do not OCR PDF pages without a text layer (OCR runs when Tesseract is installed).",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="Only files matching this gitignore-style pattern are inputs (repeatable).",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Leave out files and folders matching this gitignore-style pattern (repeatable).",
)
@click.option(
    "--strict", is_flag=True, help="Fail files no reader takes (unsupported_format) instead of skipping them."
)
@click.option(
    "--name",
    metavar="NAME",
    help="Source name of a document read from standard input (IN '-'); "
    "its extension picks the reader when the content does not.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="CPU count",
    help="Worker processes; each loads the model once.",
)
@click.option("--force", is_flag=True, help="Reprocess every document, even unchanged ones.")
@click.option("--prune", is_flag=True, help="Delete records whose source document is gone (listed otherwise).")
@click.option("--keep-text", is_flag=True, help="Store the extracted text in each record (spans point into it).")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=ExtractConfig.max_bytes,
    show_default=True,
    help="Larger input files fail with error type too_large.",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=ExtractConfig.max_pages,
    show_default=True,
    help="PDFs with more pages fail with error type too_many_pages.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT_S,
    show_default=True,
    help="Seconds one document may take, plus --timeout-per-mb for each MB of it; past it the worker "
    "is stopped and the document fails with error type timeout. 0 means no limit.",
)
@click.option(
    "--timeout-per-mb",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT_PER_MB_S,
    show_default=True,
    help="Seconds added to --timeout for each MB of the document (the pipeline needs ~35-47 s per MB).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on an existing Dask cluster (tcp://HOST:8786); the workers read IN (a shared path or an fsspec URL).",
)
@click.option("--cluster", metavar="local:N", help="Start a local Dask cluster of N worker processes for this run.")
@click.option(
    "--max-memory",
    type=click.IntRange(min=0),
    default=DEFAULT_MAX_MEMORY_MB,
    show_default=True,
    metavar="MB",
    help="Address space each worker may use (RLIMIT_AS); a document that needs more "
    "fails with error type too_large. 0 means no limit.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary line.")
@click.option("--verbose", "-v", is_flag=True, help="Print one line per document.")
def extract(
    in_dir,
    out_dir,
    model,
    reference_date,
    force_reference_date,
    no_ocr,
    include,
    exclude,
    strict,
    name,
    jobs,
    force,
    prune,
    keep_text,
    max_bytes,
    max_pages,
    timeout,
    timeout_per_mb,
    scheduler,
    cluster,
    max_memory,
    quiet,
    verbose,
):
    """Read every document under IN and write OUT/<relative path>.json, one record per document.

    IN may also be one file (its record goes to OUT/<name>.json) or '-' (standard input, with
    --name; OUT '-' writes the record to standard output). Unchanged documents are skipped; files
    no reader takes (images, JSON) are skipped and counted in the manifest (--strict fails them). The run's own files live in OUT/.extractor/: state.json
    (the incremental state), errors.jsonl (one line per failed document), manifest.json (whole-run
    facts) and lock. Files listed in IN/.extractorignore (glob patterns, one per line; 'dir/' for a
    folder) are left out; only regular files are inputs.

    Exit status: 0 all documents done, 1 a document failed, 2 usage error or OUT locked or not
    writable, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM; a stopped run keeps what
    was finished and still writes the state, error log and manifest.
    """
    from pydantic import ValidationError

    from extractor.batch import BatchError, RunOptions, run
    from extractor.batch.output import shown

    if force_reference_date and reference_date is None:
        raise click.UsageError("--force-reference-date needs --reference-date")
    config = ExtractConfig(
        model=model,
        reference_date=reference_date,
        max_bytes=max_bytes,
        max_pages=max_pages,
        keep_text=keep_text,
        force_reference_date=force_reference_date,
        ocr=not no_ocr,
    )
    from extractor.cli_inputs import extract_one, is_single

    if is_single(in_dir):
        sys.exit(extract_one(in_dir, str(out_dir), config, name, quiet))
    in_dir = in_dir if "://" in in_dir else Path(in_dir)  # IN may be an fsspec URL (s3://bucket/prefix)
    workers = cluster_size(cluster, scheduler)

    def log(msg: str) -> None:
        if verbose or msg.startswith("STOPPED") or (msg.startswith("FAILED") and not quiet):
            click.echo(msg, err=True)

    try:
        options = RunOptions(
            in_dir=in_dir,
            out_dir=out_dir,
            config=config,
            jobs=jobs,
            force=force,
            prune=prune,
            log=log,
            timeout=timeout or None,
            timeout_per_mb=timeout_per_mb,
            max_memory=max_memory,
            scheduler=scheduler,
            cluster=workers,
            include=include,
            exclude=exclude,
            strict=strict,
            progress=not quiet and not verbose,
        )
    except ValidationError as e:
        raise click.UsageError("; ".join(err["msg"] for err in e.errors()))
    try:
        summary = run(options)
    except BatchError as e:
        click.echo(f"extractor: {e}", err=True)
        sys.exit(e.exit_status)
    except KeyboardInterrupt:
        click.echo("extractor: interrupted; stopped at once (finished records are kept)", err=True)
        sys.exit(130)
    except OSError as e:
        if "model" in str(e).lower() or "E050" in str(e):
            click.echo(f"extractor: cannot load spaCy model {model!r}: {e}", err=True)
            sys.exit(2)
        _internal_error(e, verbose)
    except Exception as e:  # one clear line, not a traceback, for an unattended run (-v shows it)
        _internal_error(e, verbose)
    if quiet:
        for f in summary.failed:
            click.echo(f"FAILED  {shown(f['file'])}: {f['error_type']}: {f['message']}", err=True)
    parts = [f"{summary.processed} extracted", f"{summary.skipped} unchanged", f"{len(summary.failed)} failed"]
    if summary.unsupported:
        parts.append(f"{len(summary.unsupported)} skipped (no reader; --strict fails them)")
    if summary.orphaned:
        parts.append(f"{len(summary.orphaned)} orphaned records (source gone; --prune deletes them)")
    if summary.pruned:
        parts.append(f"{len(summary.pruned)} pruned")
    if summary.interrupted or summary.stopped:
        why = (
            f"stopped by {signal.Signals(summary.interrupted).name}"
            if summary.interrupted
            else "stopped: cannot write to OUT"
        )
        parts.append(f"{why} with {summary.not_done} not done (the next run does them)")
    log_path = out_dir / ".extractor" / "errors.jsonl"
    click.echo(
        f"extractor: {', '.join(parts)} in {summary.seconds:.1f}s -> {out_dir}"
        + (f" (see {log_path})" if summary.failed else ""),
        err=True,
    )
    sys.exit(summary.exit_code)


def _internal_error(e: BaseException, verbose: bool) -> None:
    if verbose:
        import traceback

        traceback.print_exception(e)
    click.echo(f"extractor: unexpected error, run stopped: {type(e).__name__}: {e}", err=True)
    sys.exit(1)


def _register_review_tools() -> None:
    from extractor.cli_tools import eval_command, schema
    from extractor.explain import explain
    from extractor.review.cli import register
    from extractor.tracker import register as register_tracker

    register(cli)
    register_tracker(cli)
    cli.add_command(explain)
    cli.add_command(schema)
    cli.add_command(eval_command)


_register_review_tools()


def main():
    cli(prog_name="extractor")

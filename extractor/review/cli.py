"""The reviewer's commands: `diff`, `review` and `export`. `register(group)` adds them to a click group."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from extractor.review import ReviewError, load_records

_FOLDER = click.Path(path_type=Path, exists=True, file_okay=False)


def _load(out_dir: Path, command: str) -> dict[str, dict]:
    try:
        records = load_records(out_dir)
    except ReviewError as e:
        click.echo(f"extractor {command}: {e}", err=True)
        sys.exit(2)
    if not records:
        click.echo(f"extractor {command}: note: no records in {out_dir}", err=True)
    return records


@click.command("diff")
@click.argument("old_out", metavar="OLD_OUT", type=_FOLDER)
@click.argument("new_out", metavar="NEW_OUT", type=_FOLDER)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the differences as JSON (fixed key order) instead of text."
)
def diff_command(old_out: Path, new_out: Path, as_json: bool):
    """Compare the records of two output folders by meaning, not by line.

    Per document and field it lists what was added (+), removed (-) or changed (~): amounts,
    percentages and deadlines are paired by span start, then text; commitments by their amount;
    companies by name, countries by code, sectors by label; warnings as text; and the document's
    title, published and reference dates. A summary line ends the report. The run files in
    OUT/.extractor/ (manifest, error log, state) are not compared.

    Exit status: 0 no differences, 1 differences, 2 trouble (bad arguments, unreadable record).
    """
    from extractor.review.diff import diff_folders, format_text, to_json
    from extractor.serialize import dumps

    result = diff_folders(_load(old_out, "diff"), _load(new_out, "diff"))
    click.echo(dumps(to_json(result)) if as_json else format_text(result), nl=False)
    sys.exit(0 if result.identical else 1)


@click.command("review")
@click.argument("out_dir", metavar="OUT", type=_FOLDER)
@click.option(
    "--html",
    "site_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write the site to.  [default: OUT/review]",
)
def review_command(out_dir: Path, site_dir: Path | None):
    """Write a static HTML review site for the records in OUT: open DIR/index.html in a browser.

    The index lists every document with its counts per field, searchable, filterable by field,
    country, sector and company and sortable, and the documents that failed with their reason
    (OUT/.extractor/errors.jsonl). Each document's page shows its commitments as a table linking to
    their amounts in the text, then its text with every amount, company, deadline, country, sector
    and percentage highlighted (overlaps stacked; each highlight links back to its row), its
    warnings and all items. Highlighting needs the text in the record: extract with --keep-text. The pages work
    from the file system, with no server and nothing fetched from elsewhere.
    """
    from extractor.review.html import build_site
    from extractor.tracker.collect import read_errors

    records = _load(out_dir, "review")
    site_dir = site_dir if site_dir is not None else out_dir / "review"
    errors = read_errors(out_dir)
    build_site(records, site_dir, errors=errors)
    without = sum(1 for r in records.values() if not isinstance(r.get("text"), str))
    note = f"; {without} without text (extract with --keep-text to highlight them)" if without else ""
    if errors:
        note += f"; {len(errors)} failed documents listed on the index"
    click.echo(f"extractor review: {len(records)} document pages{note}", err=True)
    click.echo((site_dir / "index.html").resolve().as_uri())


_TARGET = click.Path(dir_okay=False, allow_dash=True)


@click.command("export")
@click.argument("out_dir", metavar="OUT", type=_FOLDER)
@click.option(
    "--jsonl",
    "jsonl",
    type=_TARGET,
    metavar="FILE",
    help="Write every record as one line of JSON, in path order (UTF-8, no BOM, \\n line ends); "
    "'-' for standard output.",
)
@click.option(
    "--csv",
    "csv_path",
    type=_TARGET,
    metavar="FILE",
    help="Write one row per commitment: document, title, amount_text, value, currency, qualifier, min, "
    "max, is_total, part_of, companies, canonical_companies, countries, sectors, deadline, "
    "deadline_text, page, sentence (lists joined with '; ', values in plain digits). UTF-8 with a "
    "byte-order mark so Excel opens it with the right encoding (none on standard output, '-'); "
    "RFC 4180 quoting.",
)
def export_command(out_dir: Path, jsonl: str | None, csv_path: str | None):
    """Flatten the records in OUT: --jsonl for machines, --csv (commitments) for spreadsheets; either or both.

    FILE '-' writes to standard output (one of the two at most). The folder a FILE goes in must exist.
    """
    from extractor.review.export import ExportError, export

    if jsonl is None and csv_path is None:
        raise click.UsageError("nothing to write: give --jsonl FILE, --csv FILE or both")
    try:
        counts = export(_load(out_dir, "export"), jsonl=jsonl, csv_path=csv_path, stdout=sys.stdout.buffer)
    except ExportError as e:
        raise click.UsageError(str(e)) from e
    done = []
    if jsonl is not None:
        done.append(f"{counts['records']} records -> {'standard output' if jsonl == '-' else jsonl}")
    if csv_path is not None:
        done.append(f"{counts['commitments']} commitments -> {'standard output' if csv_path == '-' else csv_path}")
    click.echo(f"extractor export: {'; '.join(done)}", err=True)


COMMANDS = (diff_command, review_command, export_command)


def register(group: click.Group) -> None:
    """Add `diff`, `review` and `export` to a click group (the `extractor` command line)."""
    for command in COMMANDS:
        group.add_command(command)

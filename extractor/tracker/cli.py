"""`extractor collect OUT --db FILE` and `extractor report OUT --html DIR`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from extractor.review import ReviewError

_FOLDER = click.Path(path_type=Path, exists=True, file_okay=False)


@click.command("collect")
@click.argument("out_dir", metavar="OUT", type=_FOLDER)
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    metavar="FILE",
    help="SQLite database to create or bring up to date (e.g. deals.sqlite).",
)
def collect_command(out_dir: Path, db_path: Path):
    """Collect every record under OUT into a SQLite database: documents, amounts, companies (canonical
    name, home country), company mentions, deadlines, sectors, countries, commitments and their
    companies with roles, each with its evidence (document, span, page, sentence); the failed
    documents of the last run; and deals, the commitments that several documents report, grouped.

    A rerun updates only documents whose record changed and drops those whose record is gone. The
    schema is in extractor/tracker/schema.sql; open the file with sqlite3 or Datasette.
    """
    from extractor.tracker.collect import collect

    if not db_path.parent.is_dir():
        raise click.BadParameter(f"folder {db_path.parent} does not exist", param_hint="--db")
    try:
        stats = collect(out_dir, db_path)
    except ReviewError as e:
        click.echo(f"extractor collect: {e}", err=True)
        sys.exit(2)
    click.echo(f"extractor collect: {stats.summary()} -> {db_path}", err=True)


@click.command("report")
@click.argument("out_dir", metavar="OUT", type=_FOLDER)
@click.option(
    "--html",
    "site_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write the dashboard to.  [default: OUT/report]",
)
def report_command(out_dir: Path, site_dir: Path | None):
    """Write a static dashboard of the deals in OUT: open DIR/index.html in a browser.

    Totals by country, sector and company count deals, not mentions, and never add a total to its
    parts; a timeline of deadlines; the largest deals with their sources. Charts are inline SVG;
    nothing is loaded from elsewhere and no script is needed. Every figure links to the review page
    (written to DIR/review/) and the sentence it came from.
    """
    from extractor.tracker.report import build_report

    site_dir = site_dir if site_dir is not None else out_dir / "report"
    try:
        summary = build_report(out_dir, site_dir)
    except ReviewError as e:
        click.echo(f"extractor report: {e}", err=True)
        sys.exit(2)
    click.echo(f"extractor report: {summary}", err=True)
    click.echo((site_dir / "index.html").resolve().as_uri())


COMMANDS = (collect_command, report_command)

"""`extractor schema` and `extractor eval`: the record's JSON Schema, and scores against gold files."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
def schema():
    """Print the record's JSON Schema (generated from the pydantic models)."""
    from extractor.schema import schema_json

    click.echo(schema_json(), nl=False)


@click.command(name="eval")
@click.argument("records", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.argument("gold", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--quiet", "-q", is_flag=True, help="Only the score table, not every miss.")
def eval_command(records, gold, quiet):
    """Score the records in RECORDS against the *.gold.json files in GOLD (precision, recall, F1 per field)."""
    from extractor.evaluate import format_table, score_folder

    totals, notes, missing = score_folder(records, gold)
    if not quiet:
        for n in notes:
            click.echo(n)
    click.echo(format_table(totals))
    if missing:
        click.echo(f"no record for: {', '.join(missing)}")


def cluster_size(cluster: str | None, scheduler: str | None) -> int | None:
    if cluster is None:
        return None
    if scheduler:
        raise click.UsageError("--cluster and --scheduler exclude each other")
    kind, _, n = cluster.partition(":")
    if kind != "local" or not n.isdigit() or not 1 <= int(n) <= 1024:
        raise click.UsageError("--cluster takes local:N, N worker processes (1-1024)")
    return int(n)

"""`extractor explain FILE`: why each company candidate was kept or dropped.

For one document: every candidate in document order, with its signals, what was trimmed
from it, and the named rule that kept or dropped it (extractor/extract/companies/decisions.py).
"""

from __future__ import annotations

from pathlib import Path

import click

from extractor.config import DEFAULT_MODEL, ExtractConfig
from extractor.extract.companies import Decision, explain_companies
from extractor.extract.countries import find_countries
from extractor.ingest import ingest
from extractor.nlp import parser


def explain_decisions(data: bytes, name: str, config: ExtractConfig = ExtractConfig()) -> list[Decision]:
    """Every company candidate of one document with its signals and the rule that kept or dropped it."""
    doc = ingest(data, name, max_pages=config.max_pages)
    nlp = parser(config.model)
    with nlp.memory_zone():
        analysis = nlp.analyze(doc)
        return explain_companies(analysis, find_countries(doc.text), outlet=doc.site_name)


def explain_lines(
    data: bytes, name: str, config: ExtractConfig = ExtractConfig(), only_kept: bool = False
) -> list[str]:
    """One line per company candidate: verdict, name, span, signals, rule and reason."""
    lines = []
    for d in explain_decisions(data, name, config):
        if only_kept and not d.kept:
            continue
        c = d.candidate
        signals = ",".join(sorted(s.value for s in c.signals)) or "-"
        trimmed = f"  trimmed[{'; '.join(c.trimmed)}]" if c.trimmed else ""
        lines.append(
            f"{'KEEP' if d.kept else 'drop'}  {c.text!r} [{c.start},{c.end}] ner={c.ner or '-'} "
            f"signals={signals}  {d.rule}: {d.reason}{trimmed}"
        )
    return lines


@click.command("explain")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline to load")
@click.option("--kept", "only_kept", is_flag=True, help="only the candidates that were kept")
def explain(file: Path, model: str, only_kept: bool) -> None:
    """Print every company candidate of FILE with its signals and the rule that kept or dropped it."""
    for line in explain_lines(file.read_bytes(), file.name, ExtractConfig(model=model), only_kept):
        click.echo(line)

"""Record assembly: a document's mentions and links, with their evidence, as the Record the JSON holds.

Offsets become spans, positions become pages and sentences, numbers follow the JSON number rule,
and each mention kind is grouped the way the record contract (RECORD.md) lists it. Nothing here
finds anything: every value comes from an earlier stage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from decimal import Decimal

from extractor import __version__
from extractor.config import ExtractConfig
from extractor.extract.countries import country_name
from extractor.extract.mentions import DeadlineMention, Mentions
from extractor.ingest import Document
from extractor.ingest import Notice as IngestNotice
from extractor.link import Link
from extractor.models import (
    Amount,
    Commitment,
    CommitmentAmount,
    CommitmentCompany,
    Company,
    Country,
    Deadline,
    DocumentInfo,
    Notice,
    Percentage,
    Record,
    ReferenceSource,
    Sector,
    SectorHit,
)
from extractor.nlp import Analysis


def number(value: Decimal) -> int | float:
    """JSON number rule: whole values as integers, others as the shortest float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _deadline_notices(deadlines: list[DeadlineMention]) -> Iterator[IngestNotice]:
    """A notice for each deadline the rules could not turn into a date or a duration."""
    for d in deadlines:
        if d.unresolved:
            yield IngestNotice(
                "unresolved_deadline",
                f"relative deadline {d.text!r} at {d.start} left unresolved: no reference date",
                (d.start, d.end),
            )
        elif d.date is None and d.duration is None:
            yield IngestNotice(
                "deadline_without_date",
                f"deadline {d.text!r} at {d.start} names no date a rule can compute",
                (d.start, d.end),
            )


def assemble(
    data: bytes,
    name: str,
    doc: Document,
    analysis: Analysis,
    found: Mentions,
    links: list[Link],
    reference: tuple[dt.date | None, ReferenceSource | None],
    config: ExtractConfig,
) -> Record:
    """The Record of one document: its bytes (for the id), name, ingested form and analysis, the
    mentions found in it and the links between them, the reference date and its source, and the
    options (keep_text)."""
    ref, ref_source = reference
    text = doc.text
    countries, amounts, percentages = found.countries, found.amounts, found.percentages
    companies, sectors, deadlines = found.companies, found.sectors, found.deadlines
    sentence = analysis.sentence_text
    notices = [*doc.warnings, *_deadline_notices(deadlines)]

    by_code: dict[str, list[tuple[int, int]]] = {}
    for c in countries:
        by_code.setdefault(c.code, []).append((c.start, c.end))
    by_sector: dict[Sector, tuple[list[str], list[tuple[int, int]]]] = {}
    for m in sectors:
        evidence, spans = by_sector.setdefault(m.sector, ([], []))
        phrase = text[m.start : m.end]
        if phrase not in evidence:
            evidence.append(phrase)
        spans.append((m.start, m.end))

    commitments = []
    for lk in links:
        a = lk.amount
        commitments.append(
            Commitment(
                amount=CommitmentAmount(text=a.text, value=number(a.value), currency=a.currency, qualifier=a.qualifier),
                equivalent_of=lk.equivalent_of,
                companies=[c.name for c in lk.companies],
                company_roles=[
                    CommitmentCompany(name=c.name, mention=c.mention, role=c.role, cue=c.cue) for c in lk.companies
                ],
                countries=lk.countries,
                sectors=lk.sectors,
                deadline=lk.deadline.date if lk.deadline else None,
                deadline_text=lk.deadline.text if lk.deadline else None,
                is_total=lk.is_total,
                part_of=lk.part_of,
                context=lk.context,
                span=(a.start, a.end),
                page=analysis.page_at(a.start),
                sentence=sentence(a.start),
                mentions=lk.mentions,
            )
        )

    return Record(
        extractor_version=__version__,
        document=DocumentInfo(
            id=hashlib.sha256(data).hexdigest(),
            source=name,
            format=doc.format,
            encoding=doc.encoding,
            title=doc.title,
            published=doc.published,
            reference_date=ref.isoformat() if ref else None,
            reference_date_source=ref_source,
            pages=doc.pages,
            ocr_pages=doc.ocr_pages,
            characters=len(text),
        ),
        countries=[
            Country(name=country_name(code), code=code, mentions=spans)
            for code, spans in sorted(by_code.items(), key=lambda kv: kv[1][0])
        ],
        amounts=[
            Amount(
                text=a.text,
                value=number(a.value),
                currency=a.currency,
                qualifier=a.qualifier,
                min=number(a.min) if a.min is not None else None,
                max=number(a.max) if a.max is not None else None,
                span=(a.start, a.end),
                page=analysis.page_at(a.start),
                sentence=sentence(a.start),
            )
            for a in amounts
        ],
        percentages=[
            Percentage(text=p.text, value=number(p.value), span=(p.start, p.end), page=analysis.page_at(p.start))
            for p in percentages
        ],
        companies=[
            Company(
                name=c.name,
                canonical=c.canonical,
                country=c.country,
                mentions=c.mentions,
                sentence=sentence(c.mentions[0][0]),
            )
            for c in companies
        ],
        deadlines=[
            Deadline(
                text=d.text,
                kind=d.kind,
                date=d.date,
                duration=d.duration,
                span=(d.start, d.end),
                page=analysis.page_at(d.start),
                sentence=sentence(d.start),
            )
            for d in deadlines
        ],
        sectors=[
            SectorHit(sector=label, evidence=ev, mentions=spans)
            for label, (ev, spans) in sorted(by_sector.items(), key=lambda kv: kv[1][1][0])
        ],
        commitments=commitments,
        warnings=[n.message for n in notices],
        notices=[
            Notice(code=n.code, message=n.message, span=n.span, page=analysis.page_at(n.span[0]) if n.span else None)
            for n in notices
        ],
        text=text if config.keep_text else None,
    )

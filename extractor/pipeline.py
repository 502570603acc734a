"""The one pure entry point: bytes and a name in, a Record out.

`extract_document(data, name, config)` touches no file, clock or global state
besides the cached spaCy pipeline, so the batch runner, the tests and any
distributed engine (Dask, Ray) call it the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal

from extractor import __version__
from extractor.config import ExtractConfig
from extractor.dates import parse_date
from extractor.extract.amounts import find_amounts, find_percentages
from extractor.extract.companies import find_companies, public_body_spans
from extractor.extract.countries import country_name, find_countries
from extractor.extract.deadlines import find_deadlines
from extractor.extract.sectors import find_sectors
from extractor.ingest import Document, IngestError, ingest
from extractor.ingest import Notice as IngestNotice
from extractor.ingest.metadata import DATE_LITERAL
from extractor.link import link
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
from extractor.nlp import Analysis, analyze, load

_AS_OF = re.compile(
    rf"\b(?:As of|Dated|Updated|Published|Released|Compiled|Date of issue:?|Issued)\s+(?:on\s+)?(?P<date>{DATE_LITERAL.pattern})"
)


def number(value: Decimal) -> int | float:
    """JSON number rule: whole values as integers, others as the shortest float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def reference_date(doc: Document, config: ExtractConfig) -> tuple[dt.date | None, ReferenceSource | None]:
    """The date relative expressions resolve against: the document's published date or dated line, else
    the option (--reference-date is a fallback); --force-reference-date puts the option first."""
    if config.reference_date and config.force_reference_date:
        return config.reference_date, "option"
    if doc.published:
        return dt.date.fromisoformat(doc.published), "published"
    m = _AS_OF.search(doc.text)
    if m:
        d, granularity = parse_date(m.group("date"))
        if d and granularity == "day":
            return d, "dateline"
    if config.reference_date:
        return config.reference_date, "option"
    return None, None


def _main_country(countries) -> str | None:
    """The country the document names most (ties: the first named), for fiscal years."""
    counts: dict[str, int] = {}
    for c in countries:
        counts[c.code] = counts.get(c.code, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def extract_document(data: bytes, name: str, config: ExtractConfig = ExtractConfig()) -> Record:
    if len(data) > config.max_bytes:
        raise IngestError("too_large", f"{len(data)} bytes, limit is {config.max_bytes}", stage="limits")
    doc = ingest(data, name, max_pages=config.max_pages, ocr=config.ocr)
    ref, ref_source = reference_date(doc, config)
    # Strings spaCy interns for this document are freed when the zone ends, so a long-running
    # worker's memory stays flat; the record holds plain Python values only.
    with load(config.model).memory_zone():
        analysis = analyze(doc, config.model)
        return build_record(data, name, doc, analysis, ref, ref_source, config)


def build_record(
    data: bytes,
    name: str,
    doc: Document,
    analysis: Analysis,
    ref: dt.date | None,
    ref_source: ReferenceSource | None,
    config: ExtractConfig,
) -> Record:
    text = doc.text
    notices = list(doc.warnings)
    countries = find_countries(text)
    amounts = find_amounts(text)
    percentages = find_percentages(text)
    companies = find_companies(analysis, countries, outlet=doc.site_name)
    company_spans = [s for c in companies for s in c.mentions]
    sectors = find_sectors(analysis, config.model, exclude=company_spans + public_body_spans(text))
    deadlines = find_deadlines(text, ref, fiscal_country=_main_country(countries))
    links = link(analysis, amounts, companies, countries, sectors, deadlines)

    def sentence(pos: int) -> str:
        return analysis.sentence_text(pos)

    for d in deadlines:
        if d.unresolved:
            notices.append(
                IngestNotice(
                    "unresolved_deadline",
                    f"relative deadline {d.text!r} at {d.start} left unresolved: no reference date",
                    (d.start, d.end),
                )
            )
        elif d.date is None and d.duration is None:
            notices.append(
                IngestNotice(
                    "deadline_without_date",
                    f"deadline {d.text!r} at {d.start} names no date a rule can compute",
                    (d.start, d.end),
                )
            )

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

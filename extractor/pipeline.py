"""The one pure entry point: bytes and a name in, a Record out.

`extract_document(data, name, config)` touches no file, clock or global state besides the cached
spaCy pipeline, so the batch runner, the tests and any distributed engine (Dask, Ray) call it the
same way. It only sequences the stages, each in its own module:

    bytes -> ingest.ingest -> Document -> Parser.analyze -> Analysis -> find_mentions -> Mentions
          -> link.link -> [Link] -> assemble.assemble -> Record
"""

from __future__ import annotations

import datetime as dt

from extractor.assemble import assemble
from extractor.config import ExtractConfig
from extractor.extract.amounts import find_amounts, find_percentages
from extractor.extract.companies import find_companies, public_body_spans
from extractor.extract.countries import find_countries
from extractor.extract.deadlines import find_deadlines
from extractor.extract.mentions import Mentions
from extractor.extract.sectors import find_sectors
from extractor.ingest import Document, IngestError, ingest
from extractor.link import link
from extractor.models import Record
from extractor.nlp import Analysis, parser
from extractor.reference import fiscal_country, reference_date

__all__ = ["extract_document", "find_mentions"]


def extract_document(data: bytes, name: str, config: ExtractConfig = ExtractConfig()) -> Record:
    """The Record of one document: `data` (its bytes, any supported format) read as `name` (its file
    name: the extension is a format hint, and the record's `document.source`) under `config`.
    Raises an ExtractorError subclass (an IngestError with a code and a stage) for a document that
    cannot be read; never depends on the clock, the machine or what was extracted before."""
    if len(data) > config.max_bytes:
        raise IngestError("too_large", f"{len(data)} bytes, limit is {config.max_bytes}", stage="limits")
    doc = ingest(data, name, max_pages=config.max_pages, ocr=config.ocr)
    reference = reference_date(doc, config)
    nlp = parser(config.model)
    # A large document, or one after the vocabulary has grown past a bound, runs in a memory zone
    # whose interned strings are freed when it ends, so a long-running worker's memory stays bounded;
    # small ones skip the zone, whose per-document lexemes and uncached tokenizer cost ~8% of spaCy
    # (Parser.document_zone). The record holds plain Python values only.
    with nlp.document_zone(doc):
        analysis = nlp.analyze(doc)
        found = find_mentions(doc, analysis, reference[0])
        links = link(analysis, found.amounts, found.companies, found.countries, found.sectors, found.deadlines)
        return assemble(data, name, doc, analysis, found, links, reference, config)


def find_mentions(doc: Document, analysis: Analysis, reference: dt.date | None) -> Mentions:
    """Every mention of one parsed document: countries, amounts and percentages from the text,
    companies and sectors from the analysis (a sector phrase inside a company or public-body name is
    no evidence), deadlines resolved against `reference` and the document's fiscal country."""
    text = doc.text
    countries = find_countries(text)
    companies = find_companies(analysis, countries, outlet=doc.site_name)
    company_spans = [s for c in companies for s in c.mentions]
    amounts = find_amounts(text)
    return Mentions(
        countries=countries,
        amounts=amounts,
        percentages=find_percentages(text),
        companies=companies,
        sectors=find_sectors(analysis, exclude=company_spans + public_body_spans(text)),
        deadlines=find_deadlines(text, reference, fiscal_country=fiscal_country(countries), amounts=amounts),
    )

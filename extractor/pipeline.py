"""The one pure entry point: bytes and a name in, a Record out.

`extract_document(data, name, config)` touches no file, clock or global state besides the cached
spaCy pipeline, so the batch runner, the tests and any distributed engine (Dask, Ray) call it the
same way. It only sequences the stages, each in its own module:

    bytes -> ingest.ingest -> Document -> Parser.analyze -> Analysis -> find_mentions -> Mentions
          -> link.link -> [Link] -> assemble.assemble -> Record

`extract_documents(items, config)` gives the same records for many documents, parsing the block pieces
of several together (a piece's parse depends on its text alone; text repeated across them is parsed once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from extractor.assemble import assemble
from extractor.config import ExtractConfig
from extractor.errors import ExtractorError
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

__all__ = ["extract_document", "extract_documents", "find_mentions"]

BATCH_DOCUMENTS = 16  # documents whose pieces extract_documents parses in one nlp.pipe


def extract_document(data: bytes, name: str, config: ExtractConfig = ExtractConfig()) -> Record:
    """The Record of one document: `data` (its bytes, any supported format) read as `name` (its file
    name: the extension is a format hint, and the record's `document.source`) under `config`.
    Raises an ExtractorError subclass (an IngestError with a code and a stage) for a document that
    cannot be read; never depends on the clock, the machine or what was extracted before."""
    (result,) = _extract_batch([(data, name)], config)
    if isinstance(result, Exception):
        raise result
    return result


def extract_documents(
    items: Iterable[tuple[bytes, str]], config: ExtractConfig = ExtractConfig(), batch: int = BATCH_DOCUMENTS
) -> Iterator[Record | ExtractorError]:
    """`extract_document` of every (data, name) in `items`, in order, with the block pieces of up to
    `batch` documents parsed by spaCy together and a text repeated across them parsed once (measured no
    faster than one at a time on the benchmark archive). Each result is the Record extract_document
    gives, byte for byte, or the ExtractorError it raises (tests/test_independence.py)."""
    chunk: list[tuple[bytes, str]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch:
            yield from _extract_batch(chunk, config)
            chunk = []
    if chunk:
        yield from _extract_batch(chunk, config)


def _extract_batch(items: list[tuple[bytes, str]], config: ExtractConfig) -> list[Record | ExtractorError]:
    results: list[Record | ExtractorError | None] = [None] * len(items)
    ready: list[tuple[int, Document, tuple]] = []
    for i, (data, name) in enumerate(items):
        try:
            if len(data) > config.max_bytes:
                raise IngestError("too_large", f"{len(data)} bytes, limit is {config.max_bytes}", stage="limits")
            doc = ingest(data, name, max_pages=config.max_pages, ocr=config.ocr)
            ready.append((i, doc, reference_date(doc, config)))
        except ExtractorError as e:
            results[i] = e
    if ready:
        nlp = parser(config.model)
        # Large documents, or any after the vocabulary has grown past a bound, run in a memory zone whose
        # interned strings are freed when it ends, so a long-running worker's memory stays bounded; small
        # ones skip the zone, whose per-document lexemes and uncached tokenizer cost ~8% of spaCy
        # (Parser.documents_zone). Records hold plain Python values only.
        with nlp.documents_zone([doc for _, doc, _ in ready]):
            analyses = nlp.analyze_many([doc for _, doc, _ in ready])
            for (i, doc, reference), analysis in zip(ready, analyses):
                data, name = items[i]
                try:
                    found = find_mentions(doc, analysis, reference[0])
                    links = link(
                        analysis, found.amounts, found.companies, found.countries, found.sectors, found.deadlines
                    )
                    results[i] = assemble(data, name, doc, analysis, found, links, reference, config)
                except ExtractorError as e:
                    results[i] = e
    return [r for r in results if r is not None]


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

"""What a document's relative expressions resolve against: its reference date and fiscal country.

"within 10 days" and "by the end of next year" need a date: the document's own (its published date,
else a dated line such as "As of March 3, 2026"), else the --reference-date option;
--force-reference-date puts the option first. A fiscal year ("FY2026") needs a country: the one the
document names most. Neither ever comes from the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

from extractor.config import ExtractConfig
from extractor.dates import parse_date
from extractor.extract.mentions import CountryMention
from extractor.ingest import Document
from extractor.ingest.metadata import DATE_LITERAL
from extractor.models import ReferenceSource
from extractor.resources import alternation, load_json

# "As of March 3, 2026", "Date of issue: 3 March 2026": a line that dates the document.
_AS_OF = re.compile(
    rf"\b(?:{alternation(load_json('documents.json')['reference_date_labels'])}):?\s+(?:on\s+)?"
    rf"(?P<date>{DATE_LITERAL.pattern})"
)


def reference_date(doc: Document, config: ExtractConfig) -> tuple[dt.date | None, ReferenceSource | None]:
    """The date relative expressions resolve against and where it came from, or (None, None): the
    document's published date or dated line, else the option (--reference-date is a fallback);
    --force-reference-date puts the option first."""
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


def fiscal_country(countries: Iterable[CountryMention]) -> str | None:
    """The country the document names most (ties: the first named), whose fiscal year 'FY2026' means."""
    counts = Counter(c.code for c in countries)
    return max(counts, key=lambda k: counts[k]) if counts else None

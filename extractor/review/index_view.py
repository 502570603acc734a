"""The values index.html shows: one row per record with its counts per field and the countries,
sectors and companies its filters offer, the column types its sorting uses, and the failed documents.
"""

from __future__ import annotations

from extractor.review.highlights import _items
from extractor.review.layout import FIELDS, page_href

COLUMNS = [
    ("document", "text"),
    ("title", "text"),
    ("format", "text"),
    ("published", "text"),
    *((f, "number") for f in FIELDS),
    ("text", "text"),
    ("companies", "text"),
]


def index_context(records: dict[str, dict], errors: list[dict]) -> dict:
    rows, totals = [], [0] * len(FIELDS)
    options: dict[str, set] = {"countries": set(), "sectors": set(), "companies": set()}
    for name, record in records.items():
        doc = record.get("document") or {}
        counts = [len(record.get(f) or []) for f in FIELDS]
        totals = [t + n for t, n in zip(totals, counts)]
        countries = sorted({str(c.get("code")) for c in _items(record, "countries") if c.get("code")})
        sectors = sorted({str(s.get("sector")) for s in _items(record, "sectors") if s.get("sector")})
        companies = sorted(
            {
                str(c.get("canonical") or c.get("name"))
                for c in _items(record, "companies")
                if c.get("canonical") or c.get("name")
            }
        )
        for key, values in (("countries", countries), ("sectors", sectors), ("companies", companies)):
            options[key].update(values)
        names = [str(c.get("name")) for c in _items(record, "companies") if c.get("name")]
        search = " ".join([name, str(doc.get("title") or ""), *countries, *sectors, *companies, *names]).lower()
        rows.append(
            {
                "name": name,
                "href": page_href(name),
                "title": doc.get("title"),
                "format": doc.get("format"),
                "published": doc.get("published"),
                "counts": counts,
                "has_text": isinstance(record.get("text"), str),
                "fields": [f for f, n in zip(FIELDS, counts) if n],
                "countries": countries,
                "sectors": sectors,
                "companies": companies,
                "search": search,
            }
        )
    errors = [
        {k: (None if e.get(k) is None else str(e.get(k))) for k in ("file", "error_type", "stage", "message")}
        for e in errors
    ]
    return {
        "page_title": "Extraction review",
        "rows": rows,
        "totals": totals,
        "errors": errors,
        "fields": FIELDS,
        "columns": [{"name": n, "type": t} for n, t in COLUMNS],
        "options": {k: sorted(v) for k, v in options.items()},
        "without_text": sum(1 for r in rows if not r["has_text"]),
    }

"""The values document.html shows for one record: its facts, counts, tables and highlighted text.

document_context turns a record into plain values (rows, links, counts) for the template, which
holds all markup and escapes every value; the highlighted text comes from text_html.render_text as
ready markup. Each table row links to its evidence in the text, and each highlight back to its row.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from markupsafe import Markup

from extractor.review.highlights import COLORS, KINDS, _items, collect_highlights
from extractor.review.layout import FIELDS
from extractor.review.numbers import plain_number
from extractor.review.text_html import render_text


def num(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float) and v.is_integer():
        return f"{int(v):,}"
    if isinstance(v, (int, float)):
        return plain_number(v)
    return str(v)


def row_target(label: str, amount_row: dict[int, str]) -> str:
    """The table row a highlight links back to: `company-2.3` -> `row-company-2`; an amount that is a
    commitment's goes to the commitment's row (commitments come first on the page)."""
    base = re.sub(r"\.c\d+$", "", label)
    kind, _, rest = base.partition("-")
    i = rest.split(".")[0]
    if kind == "amount" and i.isdigit() and int(i) in amount_row:
        return amount_row[int(i)]
    return f"row-{kind}-{i}"


def document_context(name: str, record: dict, index_href: str) -> dict:
    doc = record.get("document") or {}
    stored = record.get("text")
    text = stored if isinstance(stored, str) else None
    has_text = text is not None
    highlights, problems, links = collect_highlights(record, text) if text is not None else ([], [], {})
    drawn = {h.label for h in highlights}

    def href(label: str, fallback: Optional[str] = None) -> Optional[str]:
        return f"#{label}" if label in drawn else (f"#{fallback}" if fallback else None)

    amounts = _items(record, "amounts")
    amount_index = {tuple(a["span"]): i for i, a in enumerate(amounts, 1) if isinstance(a.get("span"), list)}
    commitments: list[dict[str, Any]] = []
    amount_row: dict[int, str] = {}  # amount row number -> id of the first commitment row on that amount
    for i, c in enumerate(_items(record, "commitments"), 1):
        a = c.get("amount") or {}
        row_i = amount_index.get(tuple(c.get("span") or ()))
        if row_i:
            amount_row.setdefault(row_i, f"row-commitment-{i}")
        target = links.get(i)
        roles = {r.get("name"): r.get("role") for r in c.get("company_roles") or [] if isinstance(r, dict)}
        p = c.get("part_of")
        part_of = (p + 1 if isinstance(p, int) and not isinstance(p, bool) else "part") if p is not None else None
        commitments.append(
            {
                "i": i,
                "text": a.get("text"),
                "href": href(target, f"row-amount-{row_i}" if row_i else None)
                if target
                else (f"#row-amount-{row_i}" if row_i else None),
                "value": num(a.get("value")),
                "currency": a.get("currency"),
                "qualifier": a.get("qualifier"),
                "companies": [(n, roles.get(n)) for n in c.get("companies") or []],
                "countries": c.get("countries") or [],
                "sectors": c.get("sectors") or [],
                "deadline": c.get("deadline"),
                "deadline_text": c.get("deadline_text"),
                "is_total": bool(c.get("is_total")),
                "part_of": part_of,
                "page": c.get("page"),
                "sentence": c.get("sentence"),
            }
        )

    text_html = ""
    if text is not None:
        if isinstance(doc.get("characters"), int) and doc["characters"] != len(text):
            problems.insert(
                0, f"the record says the text has {doc['characters']} characters; the stored text has {len(text)}"
            )
        text_html = Markup(render_text(text, highlights, lambda label: row_target(label, amount_row)))

    ref = doc.get("reference_date")
    if ref and doc.get("reference_date_source"):
        ref = f"{ref} (from {doc.get('reference_date_source')})"
    title = doc.get("title") or name

    def mention_links(prefix: str, mentions: list) -> list[tuple[int, Optional[str]]]:
        return [(m, href(f"{prefix}.{m}")) for m in range(1, len(mentions) + 1)]

    pages = lambda items: any(x.get("page") is not None for x in items)  # noqa: E731
    pcts, dls = _items(record, "percentages"), _items(record, "deadlines")
    return {
        "page_title": f"{title} - review",
        "title": title,
        "index_href": index_href,
        "has_text": has_text,
        "meta": [
            ("record", name + ".json"),
            ("source", doc.get("source")),
            ("format", doc.get("format")),
            ("encoding", doc.get("encoding")),
            ("published", doc.get("published")),
            ("reference date", ref),
            ("pages", doc.get("pages")),
            ("characters", doc.get("characters")),
            ("extractor version", record.get("extractor_version")),
            ("id", doc.get("id")),
        ],
        "counts": [(f, len(record.get(f) or [])) for f in FIELDS],
        "warnings": record.get("warnings") or [],
        "notices": [
            {"code": n.get("code"), "message": n.get("message"), "page": n.get("page")}
            for n in record.get("notices") or []
            if isinstance(n, dict)
        ],
        "problems": problems,
        "text_html": text_html,
        "legend": [(k, COLORS[k]) for k in KINDS[:-1]],
        "commitments": commitments,
        "commitments_page": pages(_items(record, "commitments")),
        "amounts": [
            {
                "i": i,
                "href": href(f"amount-{i}"),
                "text": a.get("text"),
                "value": num(a.get("value")),
                "currency": a.get("currency"),
                "qualifier": a.get("qualifier"),
                "min": num(a.get("min")),
                "max": num(a.get("max")),
                "page": a.get("page"),
                "sentence": a.get("sentence"),
            }
            for i, a in enumerate(amounts, 1)
        ],
        "amounts_page": pages(amounts),
        "percentages": [
            {
                "i": i,
                "href": href(f"percentage-{i}"),
                "text": p.get("text"),
                "value": num(p.get("value")),
                "page": p.get("page"),
            }
            for i, p in enumerate(pcts, 1)
        ],
        "percentages_page": pages(pcts),
        "companies": [
            {
                "i": i,
                "name": c.get("name"),
                "canonical": c.get("canonical"),
                "country": c.get("country"),
                "mentions": mention_links(f"company-{i}", c.get("mentions") or []),
                "sentence": c.get("sentence"),
            }
            for i, c in enumerate(_items(record, "companies"), 1)
        ],
        "deadlines": [
            {
                "i": i,
                "href": href(f"deadline-{i}"),
                "text": d.get("text"),
                "kind": d.get("kind"),
                "date": d.get("date"),
                "duration": d.get("duration"),
                "page": d.get("page"),
                "sentence": d.get("sentence"),
            }
            for i, d in enumerate(dls, 1)
        ],
        "deadlines_page": pages(dls),
        "countries": [
            {
                "i": i,
                "code": c.get("code"),
                "name": c.get("name"),
                "mentions": mention_links(f"country-{i}", c.get("mentions") or []),
            }
            for i, c in enumerate(_items(record, "countries"), 1)
        ],
        "sectors": [
            {
                "i": i,
                "sector": s.get("sector"),
                "evidence": [str(x) for x in s.get("evidence") or []],
                "mentions": mention_links(f"sector-{i}", s.get("mentions") or []),
            }
            for i, s in enumerate(_items(record, "sectors"), 1)
        ],
    }

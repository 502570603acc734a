"""`extractor report OUT --html DIR`: a static dashboard of the deals in OUT.

The records are collected into a temporary SQLite database (collect.py) and read back from it, so
the dashboard counts exactly what `extractor collect` stores: deals, not mentions. A total is never
added to its parts: a deal counts in a bucket (a country, a sector, a company) unless a deal it is
part of already counts there. Charts are inline SVG drawn from the template, every bar and dot is
a link, and every figure leads to the review page (written beside it, DIR/review/) and the row of
the commitment it came from, which shows the sentence. No script, font or style sheet from elsewhere.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from extractor.review import load_records
from extractor.review.html import page_href
from extractor.serialize import write_atomic
from extractor.tracker.collect import collect, read_errors

SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "KRW": "₩"}
MAIN_CURRENCY = "USD"
TOP = 15


def money(value, currency: str | None) -> str:
    """$1.2 trillion, £150 billion, $500 million, ¥80 trillion."""
    if value is None:
        return ""
    sign = SYMBOLS.get(currency or "", f"{currency} " if currency else "")
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            n = value / size
            text = f"{n:.2f}".rstrip("0").rstrip(".") if n < 100 else f"{n:,.0f}"
            return f"{sign}{text} {word}"
    return f"{sign}{value:,.0f}"


@dataclass
class Source:
    commitment: str
    document: str
    title: str
    amount_text: str
    sentence: str
    page: int | None
    href: str


@dataclass
class Deal:
    id: str
    anchor: str
    currency: str
    value: float
    amount_text: str
    is_total: bool
    part_of: str | None
    companies: list[str]
    countries: list[str]
    sectors: list[str]
    deadline: str | None
    sources: list[Source] = field(default_factory=list)

    @property
    def money(self) -> str:
        return money(self.value, self.currency)

    @property
    def href(self) -> str:
        return self.sources[0].href


@dataclass
class Bucket:
    key: str
    label: str
    anchor: str
    deals: list[Deal] = field(default_factory=list)
    totals: dict[str, float] = field(default_factory=dict)

    @property
    def main(self) -> float:
        return self.totals.get(MAIN_CURRENCY, 0)

    @property
    def others(self) -> str:
        return ", ".join(money(v, c) for c, v in sorted(self.totals.items()) if c != MAIN_CURRENCY)


def load_deals(conn: sqlite3.Connection, review: str) -> list[Deal]:
    """Every deal with its sources, largest first (value, then id), in the main currency first."""
    docs = {r[0]: r[1] for r in conn.execute("SELECT id, title FROM documents")}
    sources: dict[str, list[Source]] = {}
    for deal_id, cid, doc, idx, text, sentence, page in conn.execute(
        "SELECT s.deal_id, c.id, c.document_id, c.idx, c.amount_text, c.sentence, c.page FROM deal_sources s "
        "JOIN commitments c ON c.id = s.commitment_id ORDER BY c.document_id, c.idx"
    ):
        href = f"{review}/{page_href(doc)}#row-commitment-{idx + 1}"
        sources.setdefault(deal_id, []).append(Source(cid, doc, docs.get(doc) or doc, text, sentence or "", page, href))
    deals = []
    for i, row in enumerate(
        conn.execute(
            "SELECT id, currency, value, amount_text, is_total, part_of, companies, countries, sectors, deadline "
            "FROM deals ORDER BY currency != ?, value DESC, id",
            (MAIN_CURRENCY,),
        )
    ):
        deals.append(
            Deal(
                row[0],
                f"deal-{i + 1}",
                row[1],
                row[2],
                row[3],
                bool(row[4]),
                row[5],
                json.loads(row[6]),
                json.loads(row[7]),
                json.loads(row[8]),
                row[9],
                sources.get(row[0], []),
            )
        )
    return deals


def buckets(deals: list[Deal], keys, label, prefix: str) -> list[Bucket]:
    """Deals by bucket, a deal counted unless a deal it is part of counts in the same bucket; largest first."""
    by_id = {d.id: d for d in deals}

    def ancestors(d: Deal):
        seen = set()
        while d.part_of and d.part_of in by_id and d.part_of not in seen:
            seen.add(d.part_of)
            d = by_id[d.part_of]
            yield d

    found: dict[str, Bucket] = {}
    for d in deals:
        for k in keys(d):
            if any(k in keys(a) for a in ancestors(d)):
                continue
            b = found.setdefault(k, Bucket(k, label(k), f"{prefix}-{len(found) + 1}"))
            b.deals.append(d)
            b.totals[d.currency] = b.totals.get(d.currency, 0) + (d.value or 0)
    ordered = sorted(found.values(), key=lambda b: (-b.main, -len(b.deals), b.label))
    for i, b in enumerate(ordered, 1):
        b.anchor = f"{prefix}-{i}"
    return ordered


def bar_chart(items: list[Bucket], width: int = 1000) -> dict:
    """Geometry of a horizontal bar chart of the main-currency totals (drawn by the template)."""
    rows = [b for b in items if b.main > 0][:TOP]
    top = max((b.main for b in rows), default=0) or 1
    label_w, value_w, row_h = 240, 120, 24
    span = width - label_w - value_w
    bars = [
        {
            "y": i * row_h,
            "w": max(2, round(span * b.main / top)),
            "label": b.label,
            "href": "#" + b.anchor,
            "value": money(b.main, MAIN_CURRENCY),
            "deals": len(b.deals),
        }
        for i, b in enumerate(rows)
    ]
    return {"width": width, "height": max(row_h, len(rows) * row_h), "label_w": label_w, "row_h": row_h, "bars": bars}


def timeline(deals: list[Deal], width: int = 1000) -> dict:
    """Deadlines of the deals as dots on a time axis, in lanes so none overlap."""
    dated = sorted((d for d in deals if d.deadline), key=lambda d: (d.deadline, d.id))
    if not dated:
        return {"dots": [], "ticks": [], "width": width, "height": 0, "rows": []}
    # every dated deal has a deadline; the `if` says so to mypy
    days = [date.fromisoformat(d.deadline).toordinal() for d in dated if d.deadline]
    first_year, last_year = date.fromordinal(min(days)).year, date.fromordinal(max(days)).year + 1
    lo, hi = date(first_year, 1, 1).toordinal(), date(last_year, 1, 1).toordinal()
    left, right, lane_h = 20, width - 20, 18
    x = lambda day: round(left + (right - left) * (day - lo) / (hi - lo), 1)  # noqa: E731
    lanes: list[float] = []
    dots = []
    for d, day in zip(dated, days):
        px = x(day)
        lane = next((i for i, end in enumerate(lanes) if end + 12 <= px), None)
        if lane is None:
            lanes.append(px)
            lane = len(lanes) - 1
        else:
            lanes[lane] = px
        who = ", ".join(d.companies) or ", ".join(d.countries) or ", ".join(d.sectors) or "deal"
        dots.append({"x": px, "y": 30 + lane * lane_h, "href": d.href, "title": f"{d.deadline}: {d.money} ({who})"})
    ticks = [{"x": x(date(y, 1, 1).toordinal()), "year": y} for y in range(first_year, last_year + 1)]
    return {"dots": dots, "ticks": ticks, "width": width, "height": 40 + len(lanes) * lane_h, "rows": dated}


def country_names(conn: sqlite3.Connection) -> dict[str, str]:
    return {code: name for code, name in conn.execute("SELECT code, name FROM countries")}


def build_report(out_dir, site_dir) -> str:
    """Write DIR/index.html (the dashboard) and DIR/review/ (the review site it links to)."""
    from extractor.review.html import build_site

    out_dir, site_dir = Path(out_dir), Path(site_dir)
    records = load_records(out_dir)
    errors = read_errors(out_dir)
    with tempfile.TemporaryDirectory(prefix="extractor-report-") as tmp:
        db = Path(tmp) / "deals.sqlite"
        collect(out_dir, db)
        conn = sqlite3.connect(db)
        try:
            deals = load_deals(conn, "review")
            names = country_names(conn)
            counts = {
                t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "commitments", "deals", "failed_documents")
            }
        finally:
            conn.close()
    build_site(records, site_dir / "review", errors=errors)
    by_country = buckets(deals, lambda d: d.countries, lambda k: f"{names.get(k, k)} ({k})", "country")
    by_sector = buckets(deals, lambda d: d.sectors, lambda k: k.replace("_", " "), "sector")
    by_company = buckets(deals, lambda d: d.companies, lambda k: k, "company")
    top_level: dict[str, float] = {}
    for d in deals:
        if d.part_of is None:
            top_level[d.currency] = top_level.get(d.currency, 0) + (d.value or 0)
    largest = [d for d in deals if d.currency == MAIN_CURRENCY][:25]
    html = render(
        "report.html",
        counts=counts,
        errors=errors,
        deals=deals,
        largest=largest,
        totals=[money(v, c) for c, v in sorted(top_level.items(), key=lambda x: x[0] != MAIN_CURRENCY)],
        groups=[
            ("country", "Countries", by_country, bar_chart(by_country)),
            ("sector", "Sectors", by_sector, bar_chart(by_sector)),
            ("company", "Companies", by_company, bar_chart(by_company)),
        ],
        timeline=timeline(deals),
        by_id={d.id: d for d in deals},
        main=MAIN_CURRENCY,
    )
    write_atomic(site_dir / "index.html", html)
    return (
        f"{counts['deals']} deals from {counts['commitments']} commitments in {counts['documents']} documents"
        f" ({counts['failed_documents']} failed) -> {site_dir / 'index.html'}"
    )


def render(template: str, **context) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("extractor.tracker", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["money"] = lambda v, c=MAIN_CURRENCY: money(v, c)
    return env.get_template(template).render(**context)

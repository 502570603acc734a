"""Deals from the database: the commitments as `deals.Item`s, grouped, as rows of `deals` and
`deal_sources` (collect.py writes only the rows that differ)."""

from __future__ import annotations

import sqlite3

from extractor.tracker.deals import Item, deal_rows, default_rules, group


def items_from_db(conn: sqlite3.Connection) -> list[Item]:
    links: dict[str, dict[str, set[str]]] = {}  # commitment id -> Item field -> its values
    from extractor.extract.companies.kb import name_key

    for cid, canonical, name, home in conn.execute(
        "SELECT l.commitment_id, c.canonical, c.id, c.country FROM commitment_companies l "
        "JOIN companies c ON c.id = l.company_id"
    ):
        extra = links.setdefault(cid, {})
        extra.setdefault("companies", set()).add(canonical or name_key(name) or name)
        extra.setdefault("company_ids", set()).add(name)
        if home:
            extra.setdefault("homes", set()).add(home)
    for table, col, key in (
        ("commitment_countries", "country", "countries"),
        ("commitment_sectors", "sector", "sectors"),
    ):
        for cid, v in conn.execute(f"SELECT commitment_id, {col} FROM {table}"):
            links.setdefault(cid, {}).setdefault(key, set()).add(v)
    doc_countries: dict[str, set[str]] = {}
    for doc, code in conn.execute("SELECT document_id, country FROM country_mentions"):
        doc_countries.setdefault(doc, set()).add(code)
    items: list[Item] = []
    for cid, doc, idx, text, value, currency, qualifier, mn, mx, is_total, part_of, deadline in conn.execute(
        "SELECT id, document_id, idx, amount_text, value, currency, qualifier, min, max, "
        "is_total, part_of, deadline FROM commitments WHERE value IS NOT NULL"
    ):
        sets = {k: frozenset(v) for k, v in links.get(cid, {}).items()}
        own_countries = sets.get("countries", frozenset())
        items.append(
            Item(
                cid,
                doc,
                idx,
                text,
                value,
                currency,
                qualifier,
                mn,
                mx,
                bool(is_total),
                part_of,
                deadline,
                companies=sets.get("companies", frozenset()),
                countries=own_countries or frozenset(doc_countries.get(doc, ())),
                own_countries=own_countries,
                homes=sets.get("homes", frozenset()),
                company_ids=sets.get("company_ids", frozenset()),
                sectors=sets.get("sectors", frozenset()),
            )
        )
    return items


def deal_tables(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple]]:
    """(deals rows, deal_sources rows) for every commitment in the database. A commitment that
    restates another in a second currency joins that one's deal as a source after grouping (it is
    not matched, and it never gives the deal its value)."""
    rules = default_rules()
    items = items_from_db(conn)
    restated = dict(conn.execute("SELECT id, equivalent_of FROM commitments WHERE equivalent_of IS NOT NULL"))
    groups = group([m for m in items if m.id not in restated], rules)
    home = {m.id: g for g in groups for m in g}
    for m in items:
        if m.id in restated and restated[m.id] in home:
            home[restated[m.id]].append(m)
        elif m.id in restated:
            groups.append([m])
    sources = sorted((m.id, "deal:" + g[0].id) for g in groups for m in g)
    return deal_rows(groups, rules), sources

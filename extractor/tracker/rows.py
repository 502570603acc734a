"""One record as the rows of the deal database: documents, amounts, companies and their mentions,
deadlines, sectors, countries, commitments and their links, each with its evidence."""

from __future__ import annotations

import json
from functools import lru_cache

#: Tables one document owns, in the order rows are written (parents first).
DOCUMENT_TABLES = (
    "documents",
    "amounts",
    "company_mentions",
    "deadlines",
    "sector_mentions",
    "country_mentions",
    "commitments",
    "commitment_companies",
    "commitment_countries",
    "commitment_sectors",
)
_INT64 = 2**63 - 1


def num(v):
    """A JSON number as SQLite can hold it (integers past 64 bits become floats); anything else is null."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v) if isinstance(v, int) and abs(v) > _INT64 else v


def _span(item) -> tuple:
    s = item.get("span") if isinstance(item, dict) else item
    if isinstance(s, (list, tuple)) and len(s) == 2:
        return s[0], s[1]
    return None, None


def _list(record: dict, key: str) -> list[dict]:
    return [x for x in (record.get(key) or []) if isinstance(x, dict)]


def document_rows(name: str, record: dict, record_sha: str) -> dict[str, list[tuple]]:
    """Every row one record gives, by table (DOCUMENT_TABLES), plus the companies and countries it names."""
    doc = record["document"]
    d = name
    rows: dict[str, list[tuple]] = {t: [] for t in (*DOCUMENT_TABLES, "companies", "countries")}
    rows["documents"].append(
        (
            d,
            doc.get("source") or name,
            doc.get("id") or "",
            record_sha,
            doc.get("format"),
            doc.get("encoding"),
            doc.get("title"),
            doc.get("published"),
            doc.get("reference_date"),
            doc.get("reference_date_source"),
            doc.get("pages"),
            doc.get("characters"),
            record.get("extractor_version"),
            json.dumps(record.get("warnings") or [], ensure_ascii=False),
        )
    )
    for i, c in enumerate(_list(record, "countries")):
        rows["countries"].append((c.get("code"), c.get("name") or c.get("code")))
        mentions = c.get("mentions") or []
        rows["country_mentions"].append(
            (f"{d}#country-{i}", d, c.get("code"), len(mentions), *_span(mentions[0] if mentions else None))
        )
    amounts_at: dict[tuple, dict] = {}  # span -> the first amount there
    for i, a in enumerate(_list(record, "amounts")):
        amounts_at.setdefault(_span(a), a)
        rows["amounts"].append(
            (
                f"{d}#amount-{i}",
                d,
                i,
                a.get("text") or "",
                num(a.get("value")),
                a.get("currency"),
                a.get("qualifier"),
                num(a.get("min")),
                num(a.get("max")),
                *_span(a),
                a.get("page"),
                a.get("sentence"),
            )
        )
    company_id = {}
    for i, c in enumerate(_list(record, "companies")):
        cid = c.get("canonical") or c.get("name")
        company_id[c.get("name")] = cid
        rows["companies"].append((cid, c.get("canonical") or c.get("name"), c.get("canonical"), c.get("country")))
        for m, span in enumerate(c.get("mentions") or []):
            rows["company_mentions"].append(
                (
                    f"{d}#company-{i}.{m}",
                    d,
                    cid,
                    i,
                    m,
                    c.get("name"),
                    *_span(span),
                    None,
                    c.get("sentence") if m == 0 else None,
                )
            )
    for i, x in enumerate(_list(record, "deadlines")):
        rows["deadlines"].append(
            (
                f"{d}#deadline-{i}",
                d,
                i,
                x.get("text") or "",
                x.get("kind"),
                x.get("date"),
                x.get("duration"),
                *_span(x),
                x.get("page"),
                x.get("sentence"),
            )
        )
    for i, s in enumerate(_list(record, "sectors")):
        mentions = s.get("mentions") or []
        rows["sector_mentions"].append(
            (
                f"{d}#sector-{i}",
                d,
                s.get("sector"),
                json.dumps(s.get("evidence") or [], ensure_ascii=False),
                len(mentions),
                *_span(mentions[0] if mentions else None),
            )
        )
    commitments = _list(record, "commitments")
    for i, c in enumerate(commitments):
        cid = f"{d}#commitment-{i}"
        a = c.get("amount") or {}
        whole = amounts_at.get(_span(c), {})

        def ref(p, i=i):
            ok = isinstance(p, int) and not isinstance(p, bool) and 0 <= p < len(commitments) and p != i
            return f"{d}#commitment-{p}" if ok else None

        part_of, equivalent_of = ref(c.get("part_of")), ref(c.get("equivalent_of"))
        rows["commitments"].append(
            (
                cid,
                d,
                i,
                a.get("text") or "",
                num(a.get("value")),
                a.get("currency"),
                a.get("qualifier"),
                num(whole.get("min")),
                num(whole.get("max")),
                c.get("deadline"),
                c.get("deadline_text"),
                int(bool(c.get("is_total"))),
                part_of,
                c.get("context"),
                *_span(c),
                c.get("page"),
                c.get("sentence"),
                json.dumps(c.get("mentions") or []),
                equivalent_of,
            )
        )
        roles = {r.get("name"): r for r in c.get("company_roles") or [] if isinstance(r, dict)}
        seen = set()
        for n in c.get("companies") or []:
            comp = company_id.get(n) or n
            if comp in seen:
                continue
            seen.add(comp)
            if n not in company_id:
                rows["companies"].append((comp, comp, None, None))
            r = roles.get(n, {})
            rows["commitment_companies"].append((cid, comp, d, n, r.get("role"), r.get("cue")))
        for code in dict.fromkeys(c.get("countries") or []):
            rows["countries"].append((code, code))
            rows["commitment_countries"].append((cid, code, d))
        for s in dict.fromkeys(c.get("sectors") or []):
            rows["commitment_sectors"].append((cid, s, d))
    return rows


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from extractor.resources import load_json

    return {c["code"]: c["name"] for c in load_json("countries.json")["countries"]}

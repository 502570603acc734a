"""A static review site for an output folder: index.html plus one page per record.

Pages open from the file system (file://): no server, no scripts, no fonts or style sheets from
elsewhere; the CSS sits in each page. The document's text is drawn with spaCy's displacy
(style="span", which stacks overlapping spans: a country inside a company name, a sector phrase
inside either) from the record's `text` field, which `extractor extract --keep-text` stores.
Without it the page says so and lists the items without highlighting.

How the text is fed to displacy: the "span" style wants tokens and token-indexed spans, and
joins tokens with a space. Each line of the text becomes one displacy document whose tokens are
the stretches between span boundaries (whitespace at a span's edge split off), so a span without
another span inside it is one highlight element wrapping exactly its text. A marker appended to
every token removes displacy's joining space again (the text is shown as it is, `white-space:
pre-wrap`), and a second marker in the token template receives the names of the spans that cover
the token (`data-spans`), which tests and reviewers can select on. Every span's label is unique
and is the `id` of its label element, so tables link to their evidence (`#amount-3`).
"""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

from extractor.review.diff import plain_number
from extractor.serialize import write_atomic

GENERATOR = "extractor review"
GLUE = "\x1f"   # appended to every token; "GLUE + space" (displacy's joiner) is removed after rendering
SLOT = "\x1e"   # in the token template; replaced by the token's data-spans attributes
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

KINDS = ("amount", "percentage", "deadline", "company", "country", "sector", "commitment")
COLORS = {
    "amount": "#f4b400", "percentage": "#ff7aa2", "deadline": "#a77bff", "company": "#29c5c5",
    "country": "#5b9cff", "sector": "#6cc26c", "commitment": "#9e9e9e",
}
TINTS = {
    "amount": "#fff1c2", "percentage": "#ffe0ea", "deadline": "#eee5ff", "company": "#d8f6f6",
    "country": "#e1edff", "sector": "#e3f5e3", "commitment": "#eeeeee",
}

TEMPLATES = {
    "span": '<span class="hl"' + SLOT + ' style="height: {total_height}px">{text}{span_slices}{span_starts}</span>',
    "slice": '<span class="sl" style="background: {bg}; top: {top_offset}px"></span>',
    "start": '<span class="st" style="background: {bg}; top: {top_offset}px">'
             '<span class="lb" id="{label}" style="background: {bg}"></span></span>',
}

FIELDS = ("countries", "amounts", "percentages", "companies", "deadlines", "sectors", "commitments", "warnings")


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    label: str      # unique on the page; the id of its label element
    kind: str       # one of KINDS
    title: str      # what it is, for the hover text


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


# --- spans -----------------------------------------------------------------------------------

def _valid(span, n: int) -> Optional[tuple[int, int]]:
    if (isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) and not isinstance(x, bool)
                                                                   for x in span)
            and 0 <= span[0] < span[1] <= n):
        return span[0], span[1]
    return None


def collect_highlights(record: dict, text: str) -> tuple[list[Highlight], list[str], dict[int, str]]:
    """All spans of a record as highlights, the problems found (bad spans), and for each
    commitment index the label of the highlight its table row links to."""
    n = len(text)
    out: list[Highlight] = []
    problems: list[str] = []

    def add(span, label, kind, title, expected=None):
        ok = _valid(span, n)
        if ok is None:
            problems.append(f"{label} ({title}): span {span!r} is not inside the text ({n} characters); not shown")
            return False
        if expected is not None and text[ok[0]:ok[1]] != expected:
            problems.append(f"{label}: the text at span {list(ok)} is {text[ok[0]:ok[1]]!r}, "
                            f"the record says {expected!r}")
        out.append(Highlight(ok[0], ok[1], label, kind, title))
        return True

    amount_at: dict[tuple[int, int], str] = {}
    for i, a in enumerate(_items(record, "amounts"), 1):
        label = f"amount-{i}"
        if add(a.get("span"), label, "amount", f"amount {a.get('text')}", a.get("text")):
            amount_at.setdefault(tuple(a["span"]), label)
    for i, p in enumerate(_items(record, "percentages"), 1):
        add(p.get("span"), f"percentage-{i}", "percentage", f"percentage {p.get('text')}", p.get("text"))
    for i, d in enumerate(_items(record, "deadlines"), 1):
        add(d.get("span"), f"deadline-{i}", "deadline", f"deadline {d.get('text')}", d.get("text"))
    for i, c in enumerate(_items(record, "companies"), 1):
        for m, span in enumerate(c.get("mentions") or [], 1):
            add(span, f"company-{i}.{m}", "company", f"company {c.get('name')}")
    for i, c in enumerate(_items(record, "countries"), 1):
        for m, span in enumerate(c.get("mentions") or [], 1):
            add(span, f"country-{i}.{m}", "country", f"country {c.get('name')} ({c.get('code')})")
    for i, s in enumerate(_items(record, "sectors"), 1):
        for m, span in enumerate(s.get("mentions") or [], 1):
            add(span, f"sector-{i}.{m}", "sector", f"sector {s.get('sector')}")
    links: dict[int, str] = {}
    for i, c in enumerate(_items(record, "commitments"), 1):
        span = _valid(c.get("span"), n)
        amount = c.get("amount") or {}
        if span is not None and span in amount_at:
            links[i] = amount_at[span]
        elif add(c.get("span"), f"commitment-{i}", "commitment", f"commitment {amount.get('text')}",
                 amount.get("text")):
            links[i] = f"commitment-{i}"
    out.sort(key=lambda h: (h.start, -h.end, KINDS.index(h.kind), h.label))
    return out, problems, links


def _items(record: dict, name: str) -> list[dict]:
    return [x for x in (record.get(name) or []) if isinstance(x, dict)]


def render_text(text: str, highlights: list[Highlight]) -> str:
    """The text with every highlight drawn by displacy (style="span"), one displacy document per line."""
    from spacy import displacy

    text = _CONTROL.sub("\ufffd", text.replace("\r", " "))
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    line_ends = [s - 1 for s in line_starts[1:]] + [len(text)]
    per_line: list[list[tuple[int, int, str, Highlight]]] = [[] for _ in line_starts]
    colors: dict[str, str] = {}
    for h in highlights:
        first = bisect.bisect_right(line_starts, h.start) - 1
        part = 0
        for li in range(first, len(line_starts)):
            ls, le = line_starts[li], line_ends[li]
            if ls >= h.end:
                break
            s, t = max(h.start, ls), min(h.end, le)
            while s < t and text[s].isspace():
                s += 1
            while t > s and text[t - 1].isspace():
                t -= 1
            if s >= t:
                continue
            label = h.label if part == 0 else f"{h.label}.c{part}"
            part += 1
            colors[label] = COLORS[h.kind]
            per_line[li].append((s, t, label, h))

    docs = []
    covered: list[list[Highlight]] = []     # per templated token, in order: the highlights covering it
    for li, parts in enumerate(per_line):
        ls, le = line_starts[li], line_ends[li]
        bounds = sorted({ls, le, *(p[0] for p in parts), *(p[1] for p in parts)})
        tokens: list[tuple[int, int]] = []
        for a, b in zip(bounds, bounds[1:]):
            tokens.extend(_split_edges(text, a, b))
        index = {s: i for i, (s, _) in enumerate(tokens)}
        spans = []
        for s, t, label, h in parts:
            spans.append({"start_token": index[s], "end_token": index.get(t, len(tokens)), "label": label,
                          "highlight": h})
        for i, (s, t) in enumerate(tokens):
            if text[s:t].strip():
                over = [sp["highlight"] for sp in spans if sp["start_token"] <= i < sp["end_token"]]
                if over:
                    covered.append(sorted(over, key=lambda h: (h.start, -h.end, h.label)))
        docs.append({"text": text[ls:le], "tokens": [text[s:t] + GLUE for s, t in tokens],
                     "spans": [{k: v for k, v in sp.items() if k != "highlight"} for sp in spans],
                     "settings": {"lang": "en", "direction": "ltr"}})

    markup = displacy.render(docs, style="span", manual=True, page=False, jupyter=False, minify=False,
                             options={"colors": colors, "template": TEMPLATES})
    pieces = markup.split(SLOT)
    if len(pieces) != len(covered) + 1:
        raise RuntimeError(f"displacy drew {len(pieces) - 1} highlighted tokens, expected {len(covered)}")
    out = [pieces[0]]
    for over, piece in zip(covered, pieces[1:]):
        kinds = " ".join(dict.fromkeys(h.kind for h in over))
        out.append(f' data-spans="{e(" ".join(h.label for h in over))}" data-kinds="{e(kinds)}"'
                   f' title="{e("; ".join(h.title for h in over))}"')
        out.append(piece)
    return "".join(out).replace(GLUE + " ", "").replace(GLUE, "").strip()


def _split_edges(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """[a, b) as up to three tokens: leading whitespace, the rest, trailing whitespace."""
    s, t = a, b
    while s < t and text[s].isspace():
        s += 1
    while t > s and text[t - 1].isspace():
        t -= 1
    if s == t:
        return [(a, b)] if a < b else []
    return [r for r in ((a, s), (s, t), (t, b)) if r[0] < r[1]]


# --- pages -----------------------------------------------------------------------------------

CSS = """
body{font:16px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;margin:0 auto;
max-width:1100px;padding:1.5rem 2rem 4rem;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid #ddd}
h3{font-size:1rem;margin:1.2rem 0 .3rem}
a{color:#0b57d0}nav{font-size:.9rem}
table{border-collapse:collapse;font-size:.85rem;margin:.3rem 0}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.d{white-space:nowrap}tr.total td{font-weight:bold;background:#fafafa}
dl.meta{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:2px 12px;font-size:.85rem;
margin:.5rem 0}dl.meta dt{font-weight:bold;color:#555}dl.meta dd{margin:0;overflow-wrap:anywhere}
td.s{color:#555;font-size:.8rem;max-width:28rem}
.notice{background:#fff4e5;border:1px solid #f0b35b;padding:.6rem .8rem;border-radius:4px}
.problems li,.warnings li{color:#8a3b00}
.legend span{display:inline-block;margin-right:.8rem;font-size:.8rem}
.legend i{display:inline-block;width:1.2em;height:.6em;margin-right:.3em;border-radius:2px}
.muted{color:#777}.mentions a{margin-right:.25em}
.spans{line-height:2.5;white-space:pre-wrap;overflow-wrap:break-word}
.spans:empty{height:1em}
.hl{font-weight:bold;display:inline-block;position:relative;border-radius:2px}
.sl,.st{height:4px;left:-1px;width:calc(100% + 2px);position:absolute}
.st{border-top-left-radius:3px;border-bottom-left-radius:3px}
.lb{z-index:10;color:#000;top:-.5em;padding:2px 3px;position:absolute;font-size:.6em;font-weight:bold;
line-height:1;border-radius:3px;white-space:nowrap;scroll-margin-top:35vh}
.lb:target{outline:3px solid #d93025;outline-offset:1px}
.hl:has(.lb:target){outline:2px solid #d93025}
"""


def _kind_css() -> str:
    rules = [f'.lb[id^="{k}-"]::before{{content:"{k}"}}' for k in KINDS]
    # the later rule wins where kinds overlap: the narrower kinds last
    for k in ("commitment", "sector", "country", "company", "percentage", "deadline", "amount"):
        rules.append(f'.hl[data-kinds~="{k}"]{{background:linear-gradient({TINTS[k]},{TINTS[k]}) 0 7px/100% 26px '
                     'no-repeat}')
    return "\n".join(rules) + "\n"


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta name=\"generator\" content=\"{GENERATOR}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{e(title)}</title>\n<style>{CSS}{_kind_css()}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _num(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v).lower()
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float) and v.is_integer():
        return f"{int(v):,}"
    return plain_number(v)


def _legend() -> str:
    return '<p class="legend">' + "".join(
        f'<span><i style="background:{COLORS[k]}"></i>{k}</span>' for k in KINDS[:-1]) + "</p>"


class _Anchors:
    """Links from the tables to the highlights that were drawn (and to table rows otherwise)."""

    def __init__(self, labels: set[str]):
        self.labels = labels

    def link(self, label: str, content: str, fallback: Optional[str] = None) -> str:
        if label in self.labels:
            return f'<a href="#{e(label)}">{content}</a>'
        if fallback:
            return f'<a href="#{e(fallback)}">{content}</a>'
        return content


def _table(headers: list[str], rows: list[str], row_class: str = "") -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    return f"<table{row_class}><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


def _page_cell(item: dict, with_page: bool) -> str:
    return f'<td class="n">{e(item.get("page"))}</td>' if with_page else ""


def document_page(name: str, record: dict, index_href: str) -> str:
    doc = record.get("document") or {}
    text = record.get("text")
    has_text = isinstance(text, str)
    highlights, problems, links = collect_highlights(record, text) if has_text else ([], [], {})
    anchors = _Anchors({h.label for h in highlights})
    title = doc.get("title") or name
    parts = [f'<nav><a href="{e(index_href)}">&larr; All documents</a></nav>', f"<h1>{e(title)}</h1>"]

    ref = doc.get("reference_date")
    if ref and doc.get("reference_date_source"):
        ref = f"{ref} (from {doc.get('reference_date_source')})"
    meta = [("record", name + ".json"), ("source", doc.get("source")), ("format", doc.get("format")),
            ("encoding", doc.get("encoding")), ("published", doc.get("published")), ("reference date", ref),
            ("pages", doc.get("pages")), ("characters", doc.get("characters")),
            ("extractor version", record.get("extractor_version")), ("id", doc.get("id"))]
    parts.append('<dl class="meta">' + "".join(
        f"<dt>{e(k)}</dt><dd>{e(v) if v is not None else '<span class=muted>none</span>'}</dd>"
        for k, v in meta) + "</dl>")
    counts = " &middot; ".join(f'<a href="#sec-{f}">{len(record.get(f) or [])} {f}</a>' for f in FIELDS)
    parts.append(f"<p>{counts}</p>")

    warnings = record.get("warnings") or []
    parts.append('<section id="sec-warnings"><h2>Warnings</h2>' + (
        '<ul class="warnings">' + "".join(f"<li>{e(w)}</li>" for w in warnings) + "</ul>"
        if warnings else '<p class="muted">No warnings.</p>') + "</section>")

    parts.append('<section id="sec-text"><h2>Text</h2>')
    if has_text:
        if isinstance(doc.get("characters"), int) and doc["characters"] != len(text):
            problems.insert(0, f"the record says the text has {doc['characters']} characters; "
                               f"the stored text has {len(text)}")
        if problems:
            parts.append('<div class="notice"><strong>Span problems</strong><ul class="problems">'
                         + "".join(f"<li>{e(p)}</li>" for p in problems) + "</ul></div>")
        parts.append(_legend())
        parts.append(f'<div class="text">{render_text(text, highlights)}</div>')
    else:
        parts.append('<p class="notice">This record does not hold its text, so the spans cannot be highlighted. '
                     'Rerun the extraction with <code>--keep-text</code> '
                     '(<code>extractor extract IN OUT --keep-text</code>) and then <code>extractor review OUT</code> '
                     'to see every item marked in the text. The items are listed below.</p>')
    parts.append("</section>")

    parts.append(_commitments(record, links, anchors))
    parts.append(_items_sections(record, anchors))
    return _page(f"{title} - review", "\n".join(parts))


def _commitments(record: dict, links: dict[int, str], anchors: _Anchors) -> str:
    items = _items(record, "commitments")
    if not items:
        return '<section id="sec-commitments"><h2>Commitments</h2><p class="muted">None.</p></section>'
    with_page = any(c.get("page") is not None for c in items)
    amount_rows = {tuple(a["span"]): i for i, a in enumerate(_items(record, "amounts"), 1)
                   if isinstance(a.get("span"), list)}
    rows = []
    for i, c in enumerate(items, 1):
        a = c.get("amount") or {}
        target = links.get(i)
        row_i = amount_rows.get(tuple(c.get("span") or ()))
        fallback = f"row-amount-{row_i}" if row_i else None
        amount = (anchors.link(target, e(a.get("text")), fallback) if target
                  else (f'<a href="#{fallback}">{e(a.get("text"))}</a>' if fallback else e(a.get("text"))))
        roles = {r.get("name"): r.get("role") for r in c.get("company_roles") or [] if isinstance(r, dict)}
        companies = "<br>".join(e(n) + (f' <span class="muted">({e(roles[n])})</span>' if roles.get(n) else "")
                                for n in c.get("companies") or [])
        deadline = e(c.get("deadline"))
        if c.get("deadline_text"):
            deadline += (" " if deadline else "") + f'<span class="muted">{e(c["deadline_text"])}</span>'
        flags = []
        if c.get("is_total"):
            flags.append("total")
        if c.get("part_of") is not None:
            p = c["part_of"]
            flags.append(f'part of <a href="#row-commitment-{p + 1}">#{p + 1}</a>' if isinstance(p, int) and
                         not isinstance(p, bool) else "part")
        rows.append(
            f'<tr id="row-commitment-{i}"><td class="n">{i}</td><td>{amount}</td>'
            f'<td class="n">{e(_num(a.get("value")))}</td><td>{e(a.get("currency"))}</td>'
            f'<td>{e(a.get("qualifier"))}</td><td>{companies}</td><td>{e(", ".join(c.get("countries") or []))}</td>'
            f'<td>{e(", ".join(c.get("sectors") or []))}</td><td>{deadline}</td><td>{" ".join(flags)}</td>'
            f'{_page_cell(c, with_page)}<td class="s">{e(c.get("sentence"))}</td></tr>')
    headers = ["#", "amount", "value", "currency", "qualifier", "companies", "countries", "sectors", "deadline",
               "", *(["page"] if with_page else []), "sentence"]
    return ('<section id="sec-commitments"><h2>Commitments</h2>'
            '<p class="muted">Each amount links to where it sits in the text.</p>'
            + _table(headers, rows) + "</section>")


def _mention_links(prefix: str, mentions: list, anchors: _Anchors) -> str:
    links = [anchors.link(f"{prefix}.{m}", str(m)) for m in range(1, len(mentions) + 1)]
    return f'<span class="mentions">{len(mentions)}: ' + " ".join(links) + "</span>" if mentions else "0"


def _items_sections(record: dict, anchors: _Anchors) -> str:
    out = []
    amounts = _items(record, "amounts")
    wp = any(a.get("page") is not None for a in amounts)
    rows = [f'<tr id="row-amount-{i}"><td class="n">{i}</td><td>{anchors.link(f"amount-{i}", e(a.get("text")))}</td>'
            f'<td class="n">{e(_num(a.get("value")))}</td><td>{e(a.get("currency"))}</td>'
            f'<td>{e(a.get("qualifier"))}</td><td class="n">{e(_num(a.get("min")))}</td>'
            f'<td class="n">{e(_num(a.get("max")))}</td>{_page_cell(a, wp)}<td class="s">{e(a.get("sentence"))}</td></tr>'
            for i, a in enumerate(amounts, 1)]
    out.append(_section("amounts", "Amounts", rows, ["#", "text", "value", "currency", "qualifier", "min", "max",
                                                      *(["page"] if wp else []), "sentence"]))
    pcts = _items(record, "percentages")
    wp = any(p.get("page") is not None for p in pcts)
    rows = [f'<tr><td class="n">{i}</td><td>{anchors.link(f"percentage-{i}", e(p.get("text")))}</td>'
            f'<td class="n">{e(_num(p.get("value")))}</td>{_page_cell(p, wp)}</tr>' for i, p in enumerate(pcts, 1)]
    out.append(_section("percentages", "Percentages", rows, ["#", "text", "value", *(["page"] if wp else [])]))
    rows = [f'<tr><td class="n">{i}</td><td>{e(c.get("name"))}</td>'
            f'<td>{_mention_links(f"company-{i}", c.get("mentions") or [], anchors)}</td>'
            f'<td class="s">{e(c.get("sentence"))}</td></tr>' for i, c in enumerate(_items(record, "companies"), 1)]
    out.append(_section("companies", "Companies", rows, ["#", "name", "mentions", "first sentence"]))
    dls = _items(record, "deadlines")
    wp = any(d.get("page") is not None for d in dls)
    rows = [f'<tr><td class="n">{i}</td><td>{anchors.link(f"deadline-{i}", e(d.get("text")))}</td>'
            f'<td>{e(d.get("kind"))}</td><td>{e(d.get("date"))}</td><td>{e(d.get("duration"))}</td>'
            f'{_page_cell(d, wp)}<td class="s">{e(d.get("sentence"))}</td></tr>' for i, d in enumerate(dls, 1)]
    out.append(_section("deadlines", "Deadlines", rows, ["#", "text", "kind", "date", "duration",
                                                          *(["page"] if wp else []), "sentence"]))
    rows = [f'<tr><td>{e(c.get("code"))}</td><td>{e(c.get("name"))}</td>'
            f'<td>{_mention_links(f"country-{i}", c.get("mentions") or [], anchors)}</td></tr>'
            for i, c in enumerate(_items(record, "countries"), 1)]
    out.append(_section("countries", "Countries", rows, ["code", "name", "mentions"]))
    rows = [f'<tr><td>{e(s.get("sector"))}</td><td>{e(", ".join(map(str, s.get("evidence") or [])))}</td>'
            f'<td>{_mention_links(f"sector-{i}", s.get("mentions") or [], anchors)}</td></tr>'
            for i, s in enumerate(_items(record, "sectors"), 1)]
    out.append(_section("sectors", "Sectors", rows, ["sector", "evidence", "mentions"]))
    return "\n".join(out)


def _section(fid: str, heading: str, rows: list[str], headers: list[str]) -> str:
    body = _table(headers, rows) if rows else '<p class="muted">None.</p>'
    return f'<section id="sec-{fid}"><h2>{e(heading)}</h2>{body}</section>'


def index_page(records: dict[str, dict]) -> str:
    rows = []
    totals = {f: 0 for f in FIELDS}
    for name, record in records.items():
        doc = record.get("document") or {}
        cells = []
        for f in FIELDS:
            n = len(record.get(f) or [])
            totals[f] += n
            cells.append(f'<td class="n">{n}</td>')
        has_text = "yes" if isinstance(record.get("text"), str) else '<span class="muted">no</span>'
        rows.append(f'<tr><td><a href="{e(page_href(name))}">{e(name)}</a></td><td>{e(doc.get("title"))}</td>'
                    f'<td>{e(doc.get("format"))}</td><td class="d">{e(doc.get("published"))}</td>{"".join(cells)}'
                    f'<td>{has_text}</td></tr>')
    rows.append(f'<tr class="total"><td>{len(records)} documents</td><td></td><td></td><td></td>'
                + "".join(f'<td class="n">{totals[f]}</td>' for f in FIELDS) + "<td></td></tr>")
    without = sum(1 for r in records.values() if not isinstance(r.get("text"), str))
    note = ""
    if without:
        note = (f'<p class="notice">{without} of {len(records)} records do not hold their text, so their pages '
                'cannot highlight the spans: rerun <code>extractor extract IN OUT --keep-text</code>.</p>')
    body = ("<h1>Extraction review</h1>"
            f"<p>{len(records)} records. Each document's page shows its text with every extracted item "
            "highlighted, its commitments and its warnings.</p>" + note
            + _table(["document", "title", "format", "published", *FIELDS, "text"], rows))
    return _page("Extraction review", body)


def page_path(name: str) -> str:
    """Where a record's page goes, relative to the site folder (in pages/, so no name can clash with index.html)."""
    return f"pages/{name}.html"


def page_href(name: str) -> str:
    return quote(page_path(name))


def build_site(records: dict[str, dict], site_dir: Path) -> list[Path]:
    """Write index.html and one page per record under `site_dir`; returns the files written.

    Pages an earlier run wrote for records that are gone are deleted (only files carrying this
    generator's mark, so nothing else in the folder is touched).
    """
    site_dir = Path(site_dir)
    written = []
    for name, record in records.items():
        rel = page_path(name)
        depth = rel.count("/")
        path = site_dir / rel
        write_atomic(path, document_page(name, record, "../" * depth + "index.html"))
        written.append(path)
    index = site_dir / "index.html"
    write_atomic(index, index_page(records))
    written.append(index)
    _remove_stale(site_dir, set(written))
    return written


def _remove_stale(site_dir: Path, keep: set[Path]) -> None:
    mark = f'<meta name="generator" content="{GENERATOR}">'.encode()
    for path in sorted(site_dir.rglob("*.html")):
        if path in keep or not path.is_file():
            continue
        try:
            with open(path, "rb") as f:
                head = f.read(400)
        except OSError:
            continue
        if mark in head:
            path.unlink()

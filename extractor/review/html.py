"""A static review site for an output folder: index.html plus one page per record.

Pages open from the file system (file://): no server, no fonts, scripts or style sheets from
elsewhere; the CSS sits in each page, and the index carries one small inline script for its search
box, filters and sorting (without it the whole table shows). pages.py fills the Jinja2 templates
in templates/; this module draws the highlighted text and writes the site. The document's text is drawn with spaCy's displacy
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
and is the `id` of its label element, so tables link to their evidence (`#amount-3`); the label
element is itself a link back to the item's table row (`#row-commitment-1`).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

from extractor.serialize import write_atomic

GENERATOR = "extractor review"
GLUE = "\x1f"  # appended to every token; "GLUE + space" (displacy's joiner) is removed after rendering
SLOT = "\x1e"  # in the token template; replaced by the token's data-spans attributes
LINK = "\x1d"  # around a label in a link; replaced by the id of the table row the label links back to
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

KINDS = ("amount", "percentage", "deadline", "company", "country", "sector", "commitment")
COLORS = {
    "amount": "#f4b400",
    "percentage": "#ff7aa2",
    "deadline": "#a77bff",
    "company": "#29c5c5",
    "country": "#5b9cff",
    "sector": "#6cc26c",
    "commitment": "#9e9e9e",
}
TINTS = {
    "amount": "#fff1c2",
    "percentage": "#ffe0ea",
    "deadline": "#eee5ff",
    "company": "#d8f6f6",
    "country": "#e1edff",
    "sector": "#e3f5e3",
    "commitment": "#eeeeee",
}

TEMPLATES = {
    "span": '<span class="hl"' + SLOT + ' style="height: {total_height}px">{text}{span_slices}{span_starts}</span>',
    "slice": '<span class="sl" style="background: {bg}; top: {top_offset}px"></span>',
    "start": '<span class="st" style="background: {bg}; top: {top_offset}px">'
    '<a class="lb" id="{label}" href="#' + LINK + "{label}" + LINK + '" style="background: {bg}"></a></span>',
}

FIELDS = ("countries", "amounts", "percentages", "companies", "deadlines", "sectors", "commitments", "warnings")


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    label: str  # unique on the page; the id of its label element
    kind: str  # one of KINDS
    title: str  # what it is, for the hover text


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


# --- spans -----------------------------------------------------------------------------------


def _valid(span, n: int) -> Optional[tuple[int, int]]:
    if (
        isinstance(span, (list, tuple))
        and len(span) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
        and 0 <= span[0] < span[1] <= n
    ):
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
        if expected is not None and text[ok[0] : ok[1]] != expected:
            problems.append(
                f"{label}: the text at span {list(ok)} is {text[ok[0] : ok[1]]!r}, the record says {expected!r}"
            )
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
        elif add(
            c.get("span"), f"commitment-{i}", "commitment", f"commitment {amount.get('text')}", amount.get("text")
        ):
            links[i] = f"commitment-{i}"
    out.sort(key=lambda h: (h.start, -h.end, KINDS.index(h.kind), h.label))
    return out, problems, links


def _items(record: dict, name: str) -> list[dict]:
    return [x for x in (record.get(name) or []) if isinstance(x, dict)]


def render_text(text: str, highlights: list[Highlight], row_of: Optional[Callable[[str], str]] = None) -> str:
    """The text with every highlight drawn by displacy (style="span"), one displacy document per line.

    Each highlight's label is a link back to its row in the tables: `row_of(label)` names the row's
    id (without it, the label links to itself)."""
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
    covered: list[list[Highlight]] = []  # per templated token, in order: the highlights covering it
    for li, parts in enumerate(per_line):
        ls, le = line_starts[li], line_ends[li]
        bounds = sorted({ls, le, *(p[0] for p in parts), *(p[1] for p in parts)})
        tokens: list[tuple[int, int]] = []
        for a, b in zip(bounds, bounds[1:]):
            tokens.extend(_split_edges(text, a, b))
        index = {s: i for i, (s, _) in enumerate(tokens)}
        spans = [(index[s], index.get(t, len(tokens)), label, h) for s, t, label, h in parts]  # token-indexed
        for i, (s, t) in enumerate(tokens):
            if text[s:t].strip():
                over = [h for a, b, _, h in spans if a <= i < b]
                if over:
                    covered.append(sorted(over, key=lambda h: (h.start, -h.end, h.label)))
        docs.append(
            {
                "text": text[ls:le],
                "tokens": [text[s:t] + GLUE for s, t in tokens],
                "spans": [{"start_token": a, "end_token": b, "label": label} for a, b, label, _ in spans],
                "settings": {"lang": "en", "direction": "ltr"},
            }
        )

    markup = displacy.render(
        docs,
        style="span",
        manual=True,
        page=False,
        jupyter=False,
        minify=False,
        options={"colors": colors, "template": TEMPLATES},
    )
    pieces = markup.split(SLOT)
    if len(pieces) != len(covered) + 1:
        raise RuntimeError(f"displacy drew {len(pieces) - 1} highlighted tokens, expected {len(covered)}")
    out = [pieces[0]]
    for over, piece in zip(covered, pieces[1:]):
        kinds = " ".join(dict.fromkeys(h.kind for h in over))
        out.append(
            f' data-spans="{e(" ".join(h.label for h in over))}" data-kinds="{e(kinds)}"'
            f' title="{e("; ".join(h.title for h in over))}"'
        )
        out.append(piece)
    markup = "".join(out).replace(GLUE + " ", "").replace(GLUE, "").strip()
    return re.sub(LINK + "([^" + LINK + '"]*)' + LINK, lambda m: e((row_of or str)(m.group(1))), markup)


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


# --- pages (drawn by pages.py from the templates in extractor/review/templates/) ----------------


def document_page(name: str, record: dict, index_href: str) -> str:
    from extractor.review.pages import document_page as page

    return page(name, record, index_href)


def index_page(records: dict[str, dict], errors: Optional[list[dict]] = None) -> str:
    from extractor.review.pages import index_page as page

    return page(records, errors)


def page_path(name: str) -> str:
    """Where a record's page goes, relative to the site folder (in pages/, so no name can clash with index.html)."""
    return f"pages/{name}.html"


def page_href(name: str) -> str:
    return quote(page_path(name))


def build_site(records: dict[str, dict], site_dir: Path, errors: Optional[list[dict]] = None) -> list[Path]:
    """Write index.html and one page per record under `site_dir`; returns the files written.

    `errors` are the failed documents of the run (OUT/.extractor/errors.jsonl lines), listed on the
    index with their reason.

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
    write_atomic(index, index_page(records, errors))
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

"""What the document page highlights: every span of a record as a Highlight, with its kind's colours.

collect_highlights reads the record's items (amounts, percentages, deadlines, company, country and
sector mentions, commitments), checks each span against the stored text and gives every highlight
a label unique on the page (`amount-3`, `company-2.1`); text_html.render_text draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

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


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    label: str  # unique on the page; the id of its label element
    kind: str  # one of KINDS
    title: str  # what it is, for the hover text


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

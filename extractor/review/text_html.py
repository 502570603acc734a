"""The document's text as HTML with its highlights, drawn by spaCy's displacy.

displacy's style="span" stacks overlapping spans (a country inside a company name, a sector phrase
inside either). The text comes from the record's `text` field, which `extractor extract
--keep-text` stores; the highlights from highlights.collect_highlights.

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
from typing import Any, Optional

from extractor.review.highlights import COLORS, Highlight

GLUE = "\x1f"  # appended to every token; "GLUE + space" (displacy's joiner) is removed after rendering
SLOT = "\x1e"  # in the token template; replaced by the token's data-spans attributes
LINK = "\x1d"  # around a label in a link; replaced by the id of the table row the label links back to
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

TEMPLATES = {
    "span": '<span class="hl"' + SLOT + ' style="height: {total_height}px">{text}{span_slices}{span_starts}</span>',
    "slice": '<span class="sl" style="background: {bg}; top: {top_offset}px"></span>',
    "start": '<span class="st" style="background: {bg}; top: {top_offset}px">'
    '<a class="lb" id="{label}" href="#' + LINK + "{label}" + LINK + '" style="background: {bg}"></a></span>',
}


def e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


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

"""Title and publication date found in a document's own lines (for formats without metadata)."""

from __future__ import annotations

import re

from extractor.dates import parse_date
from extractor.ingest.document import Block
from extractor.resources import alternation, load_json

_RULES = load_json("documents.json")


def _alt(key: str) -> str:
    return alternation(_RULES[key])


# Month names of deadlines.json, capitalized, each with an optional period ("Oct.").
_MONTH = rf"(?:{alternation(m.capitalize() for m in load_json('deadlines.json')['months'])})\.?"
DATE_LITERAL = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"
)
# A line that dates the document: "Published March 3, 2026", "WASHINGTON, Oct. 28, 2025 —", "Updated: ...".
_DATELINE = re.compile(
    rf"^(?:(?:{_alt('dateline_labels')})\s*(?:on)?:?\s*|[A-Z][A-Z .,'-]{{2,40}}[,—–-]\s*|(?:{_alt('weekdays')}),?\s+)?"
    rf"(?P<date>{DATE_LITERAL.pattern})",
    re.I,
)
# Share-button residue: "FacebookTwitterLinkedIn", "Facebook Twitter Email Print".
_SHARE_WORD = rf"(?:{_alt('share_words')})"
_JUNK_TITLE = re.compile(rf"^(?:{_SHARE_WORD}[\s|/:,·•-]*){{2,}}$", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of letters: "MARKETS / ASIA" has two
_NO_END = re.compile(r"[^.!?:;,]$")  # a title does not end like a sentence or a lead-in ("two parts:")
_NOT_TITLE = re.compile(rf"^(?:(?:{_alt('byline_cues')})\s|(?:{_alt('not_title_starts')})\b)|\||\s[>›»/]\s", re.I)
# Not the headline: a letterhead (the issuing body or state), a masthead (the newsletter's name and
# issue) or a series label ("Policy Brief No. 26-04", "Issue 47").
_LETTERHEAD = re.compile(
    rf"^(?:The\s+)?(?:(?:{_alt('letterhead_bodies')})\s+(?:of|for)\b[^:]*$"
    rf"|(?:{_alt('letterhead_states')})\s+of\s+\w+(?:\s\w+)?$|(?:{_alt('letterhead_names')})$)",
    re.I,
)
_MASTHEAD = re.compile(
    rf"[—–|-]\s*(?:The\s+)?(?:{_alt('masthead_periodicals')})\b"
    rf"|\b(?:{_alt('masthead_words')})\b|^(?:{_alt('issue_labels')})\s*\d|\b(?:{_alt('series_labels')})\s*\d"
    rf"|^(?:(?:{_alt('document_kind_modifiers')})\s+)?(?:{_alt('document_kinds')})$",
    re.I,
)


def guess_title(text: str, blocks: list[Block]) -> str | None:
    """The headline: the first heading-like line near the top (a long headline may read as a
    paragraph) that is not a letterhead, masthead, series label, byline or dateline."""
    for b in blocks[:8]:
        line = text[b.start : b.end].strip()
        if (
            b.kind in ("heading", "paragraph")
            and 3 <= len(_WORD.findall(line))
            and len(line.split()) <= 30
            and _NO_END.search(line)
            and not _JUNK_TITLE.match(line)
            and not _NOT_TITLE.search(line)
            and not DATE_LITERAL.search(line)
            and not _LETTERHEAD.match(line)
            and not _MASTHEAD.search(line)
        ):
            return line
    return None


def find_dateline_date(text: str, blocks: list[Block], first: int = 12) -> str | None:
    """Publication date from a dateline among the first blocks, as an ISO date."""
    for b in blocks[:first]:
        line = text[b.start : b.end].strip()
        m = _DATELINE.match(line)
        if m and (len(line) < 60 or m.start("date") < 40):
            d, granularity = parse_date(m.group("date"))
            if d and granularity == "day":
                return d.isoformat()
    return None

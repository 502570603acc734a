"""Title and publication date found in a document's own lines (for formats without metadata)."""

from __future__ import annotations

import re

from extractor.dates import parse_date
from extractor.ingest.document import Block

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE_LITERAL = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"
)
# A line that dates the document: "Published March 3, 2026", "WASHINGTON, Oct. 28, 2025 —", "Updated: ...".
_DATELINE = re.compile(
    rf"^(?:(?:Published|Posted|Updated|Released|Date(?:\s+of\s+issue)?|Issued|Dated|Compiled|Release\s+date|For\s+release)\s*(?:on)?:?\s*|[A-Z][A-Z .,'-]{{2,40}}[,—–-]\s*|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?P<date>{DATE_LITERAL.pattern})",
    re.I,
)
# Share-button residue: "FacebookTwitterLinkedIn", "Facebook Twitter Email Print".
_SHARE_WORD = (
    r"(?:Share|Facebook|Twitter|X|LinkedIn|E-?mail|Mail|Print|WhatsApp|Reddit|Pinterest|Telegram|Tweet|Copy|Link|Save)"
)
_JUNK_TITLE = re.compile(rf"^(?:{_SHARE_WORD}[\s|/:,·•-]*){{2,}}$", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of letters: "MARKETS / ASIA" has two
_NO_END = re.compile(r"[^.!?:;,]$")  # a title does not end like a sentence or a lead-in ("two parts:")
_NOT_TITLE = re.compile(
    r"^(?:By\s|Share\b|Posted\b|Published\b|Updated\b|Home\b|Menu\b|(?:Media\s+)?Contacts?\b|Tel\b|Phone\b)"
    r"|\||\s[>›»/]\s",
    re.I,
)
# Not the headline: a letterhead (the issuing body or state), a masthead (the newsletter's name and
# issue) or a series label ("Policy Brief No. 26-04", "Issue 47").
_LETTERHEAD = re.compile(
    r"^(?:The\s+)?(?:(?:Ministry|Department|Office|Embassy|Consulate|Agency|Bureau|Secretariat|Government|Cabinet"
    r"|Permanent\s+Mission)\s+(?:of|for)\b[^:]*$|(?:Republic|Kingdom|State|Commonwealth|Federation)\s+of\s+\w+(?:\s\w+)?$"
    r"|White\s+House$)",
    re.I,
)
_MASTHEAD = re.compile(
    r"[—–|-]\s*(?:The\s+)?(?:Weekly|Daily|Monthly|Morning|Evening|Quarterly)\b"
    r"|\b(?:Newsletter|Bulletin|Digest)\b|^(?:Issue|Vol(?:ume)?\.?)\s*\d|\bNo\.\s*\d"
    r"|^(?:joint\s+)?(?:fact\s+sheet|press\s+release|news\s+release|statement|briefing\s+note"
    r"|media\s+advisory|memorandum|readout)$",
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

"""HTML pages: block-aware text without page chrome, title and published date from metadata.

libxml2's HTML parser (through lxml, always named explicitly) reads the page; `html_walk.PageReader`
turns its events into blocks and metadata in one pass, without building a tree (so memory grows
with nesting depth only, and text nested 10,000 levels deep is kept).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from lxml import etree

from extractor.dates import iso_prefix, parse_date
from extractor.ingest.decode import decode
from extractor.ingest.document import Document, Notice
from extractor.ingest.html_choose import choose
from extractor.ingest.html_walk import PageReader
from extractor.resources import load_json

PARSER = "lxml"  # libxml2's HTML parser, through lxml's parser-target interface
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


@lru_cache(maxsize=1)
def _rules() -> dict:
    rules = load_json("html.json")
    words = "|".join(re.escape(w) for w in rules["clutter_words"])
    # a word that begins a class or id name ('sidebar', 'share-buttons'), never one inside a longer
    # name: 'no-sidebar', 'has-paywall' or 'category-social-media' name the article's own container
    rules["clutter_re"] = re.compile(rf"(?:^|\s)(?:{words})(?:$|[\s_-])", re.I)
    return rules


def _is_clutter(tag: str, attrs: dict, in_content: bool) -> bool:
    rules = _rules()
    if tag in rules["drop_tags"]:
        return True
    if tag in rules["page_chrome_tags"] and not in_content:
        return True
    if not attrs:
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    names = " ".join([attrs.get("class") or "", attrs.get("id") or "", attrs.get("role") or ""])
    return bool(names.strip()) and rules["clutter_re"].search(names) is not None


def _json_ld_dates(page: PageReader):
    for script in page.json_ld:
        try:
            data = json.loads(script or "")
        except (ValueError, TypeError):
            continue
        queue = [data]
        while queue:
            item = queue.pop(0)
            if isinstance(item, list):
                queue.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("datePublished"), str):
                    yield item["datePublished"]
                queue.extend(v for v in item.values() if isinstance(v, (list, dict)))


def _published(page: PageReader) -> str | None:
    candidates = []
    value = page.meta_content(*_rules()["published_meta"])
    if value:
        candidates.append(value)
    candidates.extend(_json_ld_dates(page))
    if page.time is not None:
        candidates.append(page.time)
    for value in candidates:
        iso = iso_prefix(value)
        if iso:
            return iso
        d, granularity = parse_date(value[:60])
        if d and granularity == "day":
            return d.isoformat()
    return None


def _title(page: PageReader) -> str | None:
    og = page.meta_content(*_rules()["title_meta"])
    if og:
        return " ".join(og.split())
    if page.title and page.title.strip():
        return " ".join(page.title.split())
    if page.h1 is not None:
        return page.h1 or None
    return None


def _strip_site(title: str | None, site: str | None) -> str | None:
    """'Fact Sheet: ... | Briefings & Statements' -> 'Fact Sheet: ...'."""
    if title and site:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip() or title
    return title


def read_html(data: bytes, name: str) -> Document:
    """A Document from an HTML page's bytes: the main text without navigation, share bars and other
    clutter, as headings, paragraphs, list items and table rows; title, published date and site name
    from the page's metadata."""
    m = _META_CHARSET.search(data[:4096])
    notes: list[Notice] = []
    text, encoding = decode(data, declared=m.group(1).decode("ascii", "ignore") if m else None, warnings=notes)
    reader = PageReader(_rules(), _is_clutter)
    parser = etree.HTMLParser(target=reader, recover=True, encoding=None)
    try:
        parser.feed(text)
        parser.close()
    except etree.LxmlError:  # libxml2 found nothing to parse: keep what was read
        reader.close()
    published = _published(reader)
    dates: list[str] = []
    out = choose(text, reader, notes, dates if published is None else None)
    doc = Document(text=out.text(), blocks=out.blocks, format="html", encoding=encoding, warnings=notes)
    doc.site_name = reader.meta_content(*_rules()["site_name_meta"])
    doc.title = _strip_site(_title(reader), doc.site_name)
    if doc.title is None or (doc.site_name and doc.title.casefold() == doc.site_name.casefold()):
        # no title, or only the masthead's: the page's <h1>, else the main text's first heading
        doc.title = reader.h1 or next((doc.text[b.start : b.end] for b in doc.blocks if b.kind == "heading"), doc.title)
    doc.published = published or (dates[0] if dates else None)
    return doc

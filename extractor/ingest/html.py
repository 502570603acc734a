"""HTML pages: block-aware text without page chrome, title and published date from metadata.

The tree is walked with an explicit stack (no recursion), so text nested
10,000 levels deep is kept. BeautifulSoup always gets a named parser.
"""
from __future__ import annotations

import json
import re
import warnings
from functools import lru_cache

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Tag, XMLParsedAsHTMLWarning

from extractor.dates import iso_prefix, parse_date
from extractor.ingest.decode import decode
from extractor.ingest.document import Document, TextBuilder
from extractor.resources import load_json

PARSER = "lxml"
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "footer", "blockquote", "pre", "figure",
               "figcaption", "caption", "address", "dl", "dt", "dd", "ul", "ol", "li", "table", "thead",
               "tbody", "tfoot", "hr", "body", "center", "details", "summary", *_HEADINGS}
_SKIP_STRINGS = (Comment, Doctype, ProcessingInstruction)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


@lru_cache(maxsize=1)
def _rules() -> dict:
    rules = load_json("html.json")
    words = "|".join(re.escape(w) for w in rules["clutter_words"])
    rules["clutter_re"] = re.compile(rf"(?:^|[\s_-])(?:{words})(?:$|[\s_-])", re.I)
    return rules


def _is_clutter(tag: Tag, rules: dict, in_content: bool) -> bool:
    if tag.name in rules["drop_tags"]:
        return True
    if tag.name in rules["page_chrome_tags"] and not in_content:
        return True
    attrs = tag.attrs or {}
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    names = " ".join([*(attrs.get("class") or []), attrs.get("id") or "", attrs.get("role") or ""])
    return bool(names.strip()) and rules["clutter_re"].search(names) is not None


def _cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def _walk(body: Tag, out: TextBuilder) -> None:
    rules = _rules()
    buffer: list[str] = []
    kind_stack: list[tuple[str, int]] = [("paragraph", 0)]
    header: tuple[str, ...] = ()

    def flush() -> None:
        if buffer:
            kind, level = kind_stack[-1]
            out.add("".join(buffer), kind, level=level)  # type: ignore[arg-type]
            buffer.clear()

    # Stack entries: (iterator over children, tag, pushed_kind, entered_content)
    stack = [(iter(body.children), body, False, False)]
    list_depth = 0
    content_depth = 0
    thead_depth = 0  # open <thead> elements above: their rows are header rows
    while stack:
        children, tag, pushed, is_content = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if tag.name in _BLOCK_TAGS or tag.name == "br":
                flush()
            if pushed:
                kind_stack.pop()
            if tag.name in ("ul", "ol"):
                list_depth -= 1
            if tag.name == "table":
                header = ()
            if tag.name == "thead":
                thead_depth -= 1
            if is_content:
                content_depth -= 1
            continue
        if isinstance(child, NavigableString):
            if not isinstance(child, _SKIP_STRINGS):
                buffer.append(str(child))
            continue
        if not isinstance(child, Tag) or _is_clutter(child, rules, content_depth > 0):
            continue
        name = child.name
        if name == "br":
            buffer.append(" ")
            continue
        if name == "tr":
            flush()
            cells = [c for c in child.contents if isinstance(c, Tag) and c.name in ("td", "th")]
            texts = [_cell_text(c) for c in cells]
            if not any(texts):
                continue
            is_header = all(c.name == "th" for c in cells) or thead_depth > 0
            if is_header and not header:
                header = tuple(texts)
                out.add("", "table_header", cells=texts)  # header rows are text too
            else:
                out.add("", "table_row", cells=texts, header=header)
            continue
        if name in _BLOCK_TAGS:
            flush()
        pushed = False
        if name in _HEADINGS:
            kind_stack.append(("heading", _HEADINGS[name]))
            pushed = True
        elif name == "li":
            kind_stack.append(("list_item", max(list_depth - 1, 0)))
            pushed = True
        elif name in ("p", "dd", "dt", "blockquote", "figcaption", "caption"):
            kind_stack.append(("paragraph", 0))
            pushed = True
        if name in ("ul", "ol"):
            list_depth += 1
        if name == "thead":
            thead_depth += 1
        entering_content = name in rules["content_tags"]
        if entering_content:
            content_depth += 1
        stack.append((iter(child.children), child, pushed, entering_content))
    flush()


class _Index:
    """What the metadata needs, gathered in one pass over the whole tree (document order): the first
    <meta> per (property|name|itemprop, value), the JSON-LD scripts, the first <time datetime>,
    the first <title> and <h1>. Before this, each lookup was its own `find` over the tree."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.meta: dict[tuple[str, str], Tag] = {}
        self.json_ld: list[Tag] = []
        self.time: Tag | None = None
        self.title: Tag | None = None
        self.h1: Tag | None = None
        for el in soup.descendants:
            if not isinstance(el, Tag):
                continue
            name, attrs = el.name, el.attrs
            if name == "meta":
                for attr in ("property", "name", "itemprop"):
                    value = attrs.get(attr)
                    if isinstance(value, str):
                        self.meta.setdefault((attr, value), el)
            elif name == "script":
                if attrs.get("type") == "application/ld+json":
                    self.json_ld.append(el)
            elif name == "time":
                if self.time is None and attrs.get("datetime") is not None:
                    self.time = el
            elif name == "title":
                self.title = self.title or el
            elif name == "h1":
                self.h1 = self.h1 or el

    def meta_content(self, *keys: str) -> str | None:
        """The content of the first <meta> naming one of `keys` (in their order of preference)."""
        for key in keys:
            tag = self.meta.get(("property", key)) or self.meta.get(("name", key)) \
                or self.meta.get(("itemprop", key))
            if tag is not None:
                content = tag.get("content", "")
                if isinstance(content, str) and content.strip():
                    return content.strip()
        return None


def _json_ld_dates(index: _Index):
    for script in index.json_ld:
        try:
            data = json.loads(script.string or "")
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


def _published(index: _Index) -> str | None:
    candidates = []
    value = index.meta_content(*_rules()["published_meta"])
    if value:
        candidates.append(value)
    candidates.extend(_json_ld_dates(index))
    if index.time is not None:
        candidates.append(index.time["datetime"])
    for value in candidates:
        iso = iso_prefix(value)
        if iso:
            return iso
        d, granularity = parse_date(value[:60])
        if d and granularity == "day":
            return d.isoformat()
    return None


def _title(index: _Index) -> str | None:
    og = index.meta_content("og:title", "twitter:title")
    if og:
        return " ".join(og.split())
    title = index.title
    if title is not None and title.string and title.string.strip():
        return " ".join(title.string.split())
    if index.h1 is not None:
        text = " ".join(index.h1.get_text(" ").split())
        return text or None
    return None


def _strip_site(title: str | None, site: str | None) -> str | None:
    """'Fact Sheet: ... | Briefings & Statements' -> 'Fact Sheet: ...'."""
    if title and site:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip() or title
    return title


def read_html(data: bytes, name: str) -> Document:
    m = _META_CHARSET.search(data[:4096])
    notes: list[str] = []
    text, encoding = decode(data, declared=m.group(1).decode("ascii", "ignore") if m else None, warnings=notes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # XHTML is read as HTML on purpose
        soup = BeautifulSoup(text, PARSER)
    out = TextBuilder()
    _walk(soup.body or soup, out)
    doc = Document(text=out.text(), blocks=out.blocks, format="html", encoding=encoding, warnings=notes)
    index = _Index(soup)
    doc.site_name = index.meta_content("og:site_name", "application-name", "publisher")
    doc.title = _strip_site(_title(index), doc.site_name)
    doc.published = _published(index)
    return doc

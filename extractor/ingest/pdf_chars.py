"""pdfplumber's per-character object dicts, built without its generic attribute walk.

A page with drawn paths is read by pdfplumber (pdf.py), which turns every pdfminer object into a
dict (`Page.process_object`): for each of a character's ~17 attributes it calls `resolve_all`,
which only resolves PDF object references and containers; a character's numbers, strings and
flags come back as they are. That walk was most of the cost of such a page. `fast_chars(page)`
gives the one page a `process_object` that builds the same dict for an `LTChar` and leaves the
work to `resolve_all` only for a value that is not a plain number, string, flag or None; every
other kind of object still goes through pdfplumber's own method. The dicts are equal to
pdfplumber's, key order included (tests/test_pdf_chars.py compares them on every corpus PDF).
Written against pdfplumber 0.11.10 (the pinned version).
"""

from __future__ import annotations

from functools import lru_cache
from types import MethodType
from typing import Any
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar
from pdfplumber.page import ALL_ATTRS, Page, fix_fontname_bytes
from pdfplumber.table import Table
from pdfplumber.utils import extract_text, resolve_all, resolve_and_decode

_PLAIN = (float, int, str, bool, type(None))


def _value(v: Any) -> Any:
    """`resolve_all(v)`, without the call for a plain value or a tuple of plain values."""
    t = type(v)
    if t in _PLAIN:
        return v
    if t is tuple and all(type(x) in _PLAIN for x in v):
        return v  # resolve_all rebuilds an equal tuple
    return resolve_all(v)


@lru_cache(maxsize=256)
def _decoded_name(name: str) -> Any:
    """`resolve_and_decode` of a colour space's name (a str: the same result every time)."""
    return resolve_and_decode(name)


def _process_object(self: Page, obj: Any) -> dict[str, Any]:
    if type(obj) is not LTChar:
        return Page.process_object(self, obj)
    attr = {k: v if type(v) in _PLAIN else _value(v) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
    attr["object_type"] = "char"
    attr["page_number"] = self.page_number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            name = getattr(obj, cs).name
            attr[cs] = _decoded_name(name) if type(name) is str else resolve_and_decode(name)
    text = obj.get_text()
    attr["text"] = normalize_unicode(self.pdf.unicode_norm, text) if self.pdf.unicode_norm is not None else text
    gs = obj.graphicstate
    attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
    attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
    if isinstance(attr["fontname"], bytes):
        attr["fontname"] = fix_fontname_bytes(attr["fontname"])
    mb_x0, mb_top = self.mediabox[:2]
    if "y0" in attr:
        height = self.height
        attr["top"] = (height - attr["y1"]) + mb_top
        attr["bottom"] = (height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


def fast_chars(page: Page) -> Page:
    """`page` (one pdfplumber page) with the fast `process_object`; returns it."""
    page.process_object = MethodType(_process_object, page)  # type: ignore[method-assign]
    return page


def table_text(table: Table) -> list[list[str | None]]:
    """`table.extract()`, the same cells: each row's characters (centre inside the row's box), then
    each cell's among them, joined by pdfplumber's extract_text; only the centres are worked out
    once per character instead of once per row and cell, in one loop instead of a call each."""
    chars = table.page.chars
    centred = [(c, (c["top"] + c["bottom"]) / 2, (c["x0"] + c["x1"]) / 2) for c in chars]
    rows: list[list[str | None]] = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        row_chars = [t for t in centred if t[2] >= x0 and t[2] < x1 and t[1] >= top and t[1] < bottom]
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            inside = [c for c, v, h in row_chars if h >= cx0 and h < cx1 and v >= ctop and v < cbottom]
            cells.append(extract_text(inside) if inside else "")
        rows.append(cells)
    return rows

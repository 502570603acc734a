"""`extractor report OUT --html DIR`: totals by deal (a total never added to its parts), links to the
review pages that resolve, inline SVG, nothing from elsewhere."""

import copy
import re
from urllib.parse import unquote

from bs4 import BeautifulSoup
from click.testing import CliRunner
from test_review import make_record, write_out

from extractor.cli import cli
from extractor.tracker.report import money


def total_with_parts(source: str) -> dict:
    """A record whose first commitment ($10 billion, Japan) is a total of two parts."""
    rec = make_record(source)
    base = rec["commitments"][0]
    total = copy.deepcopy(base)
    total.update(is_total=True, companies=[], company_roles=[], sectors=[])
    total["amount"] = {"text": "$10 billion", "value": 10_000_000_000, "currency": "USD", "qualifier": "exact"}
    parts = []
    for value, firm in ((6_000_000_000, "SoftBank Group"), (4_000_000_000, "Japan Steel Works")):
        part = copy.deepcopy(base)
        part.update(part_of=0, companies=[firm], company_roles=[])
        part["amount"] = {"text": f"${value // 10**9} billion", "value": value, "currency": "USD", "qualifier": "exact"}
        parts.append(part)
    rec["commitments"] = [total, *parts]
    return rec


def build(tmp_path, records, errors=None):
    out = write_out(tmp_path / "out", records)
    if errors is not None:
        (out / ".extractor" / "errors.jsonl").write_text(errors, encoding="utf-8")
    site = tmp_path / "site"
    r = CliRunner().invoke(cli, ["report", str(out), "--html", str(site)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return site


def test_money():
    assert [
        money(v, c) for v, c in ((1.2e12, "USD"), (550e9, "USD"), (36.2e9, "GBP"), (5e8, "JPY"), (1234, "AUD"))
    ] == ["$1.2 trillion", "$550 billion", "£36.2 billion", "¥500 million", "AUD 1,234"]


def test_totals_count_deals_not_mentions_and_not_parts(tmp_path):
    records = {"a.txt": total_with_parts("a.txt"), "b.txt": total_with_parts("b.txt")}
    site = build(tmp_path, records)
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    rows = {
        tr.select("td")[0].get_text(): [td.get_text() for td in tr.select("td")]
        for tr in soup.select("#countries table.buckets tbody tr")
    }
    # two documents report the same total and parts: 3 deals; Japan counts the total once, not its parts
    assert rows["Japan (JPN)"][1:3] == ["1", "$10 billion"]
    companies = {
        tr.select("td")[0].get_text(): tr.select("td")[2].get_text()
        for tr in soup.select("#companies table.buckets tbody tr")
    }
    assert companies == {"SoftBank Group": "$6 billion", "Japan Steel Works": "$4 billion"}
    assert "3" in soup.select(".card b")[2].get_text()
    # the largest deal lists both sources with their sentences
    first = soup.select("#largest tbody tr")[0]
    assert first.select("td")[0].get_text().startswith("$10 billion")
    assert len(first.select("ul.src li")) == 2


def test_every_link_resolves_and_nothing_is_fetched(tmp_path):
    site = build(
        tmp_path,
        {"news/a.txt": make_record("news/a.txt"), "b.txt": total_with_parts("b.txt")},
        errors='{"file": "broken.pdf", "stage": "read", "error_type": "corrupt", "message": "bad xref"}\n',
    )
    html = (site / "index.html").read_text(encoding="utf-8")
    for bad in ("http://", "https://", "<link", "@import", "url(", "<script"):
        assert bad not in html, bad
    soup = BeautifulSoup(html, "lxml")
    assert soup.select("svg rect.bar") and soup.select("svg circle.dot")
    ids = {el["id"] for el in soup.select("[id]")}
    checked = 0
    for a in soup.select("a[href]"):
        href = a["href"]
        if href.startswith("#"):
            assert href[1:] in ids, href
            continue
        path, _, frag = href.partition("#")
        target = site / unquote(path)
        assert target.is_file(), href
        if frag:
            page = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
            assert page.find(id=frag) is not None, href
            if frag.startswith("row-commitment-"):
                assert page.find(id=frag).select_one("td.s").get_text()  # the sentence
            checked += 1
    assert checked > 5
    assert "1 document failed" in soup.get_text()
    index = BeautifulSoup((site / "review" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert (
        "broken.pdf" in index.select_one("#failed").get_text() and "corrupt" in index.select_one("#failed").get_text()
    )
    # deterministic
    again = build(
        tmp_path / "again",
        {"news/a.txt": make_record("news/a.txt"), "b.txt": total_with_parts("b.txt")},
        errors='{"file": "broken.pdf", "stage": "read", "error_type": "corrupt", "message": "bad xref"}\n',
    )
    assert (again / "index.html").read_bytes() == (site / "index.html").read_bytes()
    assert re.search(r'<svg role="img"', html)

"""The HTML reader's main-text selection: trafilatura's blocks, our walk where it finds too little,
the figures on ../shared/eval/html, and records that depend on nothing but the bytes."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.ingest import ingest
from extractor.ingest.html_choose import MAX_ELEMENTS

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "html"

PARA = (
    "The ministry said the programme would run for five years and cover grid upgrades, storage "
    "and transmission lines across the northern provinces, with the first tenders due next spring."
)
ARTICLE = f"""<!doctype html><html><head><title>Grid Deal Signed | Daily Wire</title>
<meta name="description" content="A standfirst that says the $5 billion grid deal was signed in the capital on Monday.">
</head><body class="no-sidebar has-paywall category-social-media">
<div class="top-menu"><a href="/">Home</a> <a href="/world">World</a> <a href="/markets">Markets</a></div>
<div class="page no-share">
 <article class="post has-ads sticky-sidebar-parent">
  <h1>Grid Deal Signed</h1>
  <p class="standfirst">A standfirst that says the $5 billion grid deal was signed in the capital on Monday.</p>
  <div class="entry-content">
   <p>Acme Power will invest <b>$5</b> billion in the national grid, the company said on Monday. {PARA}</p>
   <h2>What the money buys</h2>
   <ul><li>Storage worth <b>$2 billion</b> in three provinces.</li><li>New lines: $3 billion by 2030.</li></ul>
   <p>{PARA} Officials expect the work to create thousands of jobs in the regions it reaches.</p>
   <table><tr><th>Project</th><th>Amount</th></tr><tr><td>Storage</td><td>$2 billion</td></tr>
   <tr><td>Lines</td><td>$3 billion</td></tr></table>
   <p>{PARA}</p>
  </div>
 </article>
</div>
<div class="footer-links"><a href="/about">About us</a> <a href="/jobs">Jobs</a> <a href="/privacy">Privacy</a></div>
</body></html>"""


def texts(doc, kind=None):
    return [doc.text[b.start : b.end] for b in doc.blocks if kind is None or b.kind == kind]


def test_main_text_blocks_from_trafilatura():
    doc = ingest(ARTICLE.encode(), "a.html")
    assert not [w for w in doc.warnings if w.code == "html_fallback"]
    assert "Acme Power will invest $5 billion in the national grid" in doc.text  # <b>$5</b> billion: one phrase
    assert "What the money buys" in texts(doc, "heading")
    assert texts(doc, "list_item") == ["Storage worth $2 billion in three provinces.", "New lines: $3 billion by 2030."]
    assert texts(doc, "table_header") == ["Project | Amount"]
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert [[doc.text[s:e] for s, e in r.cells] for r in rows] == [["Storage", "$2 billion"], ["Lines", "$3 billion"]]
    assert all(r.header == ("Project", "Amount") for r in rows)
    for junk in ("Home", "Markets", "About us", "Privacy"):
        assert junk not in doc.text
    # blocks are one line each and cover the text exactly
    assert doc.text.split("\n") == texts(doc)
    assert doc.title == "Grid Deal Signed | Daily Wire"


def test_standfirst_kept_once():
    doc = ingest(ARTICLE.encode(), "a.html")
    assert doc.text.count("A standfirst that says") == 1


@pytest.mark.parametrize(
    "cls", ["no-sidebar", "sticky-sidebar-parent", "has-paywall", "category-social-media", "no-share", "has-ads"]
)
def test_clutter_word_inside_a_class_name_keeps_the_article(cls):
    page = f'<html><body><div class="{cls}"><p>Short deal note: $5 billion.</p></div></body></html>'
    doc = ingest(page.encode(), "a.html")
    assert doc.text == "Short deal note: $5 billion."
    assert [w.code for w in doc.warnings] == ["html_fallback"]  # too short for trafilatura: our walk


def test_clutter_word_beginning_a_class_name_is_still_clutter_in_the_walk():
    page = b'<html><body><div class="sidebar-left">SIDE</div><p>Short deal note.</p></body></html>'
    assert ingest(page, "a.html").text == "Short deal note."


def test_page_wrapped_in_a_form_keeps_its_text():
    page = (
        b'<html><body><form id="aspnetForm" action="x.aspx"><input type="hidden" name="v">'
        b"<p>Short deal note: $5 billion.</p></form></body></html>"
    )
    assert ingest(page, "a.html").text == "Short deal note: $5 billion."


def test_very_short_page_falls_back_with_a_notice():
    doc = ingest(b"<html><body><ul><li>Invest <b>$5</b> billion</li><li>Boeing</li></ul></body></html>", "a.html")
    assert texts(doc, "list_item") == ["Invest $5 billion", "Boeing"]
    (notice,) = doc.warnings
    assert notice.code == "html_fallback" and "too short" in notice.message


@pytest.mark.slow
def test_million_tiny_elements_end_well():
    n = 1_000_000
    assert n > MAX_ELEMENTS
    data = ("<html><body><h1>Big</h1>" + "".join(f"<span>w{i}</span>" for i in range(n)) + "</body></html>").encode()
    t0 = time.perf_counter()
    doc = ingest(data, "big.html")
    assert time.perf_counter() - t0 < 60  # the default --timeout is 120 s
    assert "w0" in doc.text and f"w{n - 1}" in doc.text
    assert [w.code for w in doc.warnings] == ["html_fallback"]


_DUMP = """
import json, sys
from extractor.pipeline import extract_document
data = open(sys.argv[1], "rb").read()
print(extract_document(data, "a.html").model_dump_json())
"""


def test_records_do_not_depend_on_clock_timezone_or_run(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(ARTICLE.replace("<p>Acme", '<p><time datetime="2025-10-28">Oct 28</time> Acme'), encoding="utf-8")
    outs = []
    for tz in ("UTC", "Asia/Tokyo", "America/Los_Angeles"):
        env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": "7" if tz == "UTC" else "99"}
        run = subprocess.run(
            [sys.executable, "-c", _DUMP, str(page)],
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=300,
            check=True,
        )
        outs.append(run.stdout)
    assert outs[0] == outs[1] == outs[2]
    record = json.loads(outs[0])
    assert record["document"]["published"] == "2025-10-28"


@pytest.mark.slow
@pytest.mark.skipif(not (EVAL / "expected.json").is_file(), reason="../shared/eval/html is absent")
def test_eval_html_floors():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from html_main import measure

    result = measure(EVAL, repeat=2)
    ours, alone = result["ours"], result["trafilatura"]
    assert ours["f1"] >= 0.93 and ours["f1"] > alone["f1"], result
    assert ours["empty_pages"] == 0, result
    assert ours["ms_per_page"] <= 1.5 * alone["ms_per_page"], result


def test_ruby_reading_aids_are_not_inlined():
    long_para = "これは長い段落です。" * 30
    page = (
        f"<html><body><article><h1>見出し</h1><p><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を読む。"
        f"{long_para}</p><p>{long_para}</p></article></body></html>"
    )
    assert "漢字を読む。" in ingest(page.encode(), "a.html").text  # trafilatura's text
    short = "<html><body><p><ruby>漢<rt>kan</rt></ruby>字 short</p></body></html>"
    assert ingest(short.encode(), "a.html").text == "漢字 short"  # our walk's


def test_title_that_is_only_the_masthead_gives_way_to_the_first_heading():
    page = ARTICLE.replace(
        "<title>Grid Deal Signed | Daily Wire</title>",
        '<title>Daily Wire</title><meta property="og:site_name" content="Daily Wire">',
    )
    assert ingest(page.encode(), "a.html").title == "Grid Deal Signed"


@pytest.mark.parametrize(
    "page, text",
    [
        # broken markup leaves the article inside an aside or the page header: the walk keeps it
        (
            b"<html><body><aside class='sidebar'><div>SIDE<article><p>Kept text.</p></article>MORE</div></aside>"
            b"<p>After.</p></body></html>",
            "Kept text.\nAfter.",
        ),
        (
            b"<html><body><header><a>Menu</a><main><p>Main text.</p></main></header><footer>F</footer></body></html>",
            "Main text.",
        ),
        # an article inside clutter named by its class stays dropped (related-post teasers)
        (b"<html><body><div class='share-bar'><article><p>NO</p></article></div><p>After.</p></body></html>", "After."),
    ],
)
def test_walk_keeps_an_article_that_markup_left_inside_an_aside_or_header(page, text):
    assert ingest(page, "a.html").text == text


def test_published_from_htmldate_when_the_metadata_has_none():
    page = ARTICLE.replace("<p>Acme", '<p class="date">Posted 28.10.2025</p><p>Acme')
    assert ingest(page.encode(), "a.html").published == "2025-10-28"
    assert ingest(ARTICLE.encode(), "a.html").published is None


def test_html_date_keeps_only_a_date_the_page_states_in_full(monkeypatch):
    import htmldate

    from extractor.ingest import html_date

    monkeypatch.setattr(htmldate, "find_date", lambda *a, **k: "2019-10-02")  # a day filled in from the clock
    assert html_date.page_date(None, "<p>Updated 2019-10</p>") is None
    assert html_date.page_date(None, "<p>Updated 02.10.2019</p>") == "2019-10-02"

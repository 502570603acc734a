"""The reviewer's tools: `diff`, `review` (static HTML site) and `export`, through click's CliRunner."""

import copy
import csv
import io
import json
import subprocess
from pathlib import Path

import click
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from extractor.review import load_records
from extractor.review.cli import register
from extractor.review.html import collect_highlights
from extractor.serialize import dumps

CHROMIUM = Path("/usr/bin/chromium")

TEXT = (
    "Deals & <Plans>: SoftBank Group will invest $5 billion in AI data centers in Japan by April 2026.\n"
    "\n"
    "Japan Steel Works plans about ¥84 trillion, 40% of it for shipyards, through 2030.\n"
    'Note: <script>alert("x")</script> & R&D stay text.\n'
)


def at(text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return [start, start + len(needle)]


def make_record(source="news/a.txt", text=TEXT, keep_text=True):
    """A record for TEXT with overlapping spans (a country inside a company), as plain JSON.

    Not validated against the pydantic model on purpose: the review tools read records as JSON so
    they also work on records from older or newer extractors (test_review_real_extraction covers
    a record the pipeline makes today)."""
    usd5, yen = at(text, "$5 billion"), at(text, "about ¥84 trillion")
    rec = {
        "schema_version": "1",
        "extractor_version": "0.1.0",
        "document": {
            "id": "ab" * 32,
            "source": source,
            "format": "txt",
            "encoding": "utf-8",
            "title": "Deals & <Plans>",
            "published": "2025-05-01",
            "reference_date": "2025-05-01",
            "reference_date_source": "published",
            "pages": None,
            "characters": len(text),
        },
        "countries": [{"name": "Japan", "code": "JPN", "mentions": [at(text, "Japan"), at(text, "Japan", 1)]}],
        "amounts": [
            {
                "text": "$5 billion",
                "value": 5000000000,
                "currency": "USD",
                "qualifier": "exact",
                "min": None,
                "max": None,
                "span": usd5,
                "page": None,
                "sentence": "SoftBank Group will invest $5 billion.",
            },
            {
                "text": "about ¥84 trillion",
                "value": 84000000000000,
                "currency": "JPY",
                "qualifier": "approx",
                "min": None,
                "max": None,
                "span": yen,
                "page": None,
                "sentence": "Japan Steel Works plans.",
            },
        ],
        "percentages": [{"text": "40%", "value": 40, "span": at(text, "40%"), "page": None}],
        "companies": [
            {"name": "SoftBank Group", "mentions": [at(text, "SoftBank Group")], "sentence": "SoftBank."},
            {"name": "Japan Steel Works", "mentions": [at(text, "Japan Steel Works")], "sentence": "Japan Steel."},
        ],
        "deadlines": [
            {
                "text": "by April 2026",
                "kind": "by",
                "date": "2026-04-30",
                "duration": None,
                "span": at(text, "by April 2026"),
                "page": None,
                "sentence": "by April 2026.",
            },
            {
                "text": "through 2030",
                "kind": "through",
                "date": "2030-12-31",
                "duration": None,
                "span": at(text, "through 2030"),
                "page": None,
                "sentence": "through 2030.",
            },
        ],
        "sectors": [
            {
                "sector": "artificial_intelligence",
                "evidence": ["AI data centers"],
                "mentions": [at(text, "AI data centers")],
            },
            {"sector": "shipbuilding", "evidence": ["shipyards"], "mentions": [at(text, "shipyards")]},
        ],
        "commitments": [
            {
                "amount": {"text": "$5 billion", "value": 5000000000, "currency": "USD", "qualifier": "exact"},
                "companies": ["SoftBank Group"],
                "company_roles": [{"name": "SoftBank Group", "role": "investor", "cue": "will invest"}],
                "countries": ["JPN"],
                "sectors": ["artificial_intelligence"],
                "deadline": "2026-04-30",
                "deadline_text": "by April 2026",
                "is_total": False,
                "part_of": None,
                "context": "sentence",
                "span": usd5,
                "page": None,
                "sentence": 'SoftBank Group will invest $5 billion in AI, "now".',
            },
            {
                "amount": {
                    "text": "about ¥84 trillion",
                    "value": 84000000000000,
                    "currency": "JPY",
                    "qualifier": "approx",
                },
                "companies": ["Japan Steel Works"],
                "company_roles": [{"name": "Japan Steel Works", "role": None, "cue": None}],
                "countries": ["JPN"],
                "sectors": ["shipbuilding"],
                "deadline": "2030-12-31",
                "deadline_text": "through 2030",
                "is_total": False,
                "part_of": None,
                "context": "sentence",
                "span": yen,
                "page": None,
                "sentence": "Japan Steel Works plans about ¥84 trillion.",
            },
        ],
        "warnings": ["relative date 'a March summit' left unresolved"],
        "text": text if keep_text else None,
    }
    if not keep_text:
        del rec["text"]
    return rec


def write_out(folder: Path, records: dict, run_files: bool = True) -> Path:
    """An output folder as `extractor extract` leaves it: records plus the run's own files."""
    for name, rec in records.items():
        path = folder / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(rec), encoding="utf-8")
    if run_files:
        run_dir = folder / ".extractor"
        run_dir.mkdir(parents=True, exist_ok=True)
        (run_dir / "manifest.json").write_text(json.dumps({"counts": {"inputs": len(records)}, "seconds": 1.5}))
        (run_dir / "errors.jsonl").write_text('{"file": "x.pdf"}\n')
        (run_dir / "state.json").write_text(json.dumps({"t": str(folder)}))
        (run_dir / "lock").write_text("")
    return folder


@pytest.fixture
def cli():
    @click.group()
    def group():
        """test group"""

    register(group)
    return group


def invoke(cli, *args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def pair(tmp_path):
    """Two output folders with the same two records; tests edit `new` before diffing."""
    base = {"news/a.txt": make_record("news/a.txt"), "b.txt": make_record("b.txt")}
    new = copy.deepcopy(base)

    def run(cli, *extra):
        old_dir = write_out(tmp_path / "old", base)
        new_dir = write_out(tmp_path / "new", new)
        (new_dir / ".extractor" / "manifest.json").write_text('{"seconds": 99}')  # run files differ: ignored
        return invoke(cli, "diff", old_dir, new_dir, *extra)

    return base, new, run


# --- diff ------------------------------------------------------------------------------------


def test_diff_no_change_exit_0(cli, pair):
    _, _, run = pair
    r = run(cli)
    assert r.exit_code == 0, r.output
    assert r.output == "no differences (2 documents compared)\n"


def test_diff_amount_value_changed(cli, pair):
    _, new, run = pair
    new["news/a.txt"]["amounts"][0]["value"] = 6000000000
    r = run(cli)
    assert r.exit_code == 1
    assert r.output.splitlines() == [
        "news/a.txt: changed",
        "  ~ amount $5 billion: value 5000000000 -> 6000000000",
        "",
        "1 document changed, 0 added, 0 removed; 0 items added, 0 removed, 1 changed",
    ]


def test_diff_company_added_and_commitment_companies(cli, pair):
    _, new, run = pair
    rec = new["b.txt"]
    rec["companies"].append({"name": "Toyota Motor", "mentions": [[0, 5], [10, 12]], "sentence": "T."})
    rec["commitments"][0]["companies"].append("Toyota Motor")
    r = run(cli)
    assert r.exit_code == 1
    assert "  + company Toyota Motor (2 mentions)" in r.output
    assert '  ~ commitment $5 billion: companies +"Toyota Motor"' in r.output
    assert r.output.endswith("1 document changed, 0 added, 0 removed; 1 item added, 0 removed, 1 changed\n")


def test_diff_deadline_date_moved(cli, pair):
    _, new, run = pair
    new["b.txt"]["deadlines"][1]["date"] = "2031-12-31"
    r = run(cli)
    assert r.exit_code == 1
    assert "  ~ deadline through 2030: date 2030-12-31 -> 2031-12-31" in r.output


def test_diff_documents_removed_and_added(cli, pair):
    _, new, run = pair
    del new["b.txt"]
    new["z/new.html"] = make_record("z/new.html")
    r = run(cli)
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert lines[0].startswith("b.txt: removed (1 country, 2 amounts,")
    assert lines[1].startswith("z/new.html: added (")
    assert lines[-1] == "0 documents changed, 1 added, 1 removed; 0 items added, 0 removed, 0 changed"


def test_diff_pairs_by_meaning_not_by_offset(cli, pair):
    """Text inserted before an amount moves its span: the same amount, not a removal plus an addition."""
    _, new, run = pair
    rec = new["b.txt"]
    for a in rec["amounts"]:
        a["span"] = [a["span"][0] + 7, a["span"][1] + 7]
    rec["amounts"].reverse()
    rec["countries"][0]["mentions"].reverse()
    rec["sectors"][0]["evidence"] = list(reversed(rec["sectors"][0]["evidence"]))
    assert run(cli).exit_code == 0


def test_diff_many_kinds_and_json(cli, pair):
    _, new, run = pair
    rec = new["news/a.txt"]
    rec["document"]["published"] = "2025-06-01"
    rec["countries"].append({"name": "Korea", "code": "KOR", "mentions": [[1, 2]]})
    rec["sectors"][0]["evidence"].append("data center")
    rec["percentages"] = []
    rec["warnings"] = []
    rec["commitments"][1]["deadline"] = None
    text = run(cli)
    assert text.exit_code == 1
    assert "  ~ document: published 2025-05-01 -> 2025-06-01" in text.output
    assert "  + country KOR (Korea) (1 mention)" in text.output
    assert '  ~ sector artificial_intelligence: evidence +"data center"' in text.output
    assert "  - percentage 40% (40)" in text.output
    assert "  ~ commitment about ¥84 trillion: deadline 2030-12-31 -> null" in text.output
    assert "  - warning \"relative date 'a March summit' left unresolved\"" in text.output

    r = run(cli, "--json")
    assert r.exit_code == 1
    assert run(cli, "--json").output == r.output  # deterministic
    data = json.loads(r.output)
    assert list(data) == ["identical", "summary", "documents"]
    assert data["identical"] is False
    assert data["summary"]["documents"] == {"changed": 1, "added": 0, "removed": 0, "unchanged": 1}
    assert data["summary"]["items"] == {"added": 1, "removed": 2, "changed": 3}
    [doc] = data["documents"]
    assert doc["document"] == "news/a.txt" and doc["status"] == "changed"
    fields = [c["field"] for c in doc["changes"]]
    assert fields == ["document", "countries", "percentages", "sectors", "commitments", "warnings"]
    sector = doc["changes"][3]
    assert sector["attributes"] == [
        {
            "name": "evidence",
            "old": ["AI data centers"],
            "new": ["AI data centers", "data center"],
            "added": ["data center"],
            "removed": [],
        }
    ]
    assert doc["changes"][1]["new"]["code"] == "KOR"
    assert doc["changes"][2]["old"]["text"] == "40%"


def test_diff_identical_json(cli, pair):
    r = pair[2](cli, "--json")
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["identical"] is True and data["documents"] == []
    assert data["summary"]["line"] == "no differences (2 documents compared)"


def test_diff_trouble_exit_2(cli, tmp_path):
    good = write_out(tmp_path / "good", {"a.txt": make_record("a.txt")})
    assert invoke(cli, "diff", good, tmp_path / "missing").exit_code == 2
    assert invoke(cli, "diff", good).exit_code == 2
    bad = write_out(tmp_path / "bad", {"a.txt": make_record("a.txt")})
    (bad / "a.txt.json").write_text("{not json", encoding="utf-8")
    r = invoke(cli, "diff", good, bad)
    assert r.exit_code == 2
    assert "a.txt.json" in r.output


def test_load_records_skips_run_files(tmp_path):
    out = write_out(tmp_path / "out", {"b/c.txt": make_record("b/c.txt"), "a.txt": make_record("a.txt")})
    (out / "notes.json").write_text("[1, 2]")
    (out / ".hidden").mkdir()
    (out / ".hidden" / "x.json").write_text(dumps(make_record("x")))
    assert list(load_records(out)) == ["a.txt", "b/c.txt"]


def test_a_record_named_manifest_is_a_record_and_an_old_manifest_is_not(tmp_path):
    out = write_out(tmp_path / "out", {"manifest": make_record("manifest"), "a.txt": make_record("a.txt")})
    assert list(load_records(out)) == ["a.txt", "manifest"]
    old = write_out(tmp_path / "old", {"a.txt": make_record("a.txt")}, run_files=False)
    (old / "manifest.json").write_text(json.dumps({"run_key": {}, "counts": {}}))  # the old layout: at the top
    (old / ".extractor-state.json").write_text("{}")
    assert list(load_records(old)) == ["a.txt"]


# --- review site -----------------------------------------------------------------------------


def check_highlights(page_html: str, record: dict):
    """Every span of the record is drawn, and the highlight elements naming it hold exactly its text."""
    soup = BeautifulSoup(page_html, "lxml")
    text = record["text"]
    highlights, problems, _ = collect_highlights(record, text)
    assert problems == []
    lines = [div.get_text() for div in soup.select("div.text div.spans")]
    assert "\n".join(lines) == text  # the whole text, unchanged, in order
    by_label = {}
    for el in soup.select(".hl[data-spans]"):
        for label in el["data-spans"].split():
            by_label.setdefault(label, []).append(el.get_text())
    for h in highlights:
        assert h.label in by_label, h
        pieces, expected = by_label[h.label], text[h.start : h.end]
        assert "".join("".join(pieces).split()) == "".join(expected.split()), h
        if len(pieces) == 1:  # nothing nested inside: one element wraps exactly the span
            assert pieces[0] == expected, h
        assert soup.find(id=h.label) is not None
    ids = {el["id"] for el in soup.select("[id]")}
    for a in soup.select('a[href^="#"]'):
        assert a["href"][1:] in ids, a
    return soup, highlights


def test_review_site(cli, tmp_path):
    out = write_out(
        tmp_path / "out",
        {"news/a.txt": make_record("news/a.txt"), "plain.txt": make_record("plain.txt", keep_text=False)},
    )
    r = invoke(cli, "review", out)
    assert r.exit_code == 0, r.output
    site = out / "review"
    index, page, plain = site / "index.html", site / "pages/news/a.txt.html", site / "pages/plain.txt.html"
    assert index.is_file() and page.is_file() and plain.is_file()
    assert r.output.strip().endswith("/review/index.html")

    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "lxml")
    hrefs = [a["href"] for a in soup.select("table a")]
    assert hrefs == ["pages/news/a.txt.html", "pages/plain.txt.html"]
    first = soup.select("tbody tr")[0]
    assert [td.get_text() for td in first.select("td")][4:12] == ["1", "2", "1", "2", "2", "2", "2", "1"]

    page_html = page.read_text(encoding="utf-8")
    soup, highlights = check_highlights(page_html, make_record("news/a.txt"))
    kinds = {h.kind for h in highlights}
    assert kinds == {"amount", "percentage", "deadline", "company", "country", "sector"}
    # overlap: the country inside the company name is drawn on the same token as the company
    inner = [el for el in soup.select(".hl") if el.get_text() == "Japan" and "company" in el["data-kinds"]]
    assert inner and "country" in inner[0]["data-kinds"]
    # commitments link to their amount in the text
    rows = soup.select("#sec-commitments tbody tr")
    assert [row.select("a")[0]["href"] for row in rows] == ["#amount-1", "#amount-2"]
    assert soup.find(id="amount-1").find_parent(class_="hl").get_text() == "$5 billion"
    assert "relative date 'a March summit' left unresolved" in soup.select_one("#sec-warnings").get_text()
    # everything escaped; nothing from outside; no script at all
    assert "<script" not in page_html and "&lt;script&gt;" in page_html
    assert soup.title.get_text() == "Deals & <Plans> - review"
    for bad in ("http://", "https://", "<link", "@import", "url("):
        assert bad not in page_html and bad not in index.read_text(encoding="utf-8")

    plain_html = plain.read_text(encoding="utf-8")
    assert "--keep-text" in plain_html and 'class="hl"' not in plain_html
    assert "$5 billion" in plain_html  # the items are still listed
    assert BeautifulSoup(plain_html, "lxml").select("#sec-commitments a")[0]["href"] == "#row-amount-1"

    # deterministic, and a page of a record that is gone is removed
    before = {p: p.read_bytes() for p in site.rglob("*.html")}
    (out / "plain.txt.json").unlink()
    assert invoke(cli, "review", out, "--html", site).exit_code == 0
    after = {p: p.read_bytes() for p in site.rglob("*.html")}
    assert not plain.exists()
    assert after[page] == before[page]


def test_review_real_extraction(cli, tmp_path):
    """A record made by the pipeline itself (with --keep-text): every span it found is drawn right."""
    from extractor.config import ExtractConfig
    from extractor.pipeline import extract_document

    data = (
        b"SoftBank Group and Oracle will invest $500 billion in AI data centers in the United States "
        b"by 2029.\nToyota Motor North America plans a $10 billion battery plant in North Carolina, "
        b"about 20% more than in 2024.\n"
    )
    rec = json.loads(dumps(extract_document(data, "deal.txt", ExtractConfig(keep_text=True))))
    assert rec["amounts"] and rec["companies"]
    out = write_out(tmp_path / "out", {"deal.txt": rec})
    assert invoke(cli, "review", out).exit_code == 0
    check_highlights((out / "review/pages/deal.txt.html").read_text(encoding="utf-8"), rec)


def chromium(*args, tmp_path):
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium-profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_review_in_chromium(cli, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("chromium not installed: apt-get install chromium")
    record = make_record("news/a.txt")
    out = write_out(tmp_path / "out", {"news/a.txt": record})
    assert invoke(cli, "review", out).exit_code == 0
    page = (out / "review/pages/news/a.txt.html").resolve()

    r = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri(), tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Uncaught" not in r.stderr
    check_highlights(r.stdout, record)

    shot = tmp_path / "shot.png"
    r = chromium(
        f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars", page.as_uri(), tmp_path=tmp_path
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert shot.is_file() and shot.stat().st_size > 1000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    index = (out / "review/index.html").resolve()
    r = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", index.as_uri(), tmp_path=tmp_path)
    assert "Uncaught" not in r.stderr
    assert "pages/news/a.txt.html" in r.stdout


# --- export ----------------------------------------------------------------------------------


def test_export_jsonl_and_csv(cli, tmp_path):
    b = make_record("b.txt", keep_text=False)
    b["commitments"][1]["amount"]["value"] = 1.5e21  # a float JSON writes as 1.5e+21
    b["commitments"][0]["amount"]["value"] = 1234.5
    b["commitments"][0]["companies"] = ["A, Inc.", 'B "Quoted"']
    records = {"b.txt": b, "a/x.txt": make_record("a/x.txt")}
    out = write_out(tmp_path / "out", records)
    jl, cs = tmp_path / "all.jsonl", tmp_path / "commitments.csv"
    r = invoke(cli, "export", out, "--jsonl", jl, "--csv", cs)
    assert r.exit_code == 0, r.output

    raw = jl.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\n") and b"\r" not in raw
    lines = raw.decode("utf-8").split("\n")[:-1]
    assert [json.loads(x) for x in lines] == [json.loads(dumps(records["a/x.txt"])), json.loads(dumps(b))]
    assert "¥84" in lines[0]  # UTF-8, not \u escapes

    raw = cs.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n") == 5  # header + 4 rows, RFC 4180 line ends
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == [
        "document",
        "title",
        "amount_text",
        "value",
        "currency",
        "qualifier",
        "min",
        "max",
        "is_total",
        "part_of",
        "companies",
        "canonical_companies",
        "countries",
        "sectors",
        "deadline",
        "deadline_text",
        "page",
        "sentence",
    ]
    expected = []
    for rec in (records["a/x.txt"], b):
        for c in rec["commitments"]:
            expected.append(
                (
                    rec["document"]["source"],
                    c["amount"]["text"],
                    c["amount"]["currency"],
                    c["amount"]["qualifier"],
                    "; ".join(c["companies"]),
                    "; ".join(c["countries"]),
                    "; ".join(c["sectors"]),
                    c["deadline"] or "",
                    c["sentence"],
                )
            )
    got = [
        (
            r["document"],
            r["amount_text"],
            r["currency"],
            r["qualifier"],
            r["companies"],
            r["countries"],
            r["sectors"],
            r["deadline"],
            r["sentence"],
        )
        for r in rows
    ]
    assert got == expected
    assert [r["value"] for r in rows] == ["5000000000", "84000000000000", "1234.5", "1500000000000000000000"]
    assert rows[2]["companies"] == 'A, Inc.; B "Quoted"'
    assert [(r["title"], r["is_total"], r["part_of"], r["deadline_text"], r["page"]) for r in rows[:2]] == [
        ("Deals & <Plans>", "false", "", "by April 2026", ""),
        ("Deals & <Plans>", "false", "", "through 2030", ""),
    ]

    # either alone works; neither is a usage error
    assert invoke(cli, "export", out, "--csv", tmp_path / "only.csv").exit_code == 0
    assert not (tmp_path / "all2.jsonl").exists()
    r = invoke(cli, "export", out)
    assert r.exit_code == 2 and "--jsonl" in r.output
    help_text = invoke(cli, "export", "--help").output
    assert "Excel" in help_text and "byte-order mark" in help_text


def test_export_new_columns_stdout_and_missing_folder(cli, tmp_path):
    rec = make_record("a.txt")
    rec["companies"][0]["canonical"] = "SoftBank Group Corp"
    rec["amounts"][1].update(qualifier="range", min=80000000000000, max=84000000000000)
    rec["commitments"][0].update(is_total=True, page=3)
    rec["commitments"][1].update(part_of=0)
    out = write_out(tmp_path / "out", {"a.txt": rec})
    r = CliRunner().invoke(cli, ["export", str(out), "--csv", "-"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    raw = r.stdout_bytes
    assert not raw.startswith(b"\xef\xbb\xbf")  # no byte-order mark on standard output
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert [(x["is_total"], x["part_of"], x["page"], x["min"], x["max"], x["canonical_companies"]) for x in rows] == [
        ("true", "", "3", "", "", "SoftBank Group Corp"),
        ("false", "0", "", "80000000000000", "84000000000000", "Japan Steel Works"),
    ]
    r = CliRunner().invoke(cli, ["export", str(out), "--jsonl", "-"], catch_exceptions=False)
    assert r.exit_code == 0 and json.loads(r.stdout_bytes.decode("utf-8").splitlines()[0]) == json.loads(dumps(rec))
    r = CliRunner().invoke(cli, ["export", str(out), "--jsonl", "-", "--csv", "-"])
    assert r.exit_code == 2 and "standard output" in r.output
    missing = tmp_path / "no" / "such" / "c.csv"
    r = CliRunner().invoke(cli, ["export", str(out), "--csv", str(missing)])
    assert r.exit_code == 2 and "does not exist" in r.output
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_export_csv_neutralises_formula_cells(cli, tmp_path, start):
    rec = make_record(f"{start}doc.txt")
    c = rec["commitments"][0]
    c["amount"]["text"] = f'{start}HYPERLINK("http://x")'
    c["companies"] = [f"{start}cmd|' /C calc'!A0", "Acme"]
    c["sentence"] = f"{start}2+3"
    c["amount"]["value"] = f"{start}1"  # a hand-edited record: a text, not a number
    out = write_out(tmp_path / "out", {"doc.txt": rec})
    cs = tmp_path / "c.csv"
    assert invoke(cli, "export", out, "--csv", cs).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(cs.read_bytes().decode("utf-8-sig"), newline="")))
    first = rows[0]
    for column, value in (
        ("document", f"{start}doc.txt"),
        ("amount_text", c["amount"]["text"]),
        ("companies", f"{start}cmd|' /C calc'!A0; Acme"),
        ("sentence", f"{start}2+3"),
        ("value", f"{start}1"),
    ):
        assert first[column] == "'" + value, column
    assert rows[1]["value"] == "84000000000000"  # numbers stay plain digits


def test_export_csv_keeps_ordinary_cells_and_negative_numbers(tmp_path):
    from extractor.review.export import csv_bytes

    rec = make_record("a.txt")
    rec["commitments"][0]["amount"]["value"] = -5
    rows = list(csv.DictReader(io.StringIO(csv_bytes({"a.txt": rec}).decode("utf-8-sig"), newline="")))
    assert rows[0]["value"] == "-5" and rows[0]["document"] == "a.txt"
    assert not any(v.startswith("'") for v in rows[1].values())


def test_register_adds_three_commands(cli):
    assert {"diff", "review", "export"} <= set(cli.commands)
    for name in ("diff", "review", "export"):
        assert invoke(cli, name, "--help").exit_code == 0


@pytest.mark.parametrize(
    "name",
    ["05-us-korea-joint-fact-sheet.pdf", "04-us-uae-ai-campus-deals.html", "13-gulf-pledges-analysis-cp1252.txt"],
)
def test_review_corpus_documents(name):
    """Corpus documents (PDF, HTML, cp1252 text) through the pipeline: every span drawn over the right text."""
    from extractor.config import ExtractConfig
    from extractor.pipeline import extract_document
    from extractor.review.html import document_page

    path = Path(__file__).resolve().parent.parent / "corpus" / "documents" / name
    rec = json.loads(dumps(extract_document(path.read_bytes(), name, ExtractConfig(keep_text=True))))
    check_highlights(document_page(name, rec, "../index.html"), rec)


def test_review_index_failures_filters_and_page_order(cli, tmp_path):
    out = write_out(tmp_path / "out", {"news/a.txt": make_record("news/a.txt")})
    (out / ".extractor" / "errors.jsonl").write_text(
        '{"file": "bad <x>.pdf", "stage": "read", "error_type": "corrupt", "message": "no xref"}\nnot json\n',
        encoding="utf-8",
    )
    r = invoke(cli, "review", out)
    assert r.exit_code == 0 and "1 failed documents listed" in r.output
    index = BeautifulSoup((out / "review/index.html").read_text(encoding="utf-8"), "lxml")
    failed = index.select("#failed tbody tr")
    assert [[td.get_text() for td in tr.select("td")] for tr in failed] == [
        ["bad <x>.pdf", "corrupt", "read", "no xref"]
    ]
    row = index.select_one("#documents tbody tr")
    assert row["data-countries"] == "JPN" and row["data-sectors"] == "artificial_intelligence|shipbuilding"
    assert row["data-companies"] == "Japan Steel Works|SoftBank Group"
    assert "commitments" in row["data-fields"].split() and "softbank group" in row["data-search"]
    assert index.select_one("#filters").has_attr("hidden")  # shown by the script only
    assert [o["value"] for o in index.select("#f-country option")] == ["", "JPN"]
    script = index.select_one("script").get_text()
    assert "src" not in index.select_one("script").attrs and "fetch(" not in script

    page = BeautifulSoup((out / "review/pages/news/a.txt.html").read_text(encoding="utf-8"), "lxml")
    sections = [s["id"] for s in page.select("section")]
    assert sections.index("sec-commitments") < sections.index("sec-text")
    # each highlight's label links back to its row: the commitment's amount to the commitment
    assert page.find(id="amount-1")["href"] == "#row-commitment-1"
    assert page.find(id="company-1.1")["href"] == "#row-company-1"
    assert page.find(id="deadline-2")["href"] == "#row-deadline-2"
    for label in page.select("a.lb"):
        assert page.find(id=label["href"][1:]) is not None, label


def test_review_page_lists_notices_with_code_and_page(cli, tmp_path):
    """A record with notices[] shows each one's code, message and page; one without falls back to warnings[]."""
    rec = make_record("a.txt")
    rec["notices"] = [
        {
            "code": "unresolved_deadline",
            "message": "relative deadline 'a March summit' left unresolved",
            "span": [3, 9],
            "page": 2,
        },
        {"code": "pdf_library", "message": "PDF library warning (pdfminer): <odd>", "span": None, "page": None},
    ]
    out = write_out(tmp_path / "out", {"a.txt": rec, "b.txt": make_record("b.txt")})
    assert invoke(cli, "review", out).exit_code == 0
    page = BeautifulSoup((out / "review/pages/a.txt.html").read_text(encoding="utf-8"), "lxml")
    rows = [[td.get_text() for td in tr.select("td")] for tr in page.select("#sec-warnings tbody tr")]
    assert rows == [
        ["unresolved_deadline", "relative deadline 'a March summit' left unresolved", "2"],
        ["pdf_library", "PDF library warning (pdfminer): <odd>", ""],
    ]
    other = BeautifulSoup((out / "review/pages/b.txt.html").read_text(encoding="utf-8"), "lxml")
    assert [li.get_text() for li in other.select("#sec-warnings li")] == [
        "relative date 'a March summit' left unresolved"
    ]

"""Deals across documents: the named checks by rows, the rules file, and a fixture of documents
that report the same commitments differently (tests/fixtures/deals/)."""

import copy
import json
import sqlite3
from pathlib import Path

import pytest

from extractor.serialize import dumps
from extractor.tracker import deals
from extractor.tracker.collect import collect
from extractor.tracker.deals import Item, RulesError, failed_checks, group, validate

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "deals"


def item(
    doc="a",
    value=5e9,
    currency="USD",
    qualifier="exact",
    companies=(),
    countries=(),
    sectors=(),
    homes=(),
    minimum=None,
    idx=0,
    own=None,
):
    return Item(
        id=f"{doc}#commitment-{idx}",
        document=doc,
        idx=idx,
        text="x",
        value=value,
        currency=currency,
        qualifier=qualifier,
        min=minimum,
        max=None,
        is_total=False,
        part_of=None,
        deadline=None,
        companies=frozenset(companies),
        countries=frozenset(countries),
        own_countries=frozenset(countries if own is None else own),
        sectors=frozenset(sectors),
        homes=frozenset(homes),
        company_ids=frozenset(companies),
    )


SAME = [
    ("same firm, same sum", item("a", companies=["Roche"]), item("b", companies=["Roche"])),
    (
        "rounded: $36 billion and $36.2 billion",
        item("a", 36.2e9, companies=["Korean Air"]),
        item("b", 36e9, companies=["Korean Air"]),
    ),
    ("within tolerance", item("a", 100e9, companies=["X"]), item("b", 100.3e9, companies=["X"])),
    (
        "up to and a range's top",
        item("a", 44e9, qualifier="range", minimum=38e9, countries=["JPN", "USA"]),
        item("b", 44e9, qualifier="up_to", countries=["JPN", "USA"]),
    ),
    (
        "two ranges, both ends",
        item("a", 44e9, qualifier="range", minimum=38e9, countries=["JPN"]),
        item("b", 44e9, qualifier="range", minimum=38e9, countries=["JPN"]),
    ),
    (
        "no companies, a shared country besides the US",
        item("a", 550e9, countries=["JPN", "USA"]),
        item("b", 550e9, countries=["JPN", "USA"]),
    ),
    (
        "one side names no company but they share Korea",
        item("a", 150e9, countries=["KOR", "USA"]),
        item("b", 150e9, companies=["HD Hyundai"], countries=["KOR"]),
    ),
    (
        "home country is not where the money goes",
        item("a", 100e9, companies=["TSMC"], countries=["TWN"], homes=["TWN"]),
        item("b", 100e9, companies=["TSMC"], countries=["USA"], homes=["TWN"]),
    ),
    ("one side names no sector", item("a", companies=["X"], sectors=["energy"]), item("b", companies=["X"])),
]

APART = [
    (
        "the same $5 billion from two different firms",
        item("a", companies=["Roche"]),
        item("b", companies=["Johnson & Johnson"]),
        ["companies_compatible", "enough_shared_evidence"],
    ),
    ("same document", item("a", companies=["X"]), item("a", companies=["X"], idx=1), ["different_documents"]),
    ("another currency", item("a", companies=["X"]), item("b", currency="GBP", companies=["X"]), ["same_currency"]),
    (
        "$40 billion does not take $36.2 billion",
        item("a", 40e9, companies=["X"]),
        item("b", 36.2e9, companies=["X"]),
        ["same_value"],
    ),
    (
        "$500 billion and $550 billion",
        item("a", 500e9, countries=["JPN"]),
        item("b", 550e9, countries=["JPN"]),
        ["same_value"],
    ),
    (
        "a range is not a figure near its top",
        item("a", 2e9, qualifier="range", minimum=1e9, companies=["X"]),
        item("b", 2e9, qualifier="approx", companies=["X"]),
        ["same_value"],
    ),
    (
        "bare figures sharing only the US",
        item("a", 40e9, countries=["USA"], sectors=["energy"]),
        item("b", 40e9, countries=["USA"], sectors=["energy"]),
        ["enough_shared_evidence"],
    ),
    (
        "same firm, two countries",
        item("a", companies=["AWS"], countries=["KOR"], homes=["USA"]),
        item("b", companies=["AWS"], countries=["SAU", "USA"], homes=["USA"]),
        ["countries_compatible"],
    ),
    (
        "different sectors",
        item("a", companies=["X"], sectors=["energy"]),
        item("b", companies=["X"], sectors=["biotechnology"]),
        ["sectors_compatible"],
    ),
]


@pytest.mark.parametrize("why,a,b", SAME, ids=[r[0] for r in SAME])
def test_same_commitment(why, a, b):
    assert failed_checks(a, b) == [] and failed_checks(b, a) == []


@pytest.mark.parametrize("why,a,b,failed", APART, ids=[r[0] for r in APART])
def test_not_the_same_commitment(why, a, b, failed):
    assert failed_checks(a, b) == failed and failed_checks(b, a) == failed


def test_every_check_has_rows():
    used = {name for _, a, b, f in APART for name in f}
    assert used == set(deals.CHECKS)
    assert set(deals.default_rules()["checks"]) == set(deals.CHECKS)


def test_grouping_is_complete_linkage_and_order_free():
    a = item("a", 101e9, companies=["X"])
    b = item("b", 101.4e9, companies=["X"])  # rounds to a; within tolerance of c
    c = item("c", 101.8e9, companies=["X"])  # close to b, not to a
    groups = group([c, b, a])
    assert [[m.document for m in g] for g in groups] == [["a", "b"], ["c"]]
    assert group([a, b, c]) == groups


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda r: r.update(checks=["nope"]), "unknown checks"),
        (lambda r: r.update(checks=[]), "'checks'"),
        (lambda r: r["value"].update(relative_tolerance="1%"), "relative_tolerance"),
        (lambda r: r["value"].update(min_significant_digits=0), "min_significant_digits"),
        (lambda r: r["parties"].update(one_side_empty="yes"), "one_side_empty"),
        (lambda r: r["anonymous"].update(common_countries=["United States"]), "common_countries"),
        (lambda r: r["totals"].update(min_share_of_sources=2), "min_share_of_sources"),
    ],
)
def test_rules_are_validated(change, message):
    rules = copy.deepcopy(deals.default_rules())
    change(rules)
    with pytest.raises(RulesError, match=message):
        validate(rules)


def _extract_fixture(out: Path) -> None:
    from extractor.config import ExtractConfig
    from extractor.pipeline import extract_document

    for path in sorted((FIXTURE / "docs").iterdir()):
        record = extract_document(path.read_bytes(), path.name, ExtractConfig())
        (out / f"{path.name}.json").write_text(dumps(record), encoding="utf-8")


def test_fixture_groups(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _extract_fixture(out)
    db = tmp_path / "deals.sqlite"
    collect(out, db)
    conn = sqlite3.connect(db)
    deal_of, members = {}, {}
    for deal_id, doc, text in conn.execute(
        "SELECT s.deal_id, c.document_id, c.amount_text FROM deal_sources s "
        "JOIN commitments c ON c.id = s.commitment_id ORDER BY c.id"
    ):
        deal_of[(doc, text)] = deal_id
        members.setdefault(deal_id, set()).add((doc, text))
    expected = json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))
    wanted = [{tuple(m) for m in g} for g in expected["groups"]]
    for g in wanted:
        missing = [m for m in g if m not in deal_of]
        assert not missing, f"not extracted: {missing}"
        assert members[deal_of[next(iter(g))]] == g, f"expected one deal of {sorted(g)}"
    merged = [m for m in members.values() if len(m) > 1]
    false = [sorted(m) for m in merged if m not in wanted]
    assert not false, f"deals nobody expected: {false}"
    for a, b in expected["apart"]:
        assert deal_of[tuple(a)] != deal_of[tuple(b)], (a, b)
    # the deal's sources counted, its wording from the most precise source
    row = conn.execute(
        "SELECT sources, amount_text, companies FROM deals WHERE id = ?",
        (deal_of[("e-ai-campus-note.txt", "$36.2 billion")],),
    ).fetchone()
    assert row[0] == 2 and row[1] == "$36.2 billion" and "Korean Air" in json.loads(row[2])


def test_a_sum_restated_in_another_currency_is_a_source_not_a_deal(tmp_path):
    from test_review import make_record, write_out

    rec = make_record("a.txt")
    won = copy.deepcopy(rec["commitments"][0])
    won["amount"] = {
        "text": "about 7 trillion won",
        "value": 7_000_000_000_000,
        "currency": "KRW",
        "qualifier": "approx",
    }
    won["equivalent_of"] = 0
    rec["commitments"].insert(1, won)
    out = write_out(tmp_path / "out", {"a.txt": rec})
    db = tmp_path / "deals.sqlite"
    collect(out, db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT equivalent_of FROM commitments WHERE id = 'a.txt#commitment-1'").fetchone() == (
        "a.txt#commitment-0",
    )
    rows = conn.execute("SELECT id, currency, value, sources FROM deals ORDER BY id").fetchall()
    assert rows == [
        ("deal:a.txt#commitment-0", "USD", 5_000_000_000, 2),
        ("deal:a.txt#commitment-2", "JPY", 84_000_000_000_000, 1),
    ]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_database_of_another_schema_version_is_rebuilt(tmp_path):
    from test_review import make_record, write_out

    db = tmp_path / "deals.sqlite"
    conn = sqlite3.connect(db)
    conn.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('schema_version', '0');"
        "CREATE TABLE commitments (id TEXT PRIMARY KEY); CREATE VIEW old AS SELECT 1;"
    )
    conn.close()
    stats = collect(write_out(tmp_path / "out", {"a.txt": make_record("a.txt")}), db)
    assert stats.added == ["a.txt"]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM commitments").fetchone() == (2,)
    assert conn.execute("SELECT value FROM meta").fetchone() == ("2",)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'old'").fetchone() == (0,)

"""Golden snapshots: every field of every corpus record (text included) against tests/golden/.

The corpus test scores what the scorer scores; this one catches everything else: qualifiers,
min/max, deadline kinds and texts, spans, pages, roles, reference dates, titles, notices,
percentages. A difference fails with a unified diff of the JSON; regenerate with `make golden`
when the change is meant, and read the diff before committing it.
"""

import difflib

import pytest
from golden import GOLDEN, documents, record_text

from extractor.errors import NeedsOcr


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_record_matches_its_golden_snapshot(path):
    snapshot = GOLDEN / f"{path.name}.json"
    assert snapshot.exists(), f"no snapshot for {path.name}: run `make golden`"
    try:
        actual = record_text(path)
    except NeedsOcr as e:  # the scanned corpus PDF on a machine without Tesseract
        pytest.skip(str(e))
    expected = snapshot.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), f"tests/golden/{snapshot.name}", "now", n=2
            )
        )
        pytest.fail(f"{path.name} differs from its snapshot (make golden if meant):\n{diff[:6000]}")


def test_no_snapshot_without_a_document():
    names = {f"{p.name}.json" for p in documents()}
    assert {p.name for p in GOLDEN.glob("*.json")} <= names

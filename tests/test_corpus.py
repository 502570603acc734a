"""Every corpus document against its hand-made expected record (corpus/expected/*.gold.json).

The expected records were written by hand from each document's text. Where the extractor still
differs, the difference is listed in tests/corpus_known_gaps.json; this test fails on any change,
a new miss (a regression) as well as a gap that closed (update the list with
`python scripts/update_corpus_gaps.py` after checking the diff it prints).
"""

import json

import pytest
from corpus_gaps import EXPECTED, GAPS_FILE, documents, gaps_of

from extractor.ingest import ocr

KNOWN = json.loads(GAPS_FILE.read_text(encoding="utf-8"))


def test_every_document_has_an_expected_record():
    docs = {p.name for p in documents()}
    expected = {p.name.removesuffix(".gold.json") for p in EXPECTED.glob("*.gold.json")}
    assert docs == expected
    assert len(docs) >= 12


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_record_matches_expected(path):
    if "-scan." in path.name and not ocr.available():
        pytest.skip(ocr.INSTALL_HINT)  # a scanned PDF needs Tesseract (needs_ocr without it)
    actual = gaps_of(path)
    known = KNOWN.get(path.name, {})
    if actual != known:
        lines = [f"{path.name}: record differs from corpus/expected beyond the known gaps"]
        for field in sorted(set(actual) | set(known)):
            a, k = actual.get(field, {}), known.get(field, {})
            for kind in ("missed", "extra"):
                new = sorted(set(a.get(kind, [])) - set(k.get(kind, [])))
                fixed = sorted(set(k.get(kind, [])) - set(a.get(kind, [])))
                for item in new:
                    lines.append(f"  {field}: newly {kind}: {item}")
                for item in fixed:
                    lines.append(f"  {field}: no longer {kind} (update the known gaps): {item}")
        pytest.fail("\n".join(lines))

#!/usr/bin/env python3
"""Main text of web pages: F1, pages with no text and ms/page, ours and trafilatura alone.

    .venv/bin/python benchmarks/html_main.py                 # ../shared/eval/html
    .venv/bin/python benchmarks/html_main.py DIR --json

DIR holds pages/ and expected.json (strings the main text must hold, "with", and furniture it
must not, "without"), scored as ../shared/eval/html/score_html.py scores records: a "with" string
found is a true positive, missing a false negative; a "without" string found a false positive.
Ours is `read_html(bytes).text` (the text a record carries with --keep-text); trafilatura alone
is `trafilatura.extract(bytes)` with its defaults. Both are warmed up on the first page, then
take turns on each page, `--repeat` times (default 3), the fastest read of each counted.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.ingest.html import read_html  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "html"


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def score(texts: dict[str, str], expected: dict) -> dict:
    tp = fp = fn = empty = 0
    for page, exp in expected.items():
        text = _norm(texts.get(page) or "")
        empty += not text
        found = sum(_norm(s) in text for s in exp["with"])
        kept = sum(_norm(s) in text for s in exp["without"])
        tp, fp, fn = tp + found, fp + kept, fn + len(exp["with"]) - found
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0,
        "empty_pages": empty,
    }


def _ours(data: bytes, name: str) -> str:
    return read_html(data, name).text


def _trafilatura(data: bytes, name: str) -> str:
    import trafilatura

    return trafilatura.extract(data) or ""


def run(readers: dict, pages: dict[str, bytes], repeat: int) -> dict[str, tuple[dict[str, str], float]]:
    """Each reader's texts and ms/page. The readers take turns on each page (the fastest of `repeat`
    reads counts), so a machine busy with other work slows both alike."""
    first = next(iter(pages))
    for reader in readers.values():
        reader(pages[first], first)  # imports, settings and caches load once
    texts: dict[str, dict[str, str]] = {label: {} for label in readers}
    total = dict.fromkeys(readers, 0.0)
    for name, data in pages.items():
        best = dict.fromkeys(readers, float("inf"))
        for _ in range(repeat):
            for label, reader in readers.items():
                t0 = time.perf_counter()
                texts[label][name] = reader(data, name)
                best[label] = min(best[label], time.perf_counter() - t0)
        for label in readers:
            total[label] += best[label]
    return {label: (texts[label], 1000 * total[label] / max(len(pages), 1)) for label in readers}


def measure(folder: Path = DEFAULT, repeat: int = 3) -> dict:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    pages = {name: (folder / "pages" / name).read_bytes() for name in sorted(expected)}
    out: dict = {"pages": len(pages)}
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)  # the readers' chatter, for this measurement only
    try:
        measured = run({"ours": _ours, "trafilatura": _trafilatura}, pages, repeat)
    finally:
        logging.disable(previous)
    for label, (texts, ms) in measured.items():
        out[label] = {**score(texts, expected), "ms_per_page": round(ms, 1)}
    out["speed_ratio"] = round(out["ours"]["ms_per_page"] / out["trafilatura"]["ms_per_page"], 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, nargs="?", default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if not (a.folder / "expected.json").is_file():
        sys.exit(f"no expected.json in {a.folder}")
    result = measure(a.folder, a.repeat)
    if a.json:
        print(json.dumps(result, indent=1))
        return
    print(f"{result['pages']} pages from {a.folder}")
    print(f"{'reader':<12} {'P':>6} {'R':>6} {'F1':>6} {'no text':>8} {'ms/page':>8}")
    for label in ("ours", "trafilatura"):
        r = result[label]
        print(
            f"{label:<12} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} "
            f"{r['empty_pages']:>8} {r['ms_per_page']:>8.1f}"
        )
    print(f"ours / trafilatura time: {result['speed_ratio']:.2f}x")


if __name__ == "__main__":
    main()

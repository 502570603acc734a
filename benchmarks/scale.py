#!/usr/bin/env python3
"""Big documents: seconds per MB of text from 0.1 to 20 MB, so any superlinear step shows. Prints numbers.

    .venv/bin/python benchmarks/scale.py                        # prose and dense, 0.1 1 5 20 MB, a 1,000-page PDF
    .venv/bin/python benchmarks/scale.py --kinds dense --sizes 0.1 1 --no-pdf

Texts: `prose` is new article prose made from the corpus's .txt articles (a word-bigram chain, so
no block repeats); `dense` is the long fact sheet's commitment paragraphs (benchmarks/run.py
`_paragraph`: an amount, a company, a sector, a place and a date in every sentence), fixed seed. Each text runs once through
`pipeline.extract_document` in this process (model loaded first), with ingest and spaCy timed by
wrapping the names pipeline.py calls, rules = the rest; a 20 kB text runs first, untimed, so the
first size does not pay for loading rule tables and lazy imports. The PDF is run.py's fact sheet
at 1,000 pages (--max-pages raised for it). Peak RSS is this process's VmHWM after each document.
The stages are shown in CPU seconds per MB: on a shared machine the wall time carries the other
processes' load (printed), CPU time less.
Flat means: the largest s/MB over the smallest stays under 1.5 for each kind.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import CORPUS, SEED, _paragraph, make_long_pdf  # noqa: E402


def prose(mb: float) -> str:
    """Article prose that never repeats: a word-bigram chain over the corpus's .txt articles (their
    words, amounts, names and dates, in new sentences), paragraphs of 60-160 words, fixed seed. A
    text repeated verbatim would be parsed once (nlp.analyze shares the parse of repeated blocks)."""
    words = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.glob("*.txt"))).split()
    follow: dict[str, list[str]] = {}
    for a, b in zip(words, words[1:]):
        follow.setdefault(a, []).append(b)
    rng, out, n, word = random.Random(SEED), [], 0, words[0]
    while n < mb * 1e6:
        para = []
        for _ in range(rng.randint(60, 160)):
            para.append(word)
            word = rng.choice(follow.get(word) or words)
        out.append(" ".join(para))
        n += len(out[-1]) + 2
    return "\n\n".join(out)


def dense(mb: float) -> str:
    rng, out, n = random.Random(SEED), [], 0
    while n < mb * 1e6:
        out.append(_paragraph(rng))
        n += len(out[-1]) + 2
    return "\n\n".join(out)


def hwm_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(ln.split()[1]) / 1024 for ln in f if ln.startswith("VmHWM:"))


def measure(data: bytes, name: str) -> dict:
    from extractor import pipeline
    from extractor.config import ExtractConfig
    from extractor.nlp import Parser

    clock = {"ingest": 0.0, "spacy": 0.0, "ingest_cpu": 0.0, "spacy_cpu": 0.0}
    real_ingest, real_analyze = pipeline.ingest, Parser.analyze_many
    last = {}

    def timed(stage, fn):
        def wrapper(*a, **k):
            t, c = time.perf_counter(), time.process_time()
            try:
                result = fn(*a, **k)
                if stage == "ingest":
                    last["doc"] = result
                return result
            finally:
                clock[stage] += time.perf_counter() - t
                clock[stage + "_cpu"] += time.process_time() - c

        return wrapper

    pipeline.ingest, Parser.analyze_many = timed("ingest", real_ingest), timed("spacy", real_analyze)
    config = ExtractConfig(max_bytes=1 << 40, max_pages=100_000)
    try:
        t, c = time.perf_counter(), time.process_time()
        record = pipeline.extract_document(data, name, config)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
    finally:
        pipeline.ingest, Parser.analyze_many = real_ingest, real_analyze
    text_mb = len(last["doc"].text.encode("utf-8")) / 1e6
    return {
        "name": name,
        "input_mb": len(data) / 1e6,
        "text_mb": text_mb,
        "wall_s": wall,
        "cpu_s": cpu,
        "s_per_mb": wall / text_mb,
        "cpu_s_per_mb": cpu / text_mb,
        "ingest_s_per_mb": clock["ingest"] / text_mb,
        "spacy_s_per_mb": clock["spacy"] / text_mb,
        "rules_s_per_mb": (wall - clock["ingest"] - clock["spacy"]) / text_mb,
        "cpu_ingest_s_per_mb": clock["ingest_cpu"] / text_mb,
        "cpu_spacy_s_per_mb": clock["spacy_cpu"] / text_mb,
        "cpu_rules_s_per_mb": (cpu - clock["ingest_cpu"] - clock["spacy_cpu"]) / text_mb,
        "amounts": len(record.amounts),
        "commitments": len(record.commitments),
        "pages": record.document.pages,
        "peak_rss_mb": hwm_mb(),
        "loadavg": os.getloadavg()[0],
    }


def line(r: dict) -> str:
    return (
        f"{r['name']:<22} {r['text_mb']:6.2f} MB text  {r['wall_s']:8.1f} s  {r['s_per_mb']:6.1f} s/MB "
        f"(CPU {r['cpu_s_per_mb']:5.1f}: ingest {r['cpu_ingest_s_per_mb']:4.1f}, spaCy {r['cpu_spacy_s_per_mb']:4.1f}, "
        f"rules {r['cpu_rules_s_per_mb']:4.1f})  {r['amounts']:>6} amounts {r['commitments']:>5} commitments  "
        f"peak RSS {r['peak_rss_mb']:6.0f} MB  load {r['loadavg']:.1f}"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 5, 20], help="MB of text")
    ap.add_argument("--kinds", nargs="+", default=["prose", "dense"], choices=["prose", "dense"])
    ap.add_argument("--pdf-pages", type=int, default=1000)
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--json", type=Path, help="write every number here")
    args = ap.parse_args(argv)
    from extractor.config import ExtractConfig
    from extractor.nlp import load

    load(ExtractConfig().model)
    measure(prose(0.02).encode("utf-8"), "warm-up.txt")  # rule tables and lazy imports load on first use
    print(
        f"extractor scale benchmark  {time.strftime('%Y-%m-%d %H:%M')}  {os.cpu_count()} CPUs  "
        f"load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    results: list[dict] = []
    for kind in args.kinds:
        rows = []
        for mb in args.sizes:
            text = (prose if kind == "prose" else dense)(mb)
            rows.append(measure(text.encode("utf-8"), f"{kind}-{mb:g}MB.txt"))
            print(line(rows[-1]), flush=True)
        per_mb = [r["s_per_mb"] for r in rows]
        cpu = [r["cpu_s_per_mb"] for r in rows]
        print(
            f"{kind}: s/MB largest / smallest = {max(per_mb) / min(per_mb):.2f} by wall, "
            f"{max(cpu) / min(cpu):.2f} by CPU (target < 1.5)",
            flush=True,
        )
        results.extend(rows)
    if not args.no_pdf:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"fact-sheet-{args.pdf_pages}p.pdf"
            make_long_pdf(path, args.pdf_pages)
            r = measure(path.read_bytes(), path.name)
        print(line(r) + f"  ({r['wall_s'] / args.pdf_pages * 1000:.0f} ms/page)", flush=True)
        results.append(r)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

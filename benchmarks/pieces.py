#!/usr/bin/env python3
"""The in-process pipeline against bare spaCy over the very same block pieces, in one run. Prints numbers.

    .venv/bin/python benchmarks/pieces.py --docs 100 --rounds 5

Builds benchmarks/run.py's archive (N documents + a 20-page PDF; no scanned PDF, as bare spaCy
reads no images) and runs `pipeline.extract_document` on every document in this process once to
warm up (run.py `in_process`: ingest, spaCy and rules timed apart; printed as pass 1, which pays the
one-time loads). Then, --rounds times, bare spaCy (`spacy.load(model, exclude=["senter"])`, loaded
once, one `nlp.pipe` over all the pipeline's block pieces) and the pipeline again, alternately: on a
shared machine the speed drifts by 10% or more within minutes, so each round's ratio compares two
passes run back to back, and the median round is the figure. Ratios are words/s of the whole
extract_document (ingest + spaCy + rules) over words/s of bare spaCy, by wall and by CPU time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402


def bare_pass(nlp, flat: list[str], words: int) -> dict:
    t, c = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(flat):
        pass
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    return {"words_per_s": words / wall, "words_per_cpu_s": words / cpu}


def line(label: str, p: dict, bare: dict | None = None) -> str:
    out = f"{label:<26} {p['words_per_s']:7,.0f} words/s  {p['words_per_cpu_s']:7,.0f} words/CPU-s"
    if bare is not None:
        out += (
            f"  ratio {p['words_per_s'] / bare['words_per_s']:.2f} "
            f"(CPU {p['words_per_cpu_s'] / bare['words_per_cpu_s']:.2f})"
        )
    if "share" in p:
        sh = p["share"]
        out += f"; ingest {sh['ingest']:.0%}, spaCy {sh['spacy']:.0%}, rules {sh['rules']:.0%}"
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    import spacy

    with tempfile.TemporaryDirectory(prefix="extractor-pieces-") as tmp:
        archive = Path(tmp) / "archive"
        bench.build_archive(archive, args.docs, 20, ocr=False)
        files = bench.archive_files(archive)
        print(
            f"extractor pieces benchmark  {time.strftime('%Y-%m-%d %H:%M')}  {len(files)} documents  "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        warm, texts, pieces = bench.in_process(files)
        flat = [p for doc in pieces for p in doc]
        words = warm["words"]
        print(f"{len(flat):,} pieces, {words:,} words", flush=True)
        print(line("pipeline pass 1 (warm-up)", warm), flush=True)
        nlp = spacy.load(bench.MODEL, exclude=["senter"])
        ratios, cpu_ratios = [], []
        for r in range(1, args.rounds + 1):
            bare = bare_pass(nlp, flat, words)
            ip, _, _ = bench.in_process(files)
            print(line(f"round {r}: bare spaCy", bare), flush=True)
            print(line(f"round {r}: pipeline", ip, bare), flush=True)
            ratios.append(ip["words_per_s"] / bare["words_per_s"])
            cpu_ratios.append(ip["words_per_cpu_s"] / bare["words_per_cpu_s"])
    print(
        f"median ratio over {len(ratios)} rounds: {statistics.median(ratios):.2f} "
        f"(CPU {statistics.median(cpu_ratios):.2f}); rounds {', '.join(f'{x:.2f}' for x in ratios)}"
    )
    print(f"load at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The in-process pipeline against bare spaCy over the very same block pieces, in one run. Prints numbers.

    .venv/bin/python benchmarks/pieces.py --docs 100 --rounds 5

Builds benchmarks/run.py's archive (N documents + a 20-page PDF; no scanned PDF, as bare spaCy
reads no images) and runs `pipeline.extract_document` on every document in this process once to
warm up (run.py `in_process`: ingest, spaCy and rules timed apart; printed as pass 1, which pays the
one-time loads). Then, --rounds times, bare spaCy (`spacy.load(model, exclude=["senter"])`, loaded
once, one `nlp.pipe` over all the pipeline's block pieces), the pipeline one document at a time
(`extract_document`) and the pipeline --batch documents at a time (`extract_documents`), in turn: on a
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


def batched_pass(files: list, words: int, batch: int) -> dict:
    """`pipeline.extract_documents` over the archive, `batch` documents parsed together."""
    from extractor.config import ExtractConfig
    from extractor.pipeline import extract_documents

    items = [(path.read_bytes(), rel) for rel, path in files]
    t, c = time.perf_counter(), time.process_time()
    for _ in extract_documents(items, ExtractConfig(), batch=batch):
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
    ap.add_argument("--batch", type=int, default=16, help="documents extract_documents parses together")
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
        ratios: dict[str, list[float]] = {"one at a time": [], f"{args.batch} together": []}
        cpu_ratios: dict[str, list[float]] = {k: [] for k in ratios}
        for r in range(1, args.rounds + 1):
            bare = bare_pass(nlp, flat, words)
            ip, _, _ = bench.in_process(files)
            together = batched_pass(files, words, args.batch)
            print(line(f"round {r}: bare spaCy", bare), flush=True)
            print(line(f"round {r}: pipeline", ip, bare), flush=True)
            print(line(f"round {r}: pipeline, {args.batch} docs", together, bare), flush=True)
            for key, p in zip(ratios, (ip, together)):
                ratios[key].append(p["words_per_s"] / bare["words_per_s"])
                cpu_ratios[key].append(p["words_per_cpu_s"] / bare["words_per_cpu_s"])
    for key, rs in ratios.items():
        print(
            f"median ratio, extract_document{'s' if 'together' in key else ''} ({key}), over {len(rs)} rounds: "
            f"{statistics.median(rs):.2f} (CPU {statistics.median(cpu_ratios[key]):.2f}); "
            f"rounds {', '.join(f'{x:.2f}' for x in rs)}"
        )
    print(f"load at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

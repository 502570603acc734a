#!/usr/bin/env python3
"""The in-process pipeline against bare spaCy over the very same block pieces, in one run. Prints numbers.

    .venv/bin/python benchmarks/pieces.py --docs 300

Builds benchmarks/run.py's archive (N documents + a 20-page PDF; no scanned PDF, as bare spaCy
reads no images), runs `pipeline.extract_document`
on every document in this process (run.py `in_process`: ingest, spaCy and rules timed apart), then
bare spaCy (`spacy.load(model, exclude=["senter"])`, one `nlp.pipe` over all the pipeline's block
pieces, run.py `bare_spacy`), then the pipeline again, so a change of load during the run shows as
a difference between the two pipeline passes. Ratios are words/s of the pipeline (whole
extract_document: ingest + spaCy + rules) over words/s of bare spaCy, by wall and by CPU time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=300)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="extractor-pieces-") as tmp:
        archive = Path(tmp) / "archive"
        bench.build_archive(archive, args.docs, 20, ocr=False)
        files = bench.archive_files(archive)
        print(
            f"extractor pieces benchmark  {time.strftime('%Y-%m-%d %H:%M')}  {len(files)} documents  "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        passes = []
        ip, texts, pieces = bench.in_process(files)
        passes.append(ip)
        bare = bench.bare_spacy(texts, pieces, with_blocks=True)
        ip2, _, _ = bench.in_process(files)
        passes.append(ip2)
    words = bare["words"]
    print(
        f"bare spaCy, block pieces   {bare['blocks_words_per_s']:7,.0f} words/s  "
        f"{bare['blocks_words_per_cpu_s']:7,.0f} words/CPU-s  {bare['block_pieces']:,} pieces, {words:,} words"
    )
    print(
        f"bare spaCy, whole texts    {bare['words_per_s']:7,.0f} words/s  {bare['words_per_cpu_s']:7,.0f} words/CPU-s"
    )
    for n, p in enumerate(passes, 1):
        sh = p["share"]
        print(
            f"pipeline pass {n}            {p['words_per_s']:7,.0f} words/s  {p['words_per_cpu_s']:7,.0f} words/CPU-s  "
            f"ratio to bare pieces {p['words_per_s'] / bare['blocks_words_per_s']:.2f} (CPU "
            f"{p['words_per_cpu_s'] / bare['blocks_words_per_cpu_s']:.2f}); ingest {sh['ingest']:.0%}, "
            f"spaCy {sh['spacy']:.0%}, rules {sh['rules']:.0%}; spaCy stage alone "
            f"{words / p['stages_s']['spacy']:,.0f} words/s"
        )
    print(f"load at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

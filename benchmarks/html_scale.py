#!/usr/bin/env python3
"""HTML ingest at scale: milliseconds to read a page of N tiny elements (default 1,000,000 spans),
split into parsing (BeautifulSoup + lxml) and the rest (tree walks for text and metadata).

    .venv/bin/python benchmarks/html_scale.py            # 1,000,000 elements
    .venv/bin/python benchmarks/html_scale.py 200000
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bs4 import BeautifulSoup  # noqa: E402

from extractor.ingest.html import PARSER, read_html  # noqa: E402


def page(n: int) -> bytes:
    return (b"<html><head><title>Big Page</title></head><body><p>" + b"<span>x</span>" * n
            + b"</p></body></html>")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    data = page(n)
    t = time.perf_counter()
    BeautifulSoup(data.decode(), PARSER)
    parse_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    doc = read_html(data, "big.html")
    total_ms = (time.perf_counter() - t) * 1000
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"html {n} elements: read_html {total_ms:.0f} ms (parse alone {parse_ms:.0f} ms, "
          f"walks about {max(total_ms - parse_ms, 0):.0f} ms), {len(doc.text)} chars, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()

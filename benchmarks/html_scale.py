#!/usr/bin/env python3
"""HTML ingest at scale: milliseconds to read a page of N tiny elements (default 1,000,000 spans),
and the share of it that is libxml2 parsing alone (a parser target that does nothing).

    .venv/bin/python benchmarks/html_scale.py            # 1,000,000 elements
    .venv/bin/python benchmarks/html_scale.py 200000

Measured on the 2-core dev box, 1,000,000 spans: BeautifulSoup tree and ~55 finds over it, 47 s
(88 s on the issue's page); the same tree walked twice, 22.5 s and 1.1 GB peak RSS (the tree alone
took 16-23 s to build); one pass over the lxml parser's events, no tree: 1.9 s and 81 MB.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lxml import etree  # noqa: E402

from extractor.ingest.html import read_html  # noqa: E402


class _Nothing:
    def start(self, tag, attrib, nsmap=None):
        pass

    def end(self, tag):
        pass

    def data(self, text):
        pass

    def close(self):
        pass


def page(n: int) -> bytes:
    return b"<html><head><title>Big Page</title></head><body><p>" + b"<span>x</span>" * n + b"</p></body></html>"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    data = page(n)
    t = time.perf_counter()
    doc = read_html(data, "big.html")
    total_ms = (time.perf_counter() - t) * 1000
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    parser = etree.HTMLParser(target=_Nothing())
    parser.feed(data.decode())
    parser.close()
    parse_ms = (time.perf_counter() - t) * 1000
    print(
        f"html {n} elements: read_html {total_ms:.0f} ms (libxml2 parsing alone {parse_ms:.0f} ms), "
        f"{len(doc.text)} chars, peak RSS {rss:.0f} MB"
    )


if __name__ == "__main__":
    main()

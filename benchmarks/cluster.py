#!/usr/bin/env python3
"""Documents/s through the local pool and through local Dask clusters, on the same archive, in one run.

    .venv/bin/python benchmarks/cluster.py                  # 200 documents + a 20-page PDF
    .venv/bin/python benchmarks/cluster.py --docs 100 --rounds 2

Builds benchmarks/run.py's synthetic archive (corpus documents with varied figures), then runs the
command line on it with --force into fresh OUT folders: `-j 1`, `-j 2`, `--cluster local:1`,
`--cluster local:2` (each round in that order; --rounds N repeats them, to see the noise). Wall time
includes start-up (the pool forks after loading the model; a cluster starts its scheduler and
workers, each loading the model). Every tree must hold the same records and error log as the
first; the incremental rerun on the cluster must process nothing. Prints numbers only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import build_archive  # noqa: E402

RUNS = [
    ("pool -j 1", ["-j", "1"]),
    ("pool -j 2", ["-j", "2"]),
    ("dask local:1", ["--cluster", "local:1"]),
    ("dask local:2", ["--cluster", "local:2"]),
]


def tree(out: Path) -> dict[str, bytes]:
    files = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*.json") if ".extractor" not in p.parts}
    files["errors.jsonl"] = (out / ".extractor" / "errors.jsonl").read_bytes()
    return files


def extract(archive: Path, out: Path, args: list[str], force: bool = True) -> dict:
    cmd = [sys.executable, "-m", "extractor", "extract", str(archive), str(out), "-q", *args]
    if force:
        cmd.append("--force")
    load0, t = os.getloadavg()[0], time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - t
    counts = json.loads((out / ".extractor" / "manifest.json").read_text())["counts"]
    return {
        "wall_s": wall,
        "exit": r.returncode,
        "counts": counts,
        "load_before": load0,
        "load_after": os.getloadavg()[0],
        "stderr": r.stderr.strip().splitlines()[-1:],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    tmp = None if args.workdir else tempfile.TemporaryDirectory(prefix="extractor-cluster-")
    work = args.workdir or Path(tmp.name)
    try:
        archive = work / "archive"
        info = build_archive(archive, args.docs, 20)
        print(
            f"extractor cluster benchmark  {time.strftime('%Y-%m-%d %H:%M')}  {os.cpu_count()} CPUs  "
            f"archive {info['documents']} docs, {info['bytes'] / 1e6:.1f} MB",
            flush=True,
        )
        results, reference = [], None
        for rnd in range(args.rounds):
            for label, extra in RUNS:
                out = work / f"out-{label.replace(' ', '_').replace(':', '')}-{rnd}"
                shutil.rmtree(out, ignore_errors=True)
                x = extract(archive, out, extra)
                t = tree(out)
                reference = reference or t
                x.update(
                    label=label, round=rnd, identical=t == reference, docs_per_s=x["counts"]["processed"] / x["wall_s"]
                )
                if label.startswith("dask local:2") and rnd == 0:
                    again = extract(archive, out, extra, force=False)
                    x["rerun"] = {
                        "wall_s": again["wall_s"],
                        "processed": again["counts"]["processed"],
                        "skipped": again["counts"]["skipped"],
                        "identical": tree(out) == reference,
                    }
                results.append(x)
                print(
                    f"{label:<13} round {rnd}  {x['wall_s']:6.1f} s  {x['docs_per_s']:5.2f} docs/s  "
                    f"{x['counts']['processed']} ok {x['counts']['failed']} failed  exit {x['exit']}  "
                    f"same tree as the first: {x['identical']}  load {x['load_before']:.1f} -> "
                    f"{x['load_after']:.1f}" + (f"  rerun: {x['rerun']}" if "rerun" in x else ""),
                    flush=True,
                )
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n")
    finally:
        if tmp:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Rewrite tests/corpus_known_gaps.json from the current extractor, printing what changed.

Run after a change to the rules, read the printed diff: every 'fixed' line is a gap closed, every
'new' line is a regression to fix rather than record."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from corpus_gaps import GAPS_FILE, documents, gaps_of  # noqa: E402

old = json.loads(GAPS_FILE.read_text(encoding="utf-8")) if GAPS_FILE.exists() else {}
new = {p.name: g for p in documents() if (g := gaps_of(p))}
for name in sorted(set(old) | set(new)):
    for field in sorted(set(old.get(name, {})) | set(new.get(name, {}))):
        for kind in ("missed", "extra"):
            o = set(old.get(name, {}).get(field, {}).get(kind, []))
            n = set(new.get(name, {}).get(field, {}).get(kind, []))
            for item in sorted(n - o):
                print(f"new    {name} {field} {kind}: {item}")
            for item in sorted(o - n):
                print(f"fixed  {name} {field} {kind}: {item}")
GAPS_FILE.write_text(json.dumps(new, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
total = sum(len(v) for g in new.values() for f in g.values() for v in f.values())
print(f"{total} known gap items in {len(new)} documents")

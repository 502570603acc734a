"""Write tests/golden/<document>.json: the full record of every corpus document, every field.

Run by `make golden` after a change that is meant to change records; then read `git diff
tests/golden/` before committing: every line of it is a change a reviewer would see.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from golden import GOLDEN, documents, record_text  # noqa: E402


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    wanted = set()
    for path in documents():
        out = GOLDEN / f"{path.name}.json"
        wanted.add(out.name)
        text = record_text(path)
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            out.write_text(text, encoding="utf-8")
            print(f"wrote {out.relative_to(ROOT)}")
    for stale in GOLDEN.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()
            print(f"removed {stale.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

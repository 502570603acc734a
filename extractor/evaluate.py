"""Score records against hand-made gold files (`<input name>.gold.json`, the format of corpus/expected/).

Matching follows the shared scorer: amounts by (currency, value) within 0.5%, companies by
normalized name against a list of accepted names, deadlines by date or duration, sectors and
countries by label, commitments by amount plus one gold company and one gold sector. Items
listed under `<field>_optional` are neither rewarded nor punished.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from extractor.resources import load_json

_T = TypeVar("_T")

FIELDS = ("amounts", "companies", "deadlines", "sectors", "countries", "commitments")


@lru_cache(maxsize=1)
def _name_affixes() -> tuple[frozenset[str], frozenset[str]]:
    """(suffixes, prefixes) taken off company names before comparing them: data/scoring.json, which
    mirrors the shared scorer's SUFFIXES."""
    data = load_json("scoring.json")
    return frozenset(data["name_suffixes"]), frozenset(data["name_prefixes"])


def norm_name(name: str) -> str:
    suffixes, prefixes = _name_affixes()
    s = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    words = re.findall(r"\w+", s)
    while words and words[-1] in suffixes:
        words.pop()
    while words and words[0] in prefixes:
        words.pop(0)
    return " ".join(words)


def same_value(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= 0.005 * max(abs(float(b)), 1.0)


@dataclass
class FieldResult:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list = field(default_factory=list)
    extra: list = field(default_factory=list)

    def add(self, other: FieldResult) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _match(system, gold, optional, same) -> FieldResult:
    left = list(gold)
    res = FieldResult()
    for s in system:
        hit = next((g for g in left if same(s, g)), None)
        if hit is not None:
            left.remove(hit)
            res.tp += 1
        elif not any(same(s, o) for o in optional):
            res.extra.append(s)
    res.fp, res.fn, res.missed = len(res.extra), len(left), left
    return res


def _unique(items: Iterable[_T], same: Callable[[_T, _T], bool]) -> list[_T]:
    out: list[_T] = []
    for x in items:
        if not any(same(x, y) for y in out):
            out.append(x)
    return out


def score_record(rec: dict, gold: dict) -> dict[str, FieldResult]:
    out = {}
    same_amount = lambda s, g: s[0] == g[0] and same_value(s[1], g[1])
    sys_amounts = _unique([(a["currency"], a["value"]) for a in rec.get("amounts", [])], same_amount)
    out["amounts"] = _match(
        sys_amounts,
        [(g["currency"], g["value"]) for g in gold.get("amounts", [])],
        [(g["currency"], g["value"]) for g in gold.get("amounts_optional", [])],
        same_amount,
    )
    sys_c = _unique(
        [norm_name(c["name"]) for c in rec.get("companies", []) if norm_name(c["name"])], lambda a, b: a == b
    )
    out["companies"] = _match(
        sys_c,
        [{norm_name(x) for x in alts} for alts in gold.get("companies", [])],
        [{norm_name(x) for x in alts} for alts in gold.get("companies_optional", [])],
        lambda s, g: s in g,
    )
    key = lambda d: d.get("date") or d.get("duration")
    sys_d = _unique([key(d) for d in rec.get("deadlines", []) if key(d)], lambda a, b: a == b)
    out["deadlines"] = _match(
        sys_d,
        [key(g) for g in gold.get("deadlines", [])],
        [key(g) for g in gold.get("deadlines_optional", [])],
        lambda s, g: s == g,
    )
    out["sectors"] = _match(
        sorted({s["sector"] for s in rec.get("sectors", [])}),
        gold.get("sectors", []),
        gold.get("sectors_optional", []),
        lambda s, g: s == g,
    )
    out["countries"] = _match(
        sorted({c["code"] for c in rec.get("countries", [])}),
        gold.get("countries", []),
        gold.get("countries_optional", []),
        lambda s, g: s == g,
    )

    def commit_ok(s, g):
        amt = s["amount"]
        if amt["currency"] != g["currency"] or not same_value(amt["value"], g["value"]):
            return False
        names = {norm_name(n) for n in s.get("companies", [])}
        if g.get("companies") and not names & {norm_name(n) for n in g["companies"]}:
            return False
        if g.get("sectors") and not set(s.get("sectors", [])) & set(g["sectors"]):
            return False
        return True

    sys_cm = _unique(
        rec.get("commitments", []),
        lambda a, b: a["amount"]["currency"] == b["amount"]["currency"]
        and same_value(a["amount"]["value"], b["amount"]["value"]),
    )
    res = _match(sys_cm, gold.get("commitments", []), gold.get("commitments_optional", []), commit_ok)
    res.extra = [(c["amount"]["text"], c["companies"], c["sectors"]) for c in res.extra]
    out["commitments"] = res
    return out


def score_folder(records: Path, gold_dir: Path) -> tuple[dict[str, FieldResult], list[str], list[str]]:
    totals = {f: FieldResult() for f in FIELDS}
    notes, missing = [], []
    for gpath in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        rpath = records / (gold["file"] + ".json")
        if not rpath.exists():
            hits = sorted(records.rglob(gold["file"] + ".json"))
            rpath = hits[0] if hits else rpath
        rec = json.loads(rpath.read_text(encoding="utf-8")) if rpath.exists() else {}
        if not rec:
            missing.append(gold["file"])
        for name, res in score_record(rec, gold).items():
            totals[name].add(res)
            if res.missed or res.extra:
                notes.append(f"{gold['file']} {name}: missed {res.missed} extra {res.extra}")
    return totals, notes, missing


def format_table(totals: dict[str, FieldResult]) -> str:
    lines = [f"{'field':<12} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn"]
    for name in FIELDS:
        t = totals[name]
        p, r, f = t.prf()
        lines.append(f"{name:<12} {p:>6.3f} {r:>6.3f} {f:>6.3f}   {t.tp}/{t.fp}/{t.fn}")
    return "\n".join(lines)

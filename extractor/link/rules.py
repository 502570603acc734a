"""The linking rule data (data/commitments.json) as regexes, loaded once."""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.resources import load_json


def alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def link_rules() -> dict:
    d = load_json("commitments.json")
    modal = r"(?:will|would|has|have|plans?\s+to|committed\s+to|pledged\s+to|agreed\s+to)?\s*"
    return {
        "anaphor": re.compile(rf"^(?:[-•*]\s*)?(?:{alt(d['anaphora_subjects'])})\s+(?:\w+\s+){{0,2}}?"
                              rf"(?:{alt(d['anaphora_nouns'])}|is|was|will|would)\b|^(?:It|They)\b"),
        "roles_before": [(role, re.compile(rf"\b(?:{alt(cues)})\s*$", re.I))
                         for role, cues in d["role_cues_before"].items()],
        "roles_after": [(role, re.compile(rf"^(?:’s|'s)?\s*{modal}(?:{alt(verbs)})\b", re.I))
                        for role, verbs in d["role_verbs_after"].items()],
        "total": re.compile(rf"\b(?:{alt(d['total_cues'])})", re.I),
    }

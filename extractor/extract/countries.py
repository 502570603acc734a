"""Countries by name, alias, demonym and capital-city metonym (data/countries.json)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from extractor.extract.mentions import CountryMention
from extractor.resources import alternation, load_json


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], dict[str, str], set[str], dict[str, str], dict[str, dict], re.Pattern[str]]:
    """(surface-form regex, surface form -> code, blocked forms, code -> name, ambiguous names, US-town regex)."""
    data = load_json("countries.json")
    surface: dict[str, str] = {}
    names: dict[str, str] = {}
    for c in data["countries"]:
        names[c["code"]] = c["name"]
        for s in [c["name"], *c["aliases"], *c["demonyms"], *c["capitals"]]:
            surface.setdefault(s, c["code"])
    blocked = list(data["not_countries"])
    forms = [*surface, *blocked]
    alt = alternation(forms, flexible_space=False)
    # Case-sensitive: "US" the country, not "us"; names are proper nouns. The lookahead on the forms'
    # first characters only skips positions where no form can start (the same matches, several times faster:
    # otherwise the lookbehind and the whole alternation are tried at every character of the text).
    first = "".join(sorted({re.escape(f[0]) for f in forms}))
    regex = re.compile(rf"(?=[{first}])(?<![\w.&])(?:{alt})(?![\w&])")
    states = alternation(data["us_states"] + data["us_state_codes"], flexible_space=False)
    us_place = re.compile(rf",\s*(?:{states})\b")  # "Malta, NY", "Lebanon, Ohio": a US town
    return regex, surface, set(blocked), names, data.get("ambiguous", {}), us_place


def country_name(code: str) -> str:
    return _rules()[3][code]


def find_countries(text: str, exclude: Sequence[tuple[int, int]] = ()) -> list[CountryMention]:
    """Country mentions; `exclude` are spans (e.g. inside company names) that don't count."""
    regex, surface, blocked, _, ambiguous, us_place = _rules()
    # "Georgia" is the US state unless the text also says "Tbilisi" or "Georgian"; "Congo" is the DR Congo
    # unless it says "Brazzaville".
    confirmed = {
        name
        for name, rule in ambiguous.items()
        if (not rule.get("needs_any") or any(w in text for w in rule["needs_any"]))
        and not any(w in text for w in rule.get("unless_any", ()))
    }
    out: list[CountryMention] = []
    for m in regex.finditer(text):
        s = m.group(0)
        if s in blocked or (s in ambiguous and s not in confirmed):
            continue
        if surface[s] != "USA" and us_place.match(text, m.end()):
            continue
        if any(a <= m.start() and m.end() <= b for a, b in exclude):
            continue
        out.append(CountryMention(m.start(), m.end(), surface[s]))
    return out


@lru_cache(maxsize=1)
def _us_states() -> frozenset:
    data = load_json("countries.json")
    return frozenset(data["us_states"] + data["us_state_codes"])


def is_us_state(s: str) -> bool:
    """'Texas', 'NY': a US state (a place where a plant is, not a company)."""
    return s in _us_states()


@lru_cache(maxsize=1)
def _major_places() -> frozenset:
    return frozenset(load_json("countries.json")["major_places"])


def is_major_place(s: str) -> bool:
    """'Chicago', 'Lagos', 'Western Australia': a city, state or region deal news names (countries.json
    major_places), as written or in capitals ('SEATTLE (Reuters) -')."""
    return s in _major_places() or (s.isupper() and s.title() in _major_places())


def is_country_name(s: str) -> bool:
    """'ABU DHABI', 'Japan', 'South Koreans': a country, people or capital, in any letter case."""
    surface = _rules()[1]
    if s in surface:
        return True
    return s.isupper() and len(s) > 3 and s.title() in surface

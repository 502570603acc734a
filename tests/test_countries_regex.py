"""The country regex's first-character lookahead only skips positions: the same matches as without it."""

import re

from extractor.extract import countries
from extractor.resources import alternation, load_json


def test_the_first_character_lookahead_finds_exactly_what_the_plain_alternation_finds():
    data = load_json("countries.json")
    forms = [s for c in data["countries"] for s in [c["name"], *c["aliases"], *c["demonyms"], *c["capitals"]]]
    forms += list(data["not_countries"])
    plain = re.compile(rf"(?<![\w.&])(?:{alternation(forms, flexible_space=False)})(?![\w&])")
    text = (
        "Japan and the US signed; South Koreans in Seoul, Georgia (Tbilisi) and Malta, NY. "
        "U.S.-Japan ties, Saudi Arabia's PIF, S&P Korea, the UAE and Ålesund or Éire. " * 3
    ) + " ".join(forms)
    assert [m.span() for m in countries._rules()[0].finditer(text)] == [m.span() for m in plain.finditer(text)]

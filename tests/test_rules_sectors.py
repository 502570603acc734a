"""Sectors and countries through the whole pipeline, against RECORD.md.

Each sector row: a short text and the EXACT set of taxonomy labels expected.
Each country row: a short text and the EXACT set of ISO 3166-1 alpha-3 codes.
"""

import pytest
from conftest import extract_text

SECTOR_ROWS = [
    ("Japan will help build a natural gas pipeline in Alaska.", {"energy"}),
    ("The deal funds new nuclear reactors and small modular reactors.", {"energy"}),
    ("The partners will invest in fusion energy and energy storage.", {"energy"}),
    ("Hitachi will upgrade the power grid and build new substations.", {"energy"}),
    ("Both sides will secure supplies of rare earths and permanent magnets.", {"critical_minerals"}),
    ("Brussels wants steady access to critical raw materials such as gallium.", {"critical_minerals"}),
    ("The bloc listed 34 critical raw materials.", {"critical_minerals"}),
    ("A new copper smelting and refining plant will open in Arizona.", {"critical_minerals"}),
    ("The fund backs lithium mining and processing in Nevada.", {"critical_minerals"}),
    ("The company will expand semiconductor manufacturing and wafer production in Texas.", {"semiconductors"}),
    ("The startup makes synthetic diamonds for chips.", {"semiconductors"}),
    ("The partners will build AI data centers in Ohio.", {"artificial_intelligence"}),
    ("Japan will help secure the full AI technology stack.", {"artificial_intelligence"}),
    ("The agreement covers undersea cables and 6G research.", {"telecommunications"}),
    ("The pact supports pharmaceuticals and life sciences research.", {"biotechnology"}),
    ("The Swiss drugmaker will add two plants in North Carolina.", {"biotechnology"}),
    ("The mine will lift rare\u2011earth output by 5%.", {"critical_minerals"}),  # a non-breaking hyphen
    ("Humain will build AI factories with 18,000 GPUs.", {"artificial_intelligence"}),
    ("The plant makes lithium-ion cells for electric vehicles.", {"automotive"}),
    ("The drugmaker said our pipeline drives the plan.", {"biotechnology"}),
    ("The two nations will cooperate on quantum computing.", {"quantum"}),
    ("NASA and JAXA will expand space cooperation, including satellite launches.", {"space"}),
    ("Korean Air will buy 103 Boeing aircraft and spare engines.", {"aerospace_defense"}),
    ("Poland signed a contract for Korean defense equipment.", {"aerospace_defense"}),
    ("Korea will invest in U.S. shipyards and the repair of commercial vessels.", {"shipbuilding"}),
    ("Tariffs on Japanese vehicles and auto parts will fall to 15%.", {"automotive"}),
    ("Ottawa will lower duties on Mexican cars and timber to 10%.", {"automotive"}),
    ("Car exports to Europe rose in March.", {"automotive"}),
    ("The levy on imported trucks doubles next year.", {"automotive"}),
    ("Tariffs on steel will hurt every car buyer.", {"manufacturing"}),
    ("Tariffs on trucks will rise to 25%.", {"automotive"}),
    ("Exports of crude to Asia fell.", {"energy"}),
    ("She parked the car outside the ministry.", set()),
    ("Murata will supply capacitors and power modules.", {"electronics"}),
    ("The deal expands cloud infrastructure and digital trade.", {"cloud_digital"}),
    ("Funds will modernize ports and rail lines.", {"infrastructure"}),
    ("The host city must pay for new stadiums and infrastructure before the games.", {"infrastructure"}),
    ("The province will fund a tunnel under the river.", {"infrastructure"}),
    ("The bank will fund infrastructure in the region.", set()),
    ("Japan will buy $8 billion of U.S. farm goods, including corn and fertilizer.", {"agriculture"}),
    ("Nippon Steel will upgrade U.S. steel mills.", {"manufacturing"}),
    ("The plan supports advanced manufacturing and heavy industry.", {"manufacturing"}),
    (
        "The package covers energy, semiconductors, critical minerals and shipbuilding.",
        {"energy", "semiconductors", "critical_minerals", "shipbuilding"},
    ),
    # --- negatives ----------------------------------------------------------
    ("GE Vernova Energy opened a new office in Tokyo.", set()),
    ("The two leaders met in Washington on Tuesday.", set()),
    ("The firm leased new office space in New York.", set()),
    ("The ministers discussed the agreement at length.", set()),
    ("The aircraft maker is still fixing manufacturing defects and cost overruns.", {"aerospace_defense"}),
    ("Regulators cited manufacturing flaws at the supplier.", set()),
    ("The recall followed a manufacturing problem in the brakes.", set()),
    ("Toyota plans to ship U.S.-built pickups to Japan.", {"automotive"}),  # "ship", a verb: no shipbuilding
    ("TABLE 1. LEADING-EDGE LOGIC AND MEMORY CHIPS", {"semiconductors"}),
]


@pytest.mark.parametrize("text,expected", SECTOR_ROWS, ids=[t[:60] for t, _ in SECTOR_ROWS])
def test_sectors(text, expected):
    record = extract_text(text)
    assert {s.sector for s in record.sectors} == expected
    for s in record.sectors:
        assert s.evidence, s.sector


def test_all_labels_covered():
    from typing import get_args

    from extractor.models import Sector

    covered = set().union(*(e for _, e in SECTOR_ROWS))
    assert covered == set(get_args(Sector))


COUNTRY_ROWS = [
    ("The U.S. and Japan signed the agreement.", {"USA", "JPN"}),
    ("US tariffs on imports will fall.", {"USA"}),
    ("The company will build more plants in America.", {"USA"}),
    ("The United States of America and the Republic of Korea issued a joint statement.", {"USA", "KOR"}),
    ("Korea will invest $350 billion.", {"KOR"}),
    ("South Korea agreed to buy more LNG.", {"KOR"}),
    ("The ROK delegation arrived on Monday.", {"KOR"}),
    ("Britain will cut tariffs on beef.", {"GBR"}),
    ("UK officials welcomed the deal.", {"GBR"}),
    ("Washington and Tokyo agreed on the terms.", {"USA", "JPN"}),
    ("Seoul welcomed the agreement.", {"KOR"}),
    ("Drilling in the Gulf of Mexico will expand.", set()),
    ("Japanese firms will invest in American shipyards.", {"JPN", "USA"}),
    ("Contact us for details.", set()),
    ("GlobalFoundries runs its fab in Malta, NY, and a plant in Essex Junction, VT.", set()),
    ("Georgia's Hyundai Metaplant employs 8,500 people.", set()),
]


@pytest.mark.parametrize("text,expected", COUNTRY_ROWS, ids=[t[:60] for t, _ in COUNTRY_ROWS])
def test_countries(text, expected):
    record = extract_text(text)
    assert {c.code for c in record.countries} == expected

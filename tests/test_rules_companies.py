"""Companies through the whole pipeline, against RECORD.md ("companies").

Commercial enterprises (state-owned included) are companies; governments,
ministries, agencies, armed forces, universities, people, deals, countries and
the outlet that published the page are not. A company is named as the document
first names it in full, legal suffix included as written ("Apple Inc.").
Each row: a short text and the EXACT set of company names expected.
"""

import pytest
from conftest import extract_text

ROWS = [
    # --- positives: suffixes ------------------------------------------------
    ("Apple Inc. announced a $500 billion commitment to U.S. manufacturing.", {"Apple Inc."}),
    (
        "Nvidia Corp. and Oracle Corp. will supply chips for new data centers in Texas.",
        {"Nvidia Corp.", "Oracle Corp."},
    ),
    (
        "Samsung Electronics Co., Ltd. plans to expand its chip plant in Taylor, Texas.",
        {"Samsung Electronics Co., Ltd."},
    ),
    ("Hyundai Motor Group will invest $26 billion in the United States through 2028.", {"Hyundai Motor Group"}),
    ("SK Holdings and Panasonic Holdings signed a battery supply agreement.", {"SK Holdings", "Panasonic Holdings"}),
    ("Palantir Technologies will provide software for the program.", {"Palantir Technologies"}),
    ("Mitsubishi Heavy Industries will build gas turbines for the Texas project.", {"Mitsubishi Heavy Industries"}),
    ("Mitsubishi Electric will supply power systems for the new substations.", {"Mitsubishi Electric"}),
    ("Westinghouse Electric Company will build four AP1000 reactors.", {"Westinghouse Electric Company"}),
    ("Toshiba Corporation will supply transformers for the grid upgrade.", {"Toshiba Corporation"}),
    ("Fujikura Ltd. will expand optical fiber production in South Carolina.", {"Fujikura Ltd."}),
    (
        "HD Hyundai Heavy Industries and Hanwha Ocean will modernize U.S. shipyards.",
        {"HD Hyundai Heavy Industries", "Hanwha Ocean"},
    ),
    # --- positives: state-owned, lists, roles -------------------------------
    ("Korea Gas Corporation, the state-owned importer, will buy more U.S. LNG.", {"Korea Gas Corporation"}),
    (
        "Key players include Westinghouse, Bechtel, Kiewit and Carrier.",
        {"Westinghouse", "Bechtel", "Kiewit", "Carrier"},
    ),
    ("The consortium, led by Hitachi, will upgrade transmission lines in Virginia.", {"Hitachi"}),
    ("Toyota will invest $10 billion in new U.S. plants.", {"Toyota"}),
    ("Up to $1 billion will fund production of optical fiber cables (Fujikura) in the United States.", {"Fujikura"}),
    ("GE Vernova and Hitachi will supply large-scale power equipment.", {"GE Vernova", "Hitachi"}),
    ("Commerce Secretary Howard Lutnick said Toyota would build a new plant.", {"Toyota"}),
    ("Nippon Steel Corp. completed its acquisition of U.S. Steel in June.", {"Nippon Steel Corp.", "U.S. Steel"}),
    ("OpenAI and Oracle will expand the Abilene data center campus.", {"OpenAI", "Oracle"}),
    ("JERA, Japan's largest power generator, signed new LNG contracts.", {"JERA"}),
    # --- negatives ----------------------------------------------------------
    ("The White House released a fact sheet on the agreement.", set()),
    ("The Department of Commerce will oversee the investments.", set()),
    ("The Ministry of Trade, Industry and Energy said talks would continue.", set()),
    ("The U.S. Air Force will purchase additional aircraft.", set()),
    ("Congress must approve the funding before it takes effect.", set()),
    ("Harvard University researchers will join the quantum program.", set()),
    ("The Technology Prosperity Deal covers AI, quantum and nuclear energy.", set()),
    ("The European Union agreed to a 15% tariff on most goods.", set()),
    ("OSTP Director Michael Kratsios signed the memorandum in London.", set()),
    ("President Donald Trump announced the deal on Tuesday.", set()),
    ("Commerce Secretary Howard Lutnick said the funds would be deployed quickly.", set()),
    (
        "By Jane Smith, Reporter at Dealwire\n\nToyota will invest $10 billion in new U.S. plants.\n\n"
        "Disclaimer: Dealwire.com does not endorse any investment.",
        {"Toyota"},
    ),
    ("Japanese firms will invest in American shipyards.", set()),
    ("The partnership covers quantum information sciences.", set()),
    ("• Final approval is expected from Korean regulators.", set()),
    ("The Export-Import Bank of the United States will finance the terminal.", set()),
    ("Prime Minister Shigeru Ishiba welcomed the agreement.", set()),
    ("Japan's Ministry of Economy, Trade and Industry (METI) will screen the projects.", set()),
    ("U.S. Trade Representative Jamieson Greer led the talks.", set()),
    ("The Bank of Japan kept interest rates unchanged.", set()),
    ("The U.S. Navy will send vessels to Korean yards for repair.", set()),
    # --- names defined with an acronym, lists after "with", brand shapes, outlets
    ("Emirates Global Aluminium (EGA) confirmed plans to build a smelter in Oklahoma.", {"Emirates Global Aluminium"}),
    (
        "The cluster is being developed with OpenAI, Oracle, Nvidia, Cisco and SoftBank Group.",
        {"OpenAI", "Oracle", "Nvidia", "Cisco", "SoftBank Group"},
    ),
    (
        "On energy, Centrica and X-energy agreed to develop up to 12 advanced modular reactors.",
        {"Centrica", "X-energy"},
    ),
    ("The supercomputer will be fitted with 23,000 Nvidia GPUs, and Nvidia will invest £2bn.", {"Nvidia"}),
    (
        "Hanwha Ocean and Hanwha Systems bought Philly Shipyard, and Hanwha Group will invest $5 billion.",
        {"Hanwha Ocean", "Hanwha Systems", "Philly Shipyard", "Hanwha Group"},
    ),
    (
        "Supply of gas turbines (GE Vernova), and SMRs from GE Vernova Hitachi Nuclear Energy.",
        {"GE Vernova", "GE Vernova Hitachi Nuclear Energy"},
    ),
    ("The Meridian Desk is an independent newsletter. © 2025 Meridian Desk Ltd.", set()),
    (
        "TOKYO (Reuters) - Toyota Motor Corp said it would import 100 Ford F-150 trucks.",
        {"Toyota Motor Corp", "Ford"},
    ),  # --- a period glued to the next sentence cuts the name ("Monday.Kepco"); "U.S." stays whole
    (
        "Talks ended in Busan on Friday.Daewoo Group agreed to buy the yard, and U.S. Steel will supply it.",
        {"Daewoo Group", "U.S. Steel"},
    ),
    ("Ships crossed the Black Sea.It was called PORTS.U.S. President Donald Trump spoke.", set()),
    # --- short forms of a person's name the model found: family name first, particle, honorific
    (
        "Hanwha Ocean hired Park Min-jae last year. Park signed the contract with Samsung Heavy Industries.",
        {"Hanwha Ocean", "Samsung Heavy Industries"},
    ),
    ("Trade chief Greta van der Berg met Airbus. Van der Berg said Airbus would invest $2 billion.", {"Airbus"}),
    ("Datuk Seri Amran Hakim welcomed Petronas. Datuk Seri Amran said the deal was done.", {"Petronas"}),
    ("Korea Zinc will invest $7 billion in Tennessee.", {"Korea Zinc"}),
    ("Shares of Nike and Under Armour rose after the tariff news.", {"Nike", "Under Armour"}),
]


@pytest.mark.parametrize("text,expected", ROWS, ids=[t[:60] for t, _ in ROWS])
def test_companies(text, expected):
    record = extract_text(text)
    assert {c.name for c in record.companies} == expected


def test_softbank_group_then_softbank_is_one_company():
    text = (
        "SoftBank Group will invest $25 billion in Ohio data centers. "
        "Later, SoftBank said the first phase would open in 2026."
    )
    record = extract_text(text)
    assert [c.name for c in record.companies] == ["SoftBank Group"]
    mentions = record.companies[0].mentions
    assert [text[s:e] for s, e in mentions] == ["SoftBank Group", "SoftBank"]


def test_jbic_is_a_government_lender_not_a_company():
    """A policy bank of the Japanese government (an agency under RECORD.md), named in full or by its
    acronym: no company, and no fragment of its name ('International Cooperation')."""
    record = extract_text(
        "The Japan Bank for International Cooperation (JBIC) will provide financing, "
        "and JBIC said the loans would close in May."
    )
    assert record.companies == []


def test_a_heading_names_the_known_firms_it_holds_only():
    """A factbox entry's heading ('Eli Lilly' over its paragraph) and a Title Case headline name the firms the
    KB knows; capitals there say nothing, so unknown names and known names of common words alone do not count."""
    text = (
        "Drugmakers Line Up Global Payments As Nvidia Commits Funds\n\n"
        "Eli Lilly\n\n"
        "The drugmaker will invest $5 billion in a plant in Virginia.\n\n"
        "Kestrel Biologics\n\n"
        "The company will spend $2 billion.\n"
    )
    record = extract_text(text)
    assert [c.name for c in record.companies] == ["Nvidia", "Eli Lilly"]
    lilly = record.commitments[0]
    assert lilly.amount.value == 5e9 and lilly.companies == ["Eli Lilly"]


def test_stock_symbols_printed_after_a_known_firm_are_cut():
    text = "Oracle Corp ORCL and SoftBank Group SFTBF said on Monday they would add five sites. Samsung SDI agreed."
    names = [c.name for c in extract_text(text).companies]
    assert names == ["Oracle Corp", "SoftBank Group", "Samsung SDI"]


def test_a_legal_form_before_the_name_names_the_same_firm():
    text = "PT Vale Indonesia will expand the smelter, and Vale Indonesia said the work starts in May."
    companies = extract_text(text).companies
    assert [(c.name, len(c.mentions)) for c in companies] == [("PT Vale Indonesia", 2)]


def test_congo_alone_is_the_dr_congo_unless_the_text_says_brazzaville():
    assert [c.code for c in extract_text("Congo wants new investment in its cobalt mines.").countries] == ["COD"]
    text = "Congo, whose capital is Brazzaville, signed an oil accord."
    assert [c.code for c in extract_text(text).countries] == ["COG"]  # the capital's, not Congo's


def test_a_firm_named_for_its_state_keeps_the_place_and_a_body_word():
    """'Public Service Company of Oklahoma': a utility's name holds a public body's word ('Service') and its
    state; a firm's own legal form ('Company') says firm, and with only common words before it the place
    is part of the name, while 'Kataman Metals LLC of St. Louis' is a firm and its home."""
    text = (
        "Power will come from Public Service Company of Oklahoma, and steel from Kataman Metals LLC of St. Louis. "
        "The Internal Revenue Service will review the deal."
    )
    assert [c.name for c in extract_text(text).companies] == [
        "Public Service Company of Oklahoma",
        "Kataman Metals LLC",
    ]


def test_a_short_name_before_a_corporate_phrase_is_the_same_firm():
    text = "Brookfield Asset Management will invest $5 billion. Brookfield said the plants open in 2030."
    companies = extract_text(text).companies
    assert [(c.name, len(c.mentions)) for c in companies] == [("Brookfield Asset Management", 2)]


def test_a_country_in_brackets_or_a_site_it_owns_says_firm():
    """Government fact sheets list firms with their country in brackets; a possessive before a named site
    says its owner is a firm, unless the owner is a country."""
    text = (
        "Offtake deals were signed with Panasonic (Japan) and Vestrel (Luxembourg). "
        "Northern Graphite's Bissett Creek Mine will ship first. Japan's Kyushu plant also opens."
    )
    names = [c.name for c in extract_text(text).companies]
    assert names == ["Panasonic", "Vestrel", "Northern Graphite"]


def test_datelines_weekdays_and_forums_are_no_part_of_a_firm():
    text = (
        "SEATTLE (Reuters) - On Thursday Toyota said it would add a plant. "
        "At the G7 Energy and Environment Ministers' Meeting, BP prevailed in an arbitration."
    )
    assert [c.name for c in extract_text(text).companies] == ["Toyota", "BP"]


def test_a_firm_and_its_parent_in_brackets_stay_two_firms():
    text = "OXXO (FEMSA) joined the plan, and FEMSA said OXXO would add 500 stores."
    assert sorted(c.name for c in extract_text(text).companies) == ["FEMSA", "OXXO"]

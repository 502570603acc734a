"""Money amounts and percentages, row by row, against RECORD.md ("amounts (money only)").

Each row: an input text and the EXACT list of amounts expected in it, in document
order, as (text, value, currency, qualifier, min, max). `text` is the exact
substring the mention must cover: it includes a leading qualifier ("up to",
"roughly", "more than", "between ... and ...") and a trailing one ("or more"),
but never the sentence's final period, a parenthesis, or the "up to" of a sum
("add up to $490 billion" is an exact sum: text "$490 billion").
"""

from decimal import Decimal

import pytest

from extractor.extract.amounts import find_amounts, find_percentages

B = 10**9
M = 10**6
T = 10**12


def A(text, value, currency="USD", qualifier="exact", min=None, max=None):
    """One expected amount. Numbers may be given as int or str (exact Decimal)."""
    d = lambda v: None if v is None else Decimal(str(v))
    return (text, d(value), currency, qualifier, d(min), d(max))


AMOUNT_ROWS = [
    # --- the forms RECORD.md names -----------------------------------------
    ("Japan will invest $550 billion in the United States.", [A("$550 billion", 550 * B)]),
    ("The investment vehicle will hold $550B for strategic projects.", [A("$550B", 550 * B)]),
    ("Tokyo's $550bn package was finalised in July.", [A("$550bn", 550 * B)]),
    ("Seoul set aside US$ 5 bn for the shipyard upgrades.", [A("US$ 5 bn", 5 * B)]),
    ("The accord is valued at USD 550 billion over the term of the president.", [A("USD 550 billion", 550 * B)]),
    ("Officials said Japan would put 550 billion dollars into American industry.", [A("550 billion dollars", 550 * B)]),
    ("Gulf partners pledged $1.5 trillion in new investment.", [A("$1.5 trillion", Decimal("1.5") * T)]),
    ("The company will build a $600M battery plant in Georgia.", [A("$600M", 600 * M)]),
    ("Fujikura will receive $681 million for fiber production.", [A("$681 million", 681 * M)]),
    ("Samsung will spend 35 trillion won on new chip lines.", [A("35 trillion won", 35 * T, "KRW")]),
    ("Japan's government earmarked ¥84 trillion for the program.", [A("¥84 trillion", 84 * T, "JPY")]),
    (
        "The project is expected to cost $38 billion to $44 billion.",
        [A("$38 billion to $44 billion", 44 * B, "USD", "range", 38 * B, 44 * B)],
    ),
    # --- further currency and magnitude forms --------------------------------
    ("BP announced a $5bn expansion of its Gulf operations.", [A("$5bn", 5 * B)]),
    ("Korea agreed to invest US$350 billion in the United States.", [A("US$350 billion", 350 * B)]),
    ("Saudi Arabia's pledge could reach USD 1.2 trillion.", [A("USD 1.2 trillion", Decimal("1.2") * T)]),
    ("Seoul will channel 350 billion dollars into U.S. projects.", [A("350 billion dollars", 350 * B)]),
    (
        "Hanwha Ocean committed 3.5 trillion won to the Philly Shipyard.",
        [A("3.5 trillion won", Decimal("3.5") * T, "KRW")],
    ),
    ("The European Union will invest €600 billion in the U.S. economy.", [A("€600 billion", 600 * B, "EUR")]),
    ("US technology firms pledged £150bn of investment in Britain.", [A("£150bn", 150 * B, "GBP")]),
    ("The tech giant will invest $36.2B in the region.", [A("$36.2B", Decimal("36.2") * B)]),
    ("The grant is worth $681M in total.", [A("$681M", 681 * M)]),
    ("Toyota will spend $1.45 billion on a new line in Kentucky.", [A("$1.45 billion", Decimal("1.45") * B)]),
    ("The contract is valued at USD34.6 million.", [A("USD34.6 million", Decimal("34.6") * M)]),
    ("The lab received GBP 27 million from the government.", [A("GBP 27 million", 27 * M, "GBP")]),
    ("Analysts put the cost at 3.350 billion dollars.", [A("3.350 billion dollars", 3_350_000_000)]),
    (
        "The Export-Import Bank approved a loan of $1,200 million for the LNG terminal.",
        [A("$1,200 million", 1_200_000_000)],
    ),
    ("The county offered $500,000 in training grants.", [A("$500,000", 500_000)]),
    ("Korea will invest ₩35 trillion in domestic chip plants.", [A("₩35 trillion", 35 * T, "KRW")]),
    ("The utility will invest 50 billion yen in grid upgrades.", [A("50 billion yen", 50 * B, "JPY")]),
    ("Germany's chemical group plans to spend 150 billion euros abroad.", [A("150 billion euros", 150 * B, "EUR")]),
    ("The bank raised €1.2bn in new capital.", [A("€1.2bn", Decimal("1.2") * B, "EUR")]),
    ("AstraZeneca pledged US$1.2 billion for a new plant in Virginia.", [A("US$1.2 billion", Decimal("1.2") * B)]),
    (
        "The miner raised A$2.5 billion to build a rare earths refinery.",
        [A("A$2.5 billion", Decimal("2.5") * B, "AUD")],
    ),
    ("The pension fund will commit C$1 billion to U.S. infrastructure.", [A("C$1 billion", 1 * B, "CAD")]),
    ("The Hong Kong investor paid HK$500 million for the stake.", [A("HK$500 million", 500 * M, "HKD")]),
    # --- ranges -------------------------------------------------------------
    (
        "Estimates put the Alaska pipeline at $38-44 billion.",
        [A("$38-44 billion", 44 * B, "USD", "range", 38 * B, 44 * B)],
    ),
    (
        "Each project will receive between $1 billion and $2 billion.",
        [A("between $1 billion and $2 billion", 2 * B, "USD", "range", 1 * B, 2 * B)],
    ),
    (
        "Awards of $1.2 million to $23.5 million per site were announced.",
        [
            A(
                "$1.2 million to $23.5 million",
                Decimal("23.5") * M,
                "USD",
                "range",
                Decimal("1.2") * M,
                Decimal("23.5") * M,
            )
        ],
    ),
    ("The smelter will cost $1.5-2 billion.", [A("$1.5-2 billion", 2 * B, "USD", "range", Decimal("1.5") * B, 2 * B)]),
    (
        "The terminal will need $2.5 billion–$3 billion in financing.",
        [A("$2.5 billion–$3 billion", 3 * B, "USD", "range", Decimal("2.5") * B, 3 * B)],
    ),
    ("Bids came in at $38 to $44 billion.", [A("$38 to $44 billion", 44 * B, "USD", "range", 38 * B, 44 * B)]),
    # --- qualifiers ---------------------------------------------------------
    ("Japanese commitments add up to $490 billion.", [A("$490 billion", 490 * B)]),
    (
        "Japan will provide up to $100 billion for energy projects.",
        [A("up to $100 billion", 100 * B, "USD", "up_to", None, 100 * B)],
    ),
    (
        "The fund could deploy as much as $20 billion in the first year.",
        [A("as much as $20 billion", 20 * B, "USD", "up_to", None, 20 * B)],
    ),
    (
        "The bank will lend up to ¥1 trillion to the venture.",
        [A("up to ¥1 trillion", 1 * T, "JPY", "up_to", None, 1 * T)],
    ),
    (
        "The company will invest at least $1 billion in Ohio.",
        [A("at least $1 billion", 1 * B, "USD", "at_least", 1 * B, None)],
    ),
    (
        "Korea will invest more than $10 billion in U.S. shipyards.",
        [A("more than $10 billion", 10 * B, "USD", "at_least", 10 * B, None)],
    ),
    ("The order is worth over $1 billion.", [A("over $1 billion", 1 * B, "USD", "at_least", 1 * B, None)]),
    ("They signed for a $300+ million resort.", [A("$300+ million", 300 * M, "USD", "at_least", 300 * M, None)]),
    ("Canberra put in $US2 billion and $A1.5 billion.", [A("$US2 billion", 2 * B), A("$A1.5 billion", 1.5 * B, "AUD")]),
    (
        "It brings almost a quarter trillion dollars to the economy.",
        [A("almost a quarter trillion dollars", 250 * B, "USD", "approx")],
    ),
    (
        "The pipeline will require in excess of $1 billion in steel.",
        [A("in excess of $1 billion", 1 * B, "USD", "at_least", 1 * B, None)],
    ),
    ("Purchases could total $10 billion or more.", [A("$10 billion or more", 10 * B, "USD", "at_least", 10 * B, None)]),
    (
        "Samsung will invest more than 1 trillion won in the plant.",
        [A("more than 1 trillion won", 1 * T, "KRW", "at_least", 1 * T, None)],
    ),
    ("The carmaker lost nearly $2 billion to tariffs.", [A("nearly $2 billion", 2 * B, "USD", "approx")]),
    ("The facility will cost about $4 billion.", [A("about $4 billion", 4 * B, "USD", "approx")]),
    ("Exports reached roughly $150 billion last year.", [A("roughly $150 billion", 150 * B, "USD", "approx")]),
    (
        "The upgrade will cost approximately $2.3 billion.",
        [A("approximately $2.3 billion", Decimal("2.3") * B, "USD", "approx")],
    ),
    ("Some $3 billion will go to port upgrades.", [A("Some $3 billion", 3 * B, "USD", "approx")]),
    ("The tariffs cost automakers an estimated $4 billion.", [A("an estimated $4 billion", 4 * B, "USD", "approx")]),
    ("The deal is worth around $7 billion.", [A("around $7 billion", 7 * B, "USD", "approx")]),
    ("The buyer paid almost $3 billion for the mine.", [A("almost $3 billion", 3 * B, "USD", "approx")]),
    ("The refinery will cost ~$5 billion.", [A("~$5 billion", 5 * B, "USD", "approx")]),
    ("The fund will spend $5 billion a year on research.", [A("$5 billion", 5 * B)]),
    ("The utility signed $5.5 billion worth of turbine orders.", [A("$5.5 billion", Decimal("5.5") * B)]),
    ("The chipmaker added a further $0.5 billion to the budget.", [A("$0.5 billion", Decimal("0.5") * B)]),
    # --- position in the sentence -------------------------------------------
    ("The first projects under the agreement are valued at $332 billion.", [A("$332 billion", 332 * B)]),
    ("Energy projects ($332 billion) lead the first tranche.", [A("$332 billion", 332 * B)]),
    ("Toyota's $10 billion plan adds two new assembly lines.", [A("$10 billion", 10 * B)]),
    ("The Navy signed a $2 billion, ten-year repair contract.", [A("$2 billion", 2 * B)]),
    ("Officials said investing $5 billion now would save more later.", [A("$5 billion", 5 * B)]),
    # --- several amounts in one sentence ------------------------------------
    (
        "Japan will provide $550 billion, Korea $350 billion and the EU $600 billion.",
        [A("$550 billion", 550 * B), A("$350 billion", 350 * B), A("$600 billion", 600 * B)],
    ),
    (
        "Of the $350 billion, $150 billion will go to shipbuilding and $200 billion to strategic sectors.",
        [A("$350 billion", 350 * B), A("$150 billion", 150 * B), A("$200 billion", 200 * B)],
    ),
    (
        "The plant will cost up to $2 billion, while a second site will need about ¥300 billion.",
        [A("up to $2 billion", 2 * B, "USD", "up_to", None, 2 * B), A("about ¥300 billion", 300 * B, "JPY", "approx")],
    ),
    (
        "Britain will receive £150bn, and the U.S. will gain $36.2B in exports.",
        [A("£150bn", 150 * B, "GBP"), A("$36.2B", Decimal("36.2") * B)],
    ),
    (
        "The bank will lend 1.5 trillion yen ($10 billion) to the venture.",
        [A("1.5 trillion yen", Decimal("1.5") * T, "JPY"), A("$10 billion", 10 * B)],
    ),
    (
        "The UK pledged £1 billion ($1.3 billion) for the fusion program.",
        [A("£1 billion", 1 * B, "GBP"), A("$1.3 billion", Decimal("1.3") * B)],
    ),
    # --- a change is two amounts, not a range ---------------------------------
    (
        "Hyundai said it would raise its planned investment in the United States from $21 billion to $26 billion.",
        [A("$21 billion", 21 * B), A("$26 billion", 26 * B)],
    ),
    ("Exports grew from $5 billion to $8 billion last year.", [A("$5 billion", 5 * B), A("$8 billion", 8 * B)]),
    (
        "Cash transfers are capped at $20 billion a year.",
        [A("capped at $20 billion", 20 * B, qualifier="up_to", max=20 * B)],
    ),
    (
        "The companies will build a $5 billion+ AI Zone in Riyadh.",
        [A("$5 billion+", 5 * B, qualifier="at_least", min=5 * B)],
    ),
    # --- a magnitude joined by a hyphen ---------------------------------------
    ("Ottawa set up a $1-billion fund for battery makers.", [A("$1-billion", 1 * B)]),
    ("The partners backed an $8.5-billion slate of mining projects.", [A("$8.5-billion", Decimal("8.5") * B)]),
    (
        "Lenders offered more than $2.2-billion for the smelters.",
        [A("more than $2.2-billion", Decimal("2.2") * B, qualifier="at_least", min=Decimal("2.2") * B)],
    ),
    ("The city approved a 3-billion-dollar transit plan.", [A("3-billion-dollar", 3 * B)]),
    (
        "Grants will range between $1-million and $5-million per firm.",
        [A("between $1-million and $5-million", 5 * M, "USD", "range", 1 * M, 5 * M)],
    ),
    # --- Asian and Gulf currencies ---------------------------------------------
    ("Kuala Lumpur will spend RM12 billion on new substations.", [A("RM12 billion", 12 * B, "MYR")]),
    ("The chip park is worth RM 4.5bil to the state.", [A("RM 4.5bil", Decimal("4.5") * B, "MYR")]),
    ("Investors committed 30 billion ringgit to the data hub.", [A("30 billion ringgit", 30 * B, "MYR")]),
    ("The nickel smelter will cost Rp 40 trillion.", [A("Rp 40 trillion", 40 * T, "IDR")]),
    ("Jakarta budgeted 15 trillion rupiah for the port.", [A("15 trillion rupiah", 15 * T, "IDR")]),
    ("Hanoi approved VND 25 trillion for the rail link.", [A("VND 25 trillion", 25 * T, "VND")]),
    ("The solar farm needs 900 billion dong in loans.", [A("900 billion dong", 900 * B, "VND")]),
    ("Bangkok allotted 60 billion baht to the EV zone.", [A("60 billion baht", 60 * B, "THB")]),
    ("The carmaker will invest THB 8 billion in a plant.", [A("THB 8 billion", 8 * B, "THB")]),
    ("Manila secured ₱45 billion for the airport upgrade.", [A("₱45 billion", 45 * B, "PHP")]),
    ("The grid operator will spend 70 billion Philippine pesos.", [A("70 billion Philippine pesos", 70 * B, "PHP")]),
    ("Riyadh set aside SR 20 billion for the cluster.", [A("SR 20 billion", 20 * B, "SAR")]),
    ("Abu Dhabi will invest Dh9 billion in the terminal.", [A("Dh9 billion", 9 * B, "AED")]),
    ("The fund pledged 40 billion dirhams to U.S. energy.", [A("40 billion dirhams", 40 * B, "AED")]),
    ("Doha will put QR 15 billion into the stadium district.", [A("QR 15 billion", 15 * B, "QAR")]),
    ("The airline spent 10 billion Qatari riyals on jets.", [A("10 billion Qatari riyals", 10 * B, "QAR")]),
    ("The bank raised CHF 750 million in bonds.", [A("CHF 750 million", 750 * M, "CHF")]),
    ("The group earmarked Fr. 400 million for the lab.", [A("Fr. 400 million", 400 * M, "CHF")]),
    ("Zurich investors added 2 billion Swiss francs.", [A("2 billion Swiss francs", 2 * B, "CHF")]),
    ("Taipei will spend NT$80 billion on chip training.", [A("NT$80 billion", 80 * B, "TWD")]),
    ("The foundry will invest 300 billion New Taiwan dollars.", [A("300 billion New Taiwan dollars", 300 * B, "TWD")]),
    ("Beijing set up an RMB 50 billion chip fund.", [A("RMB 50 billion", 50 * B, "CNY")]),
    ("The battery maker raised 12 billion yuan.", [A("12 billion yuan", 12 * B, "CNY")]),
    ("The lab won a S$300 million grant.", [A("S$300 million", 300 * M, "SGD")]),
    # --- Indian amounts: crore (1e7) and lakh (1e5) ----------------------------
    ("New Delhi cleared a ₹1.5 lakh crore scheme for fabs.", [A("₹1.5 lakh crore", Decimal("1.5") * T, "INR")]),
    ("The state offered Rs 2,500 crore in incentives.", [A("Rs 2,500 crore", 25 * B, "INR")]),
    ("The plant will cost Rs. 900 crore.", [A("Rs. 900 crore", 9 * B, "INR")]),
    ("The grant is 50 lakh rupees per startup in India.", [A("50 lakh rupees", 5 * M, "INR")]),
    ("The port budget rose to ₹76,000 crore.", [A("₹76,000 crore", 760 * B, "INR")]),
    ("The ministry set aside ₹1,25,000 crore for railways.", [A("₹1,25,000 crore", Decimal("1.25") * T, "INR")]),
    (
        "Hanoi's budget for the metro is VND 1.5 quadrillion.",
        [A("VND 1.5 quadrillion", Decimal("1.5") * 10**15, "VND")],
    ),
    ("Thai banks lent Bt80 billion to the carmakers.", [A("Bt80 billion", 80 * B, "THB")]),
    ("It is a $10 billion-plus investment.", [A("$10 billion-plus", 10 * B, qualifier="at_least", min=10 * B)]),
    # --- amounts written in words (a currency word must follow) -----------------
    ("Tokyo promised half a trillion dollars for U.S. plants.", [A("half a trillion dollars", 500 * B)]),
    ("The chaebol pledged two trillion won to the fund.", [A("two trillion won", 2 * T, "KRW")]),
    ("The lab will get nearly a billion dollars.", [A("nearly a billion dollars", 1 * B, "USD", "approx")]),
    (
        "The insurer may pay up to one and a half billion euros.",
        [A("up to one and a half billion euros", Decimal("1.5") * B, "EUR", "up_to", None, Decimal("1.5") * B)],
    ),
    # --- an amount in two currencies gives both --------------------------------
    (
        "The data center will cost RM10 billion (US$2.4 billion).",
        [A("RM10 billion", 10 * B, "MYR"), A("US$2.4 billion", Decimal("2.4") * B)],
    ),
    (
        "The refinery is valued at 50 billion baht (about $1.5 billion).",
        [A("50 billion baht", 50 * B, "THB"), A("about $1.5 billion", Decimal("1.5") * B, "USD", "approx")],
    ),
    # --- a word that names several currencies: the document's country decides --
    ("The Philippines will spend 20 billion pesos on ports.", [A("20 billion pesos", 20 * B, "PHP")]),
    ("Mexico will spend 20 billion pesos on ports.", [A("20 billion pesos", 20 * B, "MXN")]),
    ("Qatar's fund will invest 8 billion riyals at home.", [A("8 billion riyals", 8 * B, "QAR")]),
    ("The kingdom will invest 8 billion riyals at home.", [A("8 billion riyals", 8 * B, "SAR")]),
    ("Qatar's emir told a Saudi envoy that Qatar will invest 6 billion riyals.", [A("6 billion riyals", 6 * B, "QAR")]),
    ("Manila expects P900 billion in new factories.", [A("P900 billion", 900 * B, "PHP")]),
    ("Karachi's port will get Rs 40 billion from Pakistan's budget.", [A("Rs 40 billion", 40 * B, "PKR")]),
    # --- two full amounts joined by 'and' are two amounts; 'between' makes a range -----
    (
        "Japan and Korea pledged to invest $200 billion and $60 billion, respectively.",
        [A("$200 billion", 200 * B), A("$60 billion", 60 * B)],
    ),
    (
        "The two funds will hold $200 billion and $300 billion, respectively.",
        [A("$200 billion", 200 * B), A("$300 billion", 300 * B)],
    ),
    (
        "Each fund will hold between $200 billion and $300 billion.",
        [A("between $200 billion and $300 billion", 300 * B, "USD", "range", 200 * B, 300 * B)],
    ),
    ("The two plants will cost $2 and $3 billion.", [A("$2", 2 * B), A("$3 billion", 3 * B)]),
    ("The lender added $1 billion and 2 billion yen.", [A("$1 billion", 1 * B), A("2 billion yen", 2 * B, "JPY")]),
    (
        "The funds hold up to $5 billion and $7 billion.",
        [A("up to $5 billion", 5 * B, "USD", "up_to", None, 5 * B), A("$7 billion", 7 * B)],
    ),
    ("Targets set in 2024 and $3 billion in grants followed.", [A("$3 billion", 3 * B)]),
    ("The plants will need 2 and $3 billion of loans.", [A("$3 billion", 3 * B)]),
    # --- more of the world's currencies ------------------------------------------
    ("Kenya plans a Ksh.1.2 trillion road programme.", [A("Ksh.1.2 trillion", Decimal("1.2") * T, "KES")]),
    ("Nairobi will spend KSh 1.2 trillion on roads.", [A("KSh 1.2 trillion", Decimal("1.2") * T, "KES")]),
    (
        "The line will cost 1.2 trillion Kenyan shillings.",
        [A("1.2 trillion Kenyan shillings", Decimal("1.2") * T, "KES")],
    ),
    ("Kenya's treasury raised 50 billion shillings.", [A("50 billion shillings", 50 * B, "KES")]),
    ("Uganda's treasury raised 50 billion shillings.", [A("50 billion shillings", 50 * B, "UGX")]),
    ("The refinery needs ₦500 billion in loans.", [A("₦500 billion", 500 * B, "NGN")]),
    ("Lagos approved 300 billion naira for rail.", [A("300 billion naira", 300 * B, "NGN")]),
    ("Eskom will get 30 billion rand from South Africa's budget.", [A("30 billion rand", 30 * B, "ZAR")]),
    ("South Africa set aside R1.2 billion for ports.", [A("R1.2 billion", Decimal("1.2") * B, "ZAR")]),
    ("Cairo will invest 40 billion Egyptian pounds.", [A("40 billion Egyptian pounds", 40 * B, "EGP")]),
    (
        "Ankara pledged ₺100 billion and TRY 5 billion.",
        [A("₺100 billion", 100 * B, "TRY"), A("TRY 5 billion", 5 * B, "TRY")],
    ),
    ("Turkey will spend 20 billion lira on housing.", [A("20 billion lira", 20 * B, "TRY")]),
    (
        "Moscow set aside ₽1 trillion and 50 billion roubles.",
        [A("₽1 trillion", T, "RUB"), A("50 billion roubles", 50 * B, "RUB")],
    ),
    ("Warsaw will spend 10 billion złoty on grids.", [A("10 billion złoty", 10 * B, "PLN")]),
    ("Stockholm added 5 billion kronor.", [A("5 billion kronor", 5 * B, "SEK")]),
    ("Oslo's fund added 8 billion Norwegian kroner.", [A("8 billion Norwegian kroner", 8 * B, "NOK")]),
    ("Denmark will invest 3 billion kroner in wind.", [A("3 billion kroner", 3 * B, "DKK")]),
    (
        "Israel approved ₪2 billion and NIS 3 billion.",
        [A("₪2 billion", 2 * B, "ILS"), A("NIS 3 billion", 3 * B, "ILS")],
    ),
    ("Astana will spend 900 billion tenge.", [A("900 billion tenge", 900 * B, "KZT")]),
    ("Tashkent earmarked 5 trillion Uzbek som.", [A("5 trillion Uzbek som", 5 * T, "UZS")]),
    ("Dhaka allotted 20 billion taka.", [A("20 billion taka", 20 * B, "BDT")]),
    ("The plant will cost PKR 50 billion.", [A("PKR 50 billion", 50 * B, "PKR")]),
    ("Kuwait will invest 2 billion dinars.", [A("2 billion dinars", 2 * B, "KWD")]),
    ("Oman will invest 1 billion rials in ports.", [A("1 billion rials", 1 * B, "OMR")]),
    ("Budapest pledged 100 billion forints.", [A("100 billion forints", 100 * B, "HUF")]),
    ("Prague set aside CZK 20 billion.", [A("CZK 20 billion", 20 * B, "CZK")]),
    ("Colombia will spend 20 billion pesos on ports.", [A("20 billion pesos", 20 * B, "COP")]),
    ("Argentina will spend 20 billion pesos on ports.", [A("20 billion pesos", 20 * B, "ARS")]),
    ("Senegal will spend 500 billion CFA francs.", [A("500 billion CFA francs", 500 * B, "XOF")]),
]


def _ids(rows):
    return [t[:60] for t, _ in rows]


@pytest.mark.parametrize("text,expected", AMOUNT_ROWS, ids=_ids(AMOUNT_ROWS))
def test_amounts(text, expected):
    found = find_amounts(text)
    got = [(m.text, m.value, m.currency, m.qualifier, m.min, m.max) for m in found]
    assert got == expected
    for m in found:
        assert text[m.start : m.end] == m.text


NEGATIVE_ROWS = [
    "The plant will create 10,000 jobs.",
    "Japan will buy 5 million tons of LNG a year.",
    "The briefing began at 2.15pm in Tokyo.",
    "Construction begins in 2026.",
    "The United States will apply a tariff of 15% to Japanese goods.",
    "Autos faced a 25 percent tariff.",
    "Korean Air will buy 100 aircraft from Boeing.",
    "The field will produce 1.2 million barrels per day.",
    "Ticket sales rose during the 2025-2026 season.",
    "The goods are covered by Section 232 tariffs.",
    "The partners will develop 5G/6G networks.",
    "Profits will follow a 90-10 split after the investment is recovered.",
    "Lee Jae-myung won the election in June.",
    "He won 3 awards for his reporting.",
    "Applicants need 8 years of experience.",
    "Of the 5 bidders, 2 won contracts.",
    "The 2,000-megawatt plant will open next year.",
    "The airline ordered 30 Boeing 787 jets.",
    "The F-35 program employs many suppliers.",
    "The leaders met on March 3, 2026.",
    "The farm will add 300 MW of capacity.",
    "South Korea has a population of 51 million.",
    "Hyundai plans to build 1.2 million vehicles a year.",
    "The tariff was cut to 15 per cent.",
    "Drivers took SR 99 north to the plant.",
    "Scan the QR code on page 12.",
    "Fr. Lopez blessed 200 workers at the opening.",
    "The portal runs on PHP 8 and 40 servers.",
    "Costs are stated in 2024 dollars.",
    "The RM 2026 roadmap lists new targets.",
    "About 3 lakh people visited the fair.",
    "The film earned its makers fame in 2 crore homes.",
    "Officials spent 20 billion pesos on ports.",
    "The rs and ds of the formula are constants.",
    "The P5 billion-parameter model was trained last year.",
    "The currency slid to 88.5 rupees per US dollar.",
    "The won weakened to 1,400 won against the U.S. dollar.",
    "A million people visited the fair.",
    "Two billion devices run the software.",
    "Delegates met at COP28 in Dubai.",
    "The NIS2 directive applies from October.",
    "Plant R1 will open soon.",
    "The team ran 5 million rand tests.",
    "Officials spent 20 billion shillings on roads.",
    "Officials spent 20 billion kroner on roads.",
    "The plan lists 2025 and 2026 targets.",
]


@pytest.mark.parametrize("text", NEGATIVE_ROWS, ids=[t[:60] for t in NEGATIVE_ROWS])
def test_not_money(text):
    assert [m.text for m in find_amounts(text)] == []


def P(text, value):
    return (text, Decimal(str(value)))


PERCENT_ROWS = [
    ("The United States will apply a 15% tariff to Japanese cars.", [P("15%", 15)]),
    ("Autos faced a 25 percent tariff.", [P("25 percent", 25)]),
    ("Growth reached 2.5 per cent last year.", [P("2.5 per cent", "2.5")]),
    ("The tariff fell from 15% to 25%.", [P("15%", 15), P("25%", 25)]),
    ("The rate was cut to 0.5% in March.", [P("0.5%", "0.5")]),
    ("Hanwha bought a 100 percent stake in the shipyard.", [P("100 percent", 100)]),
    ("The tariff was cut to 15 per cent.", [P("15 per cent", 15)]),
    ("SoftBank will hold a 40% stake and OpenAI 40%.", [P("40%", 40), P("40%", 40)]),
    ("Japan will receive 10 percent of the profits.", [P("10 percent", 10)]),
    ("Japan will invest $550 billion in the United States.", []),
    ("The plant will create 10,000 jobs.", []),
]


@pytest.mark.parametrize("text,expected", PERCENT_ROWS, ids=_ids(PERCENT_ROWS))
def test_percentages(text, expected):
    found = find_percentages(text)
    assert [(p.text, p.value) for p in found] == expected
    for p in found:
        assert text[p.start : p.end] == p.text


def test_percentage_split():
    """'a 90-10 split': one percentage, the first share (90)."""
    found = find_percentages("Profits will follow a 90-10 split after the investment is recovered.")
    assert [p.value for p in found] == [Decimal(90)]
    assert found[0].text.startswith("90")

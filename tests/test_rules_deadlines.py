"""Deadlines, row by row, against RECORD.md ("deadlines").

Each row: input text, reference date (or None), and the EXACT list of deadlines
expected, as (text, kind, date, duration, unresolved). `text` is the cue plus the
time phrase ("by April 2026"). Calendar phrases resolve to the END of the named
period. `unresolved` is None where the row does not check it (durations, whose
end date is not asked for when there is no reference date).
"""

import datetime as dt

import pytest

from extractor.extract.deadlines import find_deadlines

REF = dt.date(2026, 2, 12)


def D(text, kind, date=None, duration=None, unresolved=False):
    return (text, kind, date, duration, unresolved)


ROWS = [
    # --- by -----------------------------------------------------------------
    ("Toyota will complete the plant by April 2026.", None, [D("by April 2026", "by", "2026-04-30")]),
    ("The reactors are to be online by 2029.", None, [D("by 2029", "by", "2029-12-31")]),
    ("Construction will finish by the end of 2028.", None, [D("by the end of 2028", "by", "2028-12-31")]),
    ("Production must begin no later than Q3 2026.", None, [D("no later than Q3 2026", "by", "2026-09-30")]),
    ("The first units ship by the first half of 2027.", None, [D("by the first half of 2027", "by", "2027-06-30")]),
    ("The terminal should open by mid-2027.", None, [D("by mid-2027", "by", "2027-06-30")]),
    (
        "Japan will deliver the funds by the end of the decade.",
        REF,
        [D("by the end of the decade", "by", "2029-12-31")],
    ),
    (
        "Japan will deliver the funds by the end of the decade.",
        None,
        [D("by the end of the decade", "by", None, None, True)],
    ),
    (
        "The shipyard will be modernized by the end of next year.",
        REF,
        [D("by the end of next year", "by", "2027-12-31")],
    ),
    (
        "The shipyard will be modernized by the end of next year.",
        None,
        [D("by the end of next year", "by", None, None, True)],
    ),
    (
        "Both sides must ratify the pact before the end of 2028.",
        None,
        [D("before the end of 2028", "by", "2028-12-31")],
    ),
    (
        "Payments are due no later than December 31, 2025.",
        None,
        [D("no later than December 31, 2025", "by", "2025-12-31")],
    ),
    ("Tariff cuts take effect by Oct. 1, 2025.", None, [D("by Oct. 1, 2025", "by", "2025-10-01")]),
    ("The UK will publish the rules by 30 June 2026.", None, [D("by 30 June 2026", "by", "2026-06-30")]),
    (
        "The mine will reach full output by the end of March 2026.",
        None,
        [D("by the end of March 2026", "by", "2026-03-31")],
    ),
    (
        "The grid link will be finished by the second quarter of 2026.",
        None,
        [D("by the second quarter of 2026", "by", "2026-06-30")],
    ),
    ("The fab will start volume production by Q4 2027.", None, [D("by Q4 2027", "by", "2027-12-31")]),
    (
        "The company aims to hire 4,000 workers by the end of this year.",
        REF,
        [D("by the end of this year", "by", "2026-12-31")],
    ),
    ("Korea will announce the first projects by next year.", REF, [D("by next year", "by", "2027-12-31")]),
    ("The plant will reach full capacity by end-2027.", None, [D("by end-2027", "by", "2027-12-31")]),
    (
        "The partners will name the sites by the end of the year.",
        REF,
        [D("by the end of the year", "by", "2026-12-31")],
    ),
    ("The lines will be running by September 2026.", None, [D("by September 2026", "by", "2026-09-30")]),
    # --- through / until / till ---------------------------------------------
    (
        "The tariff relief applies through January 19, 2029.",
        None,
        [D("through January 19, 2029", "through", "2029-01-19")],
    ),
    ("The program runs until 2030.", None, [D("until 2030", "through", "2030-12-31")]),
    ("Prices are locked till March 2027.", None, [D("till March 2027", "through", "2027-03-31")]),
    ("Funding is authorized through fiscal year 2028.", None, [D("through fiscal year 2028", "through", "2028-12-31")]),
    ("The quota stays in place until the end of 2029.", None, [D("until the end of 2029", "through", "2029-12-31")]),
    ("Hyundai will invest $26 billion through 2028.", None, [D("through 2028", "through", "2028-12-31")]),
    # --- within (durations) -------------------------------------------------
    ("Japan must transfer the funds within 45 days.", None, [D("within 45 days", "within", None, "P45D", None)]),
    ("The ministry will respond within 10 days.", None, [D("within 10 days", "within", None, "P10D", None)]),
    (
        "The partners will pick projects within the next 90 days.",
        None,
        [D("within the next 90 days", "within", None, "P90D", None)],
    ),
    (
        "Japan agreed to a timeframe of six months for the review.",
        None,
        [D("a timeframe of six months", "within", None, "P6M", None)],
    ),
    (
        "The fund will be deployed over the next four years.",
        None,
        [D("over the next four years", "within", None, "P4Y", None)],
    ),
    (
        "Korea will buy $100 billion of LNG over the next decade.",
        None,
        [D("over the next decade", "within", None, "P10Y", None)],
    ),
    (
        "The company plans to hire 1,000 engineers in the next five years.",
        None,
        [D("in the next five years", "within", None, "P5Y", None)],
    ),
    ("The reactor design will be licensed within a year.", None, [D("within a year", "within", None, "P1Y", None)]),
    ("Officials expect a decision within two weeks.", None, [D("within two weeks", "within", None, "P2W", None)]),
    (
        "Commerce must act within 180 days of the agreement.",
        None,
        [D("within 180 days", "within", None, "P180D", None)],
    ),
    ("The plant will be built within three months.", None, [D("within three months", "within", None, "P3M", None)]),
    (
        "The review will conclude within the next 12 months.",
        None,
        [D("within the next 12 months", "within", None, "P12M", None)],
    ),
    (
        "The $20 billion will be spent over the next three years.",
        None,
        [D("over the next three years", "within", None, "P3Y", None)],
    ),
    ("The loan will be repaid within 24 months.", None, [D("within 24 months", "within", None, "P24M", None)]),
    # --- before / ahead of / prior to ---------------------------------------
    (
        "Negotiators hope to close the deal ahead of a March summit.",
        REF,
        [D("ahead of a March summit", "before", "2026-03-31")],
    ),
    (
        "Negotiators hope to close the deal ahead of a March summit.",
        None,
        [D("ahead of a March summit", "before", None, None, True)],
    ),
    (
        "The list will be released ahead of a planned summit in March.",
        REF,
        [D("ahead of a planned summit in March", "before", "2026-03-31")],
    ),
    ("The tariff must be lowered prior to October 2025.", None, [D("prior to October 2025", "before", "2025-10-31")]),
    # --- starting / beginning / from ----------------------------------------
    ("Deliveries will take place starting in 2027.", None, [D("starting in 2027", "starting", "2027-12-31")]),
    (
        "The new tariff applies beginning January 1, 2026.",
        None,
        [D("beginning January 1, 2026", "starting", "2026-01-01")],
    ),
    ("Exports will grow from 2027 onwards.", None, [D("from 2027 onwards", "starting", "2027-12-31")]),
    ("The lower rate will apply from April 1, 2026.", None, [D("from April 1, 2026", "starting", "2026-04-01")]),
    # --- several in one sentence --------------------------------------------
    (
        "Japan will invest $550 billion through January 19, 2029, with the first $100 billion to be deployed by the end of 2026.",
        None,
        [D("through January 19, 2029", "through", "2029-01-19"), D("by the end of 2026", "by", "2026-12-31")],
    ),
    # --- a day without a year, and this month: resolved against the reference date
    (
        "Tariffs were lowered, applied retroactively from November 1.",
        dt.date(2025, 11, 14),
        [D("from November 1", "starting", "2025-11-01")],
    ),
    (
        "The remaining paperwork must be filed by March 15.",
        dt.date(2025, 11, 14),
        [D("by March 15", "by", "2026-03-15")],
    ),
    (
        "Both sides will sign the documents by the end of this month.",
        dt.date(2025, 11, 14),
        [D("by the end of this month", "by", "2025-11-30")],
    ),
    # --- bare "over" with a duration, seasons, fiscal years ---------------------
    (
        "The framework promises $1.4 trillion of investment over 10 years.",
        None,
        [D("over 10 years", "within", None, "P10Y")],
    ),
    (
        "The carmaker plans to invest up to $4 billion over six years in Texas.",
        None,
        [D("over six years", "within", None, "P6Y")],
    ),
    (
        "Brussels will spend €12bn over three years in the Balkans.",
        None,
        [D("over three years", "within", None, "P3Y")],
    ),
    ("The quota cuts will be phased in over four years.", None, [D("over four years", "within", None, "P4Y")]),
    (
        "Malaysia pledged USD 70 billion in Malaysian investments in the US across a decade.",
        None,
        [D("across a decade", "within", None, "P10Y")],
    ),
    ("The group will invest $10 billion across five years.", None, [D("across five years", "within", None, "P5Y")]),
    # --- 'for N years' right after an amount -------------------------------------
    (
        "Japan said it would make up to $20 billion in annual investments for 10 years directed by the U.S.",
        None,
        [D("for 10 years", "within", None, "P10Y")],
    ),
    ("The fund will spend $5 billion a year for five years.", None, [D("for five years", "within", None, "P5Y")]),
    ("The state signed a $2 billion contract for 20 years.", None, [D("for 20 years", "within", None, "P20Y")]),
    ("The plant should open by next summer.", REF, [D("by next summer", "by", "2027-08-31")]),
    ("The plant should open by next summer.", None, [D("by next summer", "by", None, None, True)]),
    # --- a duration as the adjective of a time-limit noun ----------------------
    (
        "The two governments announced a 90-day pause on the new duties.",
        None,
        [D("a 90-day pause", "within", None, "P90D")],
    ),
    (
        "Regulators opened a 60-day comment period on the rule.",
        None,
        [D("a 60-day comment period", "within", None, "P60D")],
    ),
    (
        "Exporters won a further six-month extension of the quota.",
        None,
        [D("a further six-month extension", "within", None, "P6M")],
    ),
    (
        "Negotiators agreed on a 30-day negotiating window.",
        None,
        [D("a 30-day negotiating window", "within", None, "P30D")],
    ),
    (
        "The province signed on to a 15-year investment framework for its ports.",
        None,
        [D("a 15-year investment framework", "within", None, "P15Y")],
    ),
    ("Ottawa's 45-day pause on the levy ends soon.", None, [D("Ottawa's 45-day pause", "within", None, "P45D")]),
    (
        "The ministry’s 120‑day review period starts today.",
        None,
        [D("The ministry’s 120‑day review period", "within", None, "P120D")],
    ),
    (
        "Lenders backed a six–year spending plan for the railway.",
        None,
        [D("a six–year spending plan", "within", None, "P6Y")],
    ),
    ("The insurer made a 20-year commitment to the fund.", None, [D("a 20-year commitment", "within", None, "P20Y")]),
    # --- time allowed ------------------------------------------------------------
    ("Brussels has 30 days to respond to the proposal.", None, [D("has 30 days to respond", "within", None, "P30D")]),
    ("The supplier was given 90 days to fix the defects.", None, [D("given 90 days to fix", "within", None, "P90D")]),
    ("Companies have two years to comply.", None, [D("have two years to comply", "within", None, "P2Y")]),
    # --- spans: the end of the later period --------------------------------------
    ("The reactors will be built between 2027 and 2030.", None, [D("between 2027 and 2030", "through", "2030-12-31")]),
    ("The group plans to spend the money from 2026 to 2030.", None, [D("from 2026 to 2030", "through", "2030-12-31")]),
    ("Orders will be placed between now and 2029.", None, [D("between now and 2029", "through", "2029-12-31")]),
    (
        "Cargoes will be delivered between March and June 2027.",
        None,
        [D("between March and June 2027", "through", "2027-06-30")],
    ),
    ("The grant covers research from 2026 through 2028.", REF, [D("from 2026 through 2028", "through", "2028-12-31")]),
    # --- a clause that ends at the time ---------------------------------------------
    (
        "Both cities will choose the sites before the mayor's term ends in November 2028, aides said.",
        None,
        [D("before the mayor's term ends in November 2028", "before", "2028-11-30")],
    ),
    (
        "The quota holds until the current treaty expires on May 31, 2027.",
        None,
        [D("until the current treaty expires on May 31, 2027", "through", "2027-05-31")],
    ),
    # --- open periods: kept, never dated ------------------------------------------
    (
        "The pact must be ratified before the end of the administration.",
        REF,
        [D("before the end of the administration", "by", None, None, False)],
    ),
    (
        "The waiver lasts until the end of the president's term.",
        REF,
        [D("until the end of the president's term", "through", None, None, False)],
    ),
    # --- quarters and halves -------------------------------------------------------
    (
        "The merger is expected to close in the third quarter of 2027.",
        None,
        [D("in the third quarter of 2027", "by", "2027-09-30")],
    ),
    ("The smelter will open in the first half of 2026.", None, [D("in the first half of 2026", "by", "2026-06-30")]),
    (
        "Mass production will begin in the second half of 2027.",
        None,
        [D("in the second half of 2027", "starting", "2027-12-31")],
    ),
    ("The launch is slated for Q2 2028.", None, [D("slated for Q2 2028", "by", "2028-06-30")]),
    ("The line will restart in 3Q27.", None, [D("in 3Q27", "starting", "2027-09-30")]),
    ("Shipments must arrive by 1H26.", None, [D("by 1H26", "by", "2026-06-30")]),
    ("The firm targets first output in Q4'27.", None, [D("in Q4'27", "by", "2027-12-31")]),
    (
        "The review ends by the third quarter of next year.",
        REF,
        [D("by the third quarter of next year", "by", "2027-09-30")],
    ),
    (
        "The review ends by the third quarter of next year.",
        None,
        [D("by the third quarter of next year", "by", None, None, True)],
    ),
    ("Deliveries will start in late 2027.", None, [D("in late 2027", "starting", "2027-12-31")]),
    # --- no later than, effective, take effect ----------------------------------------
    ("Bids must arrive no later than June 30, 2026.", None, [D("no later than June 30, 2026", "by", "2026-06-30")]),
    (
        "The lower duty applies effective August 7, 2025.",
        None,
        [D("effective August 7, 2025", "starting", "2025-08-07")],
    ),
    (
        "The new quota takes effect on January 1, 2027.",
        None,
        [D("takes effect on January 1, 2027", "starting", "2027-01-01")],
    ),
    (
        "The agreement will enter into force on 1 March 2026.",
        None,
        [D("enter into force on 1 March 2026", "starting", "2026-03-01")],
    ),
    # --- a dated deadline named as an event --------------------------------------------
    (
        "Talks raced ahead of the Aug. 1 deadline.",
        dt.date(2025, 7, 30),
        [D("ahead of the Aug. 1 deadline", "before", "2025-08-01")],
    ),
    ("Both sides worked to beat the 9 July deadline.", None, []),
    (
        "Envoys met before the July 9, 2025 deadline.",
        None,
        [D("before the July 9, 2025 deadline", "before", "2025-07-09")],
    ),
    ("Envoys met before the July 9 deadline.", None, [D("before the July 9 deadline", "before", None, None, True)]),
    (
        "Talks went on ahead of Washington's Aug. 1 deadline.",
        dt.date(2025, 7, 2),
        [D("ahead of Washington's Aug. 1 deadline", "before", "2025-08-01")],
    ),
    (
        "Envoys rushed before the July 9 tariff deadline.",
        dt.date(2025, 7, 2),
        [D("before the July 9 tariff deadline", "before", "2025-07-09")],
    ),
    (
        "The text should be ready ahead of the G20 summit in November.",
        dt.date(2025, 7, 2),
        [D("ahead of the G20 summit in November", "before", "2025-11-30")],
    ),
    # --- fiscal years ---------------------------------------------------------------------
    ("The plant will open in FY2027.", None, [D("in FY2027", "by", "2027-12-31")]),
    ("The scheme must be finished by FY2026-27.", None, [D("by FY2026-27", "by", "2027-03-31")]),
    (
        "The levy applies through the 2026-27 financial year.",
        None,
        [D("through the 2026-27 financial year", "through", "2027-03-31")],
    ),
    ("Grants end by the 2028 fiscal year.", None, [D("by the 2028 fiscal year", "by", "2028-12-31")]),
    # --- day first, end-month, year-end, quarters without a year ---------------------------
    ("London will publish the rules by 1 August.", REF, [D("by 1 August", "by", "2026-08-01")]),
    ("The terms will be agreed by end-March 2027.", None, [D("by end-March 2027", "by", "2027-03-31")]),
    ("The terms will be agreed by end-June.", REF, [D("by end-June", "by", "2026-06-30")]),
    ("Orders should recover by year-end.", REF, [D("by year-end", "by", "2026-12-31")]),
    ("The sale is expected to close in the fourth quarter.", REF, [D("in the fourth quarter", "by", "2026-12-31")]),
    (
        "The sale is expected to close in the first quarter.",
        dt.date(2026, 11, 3),
        [D("in the first quarter", "by", "2027-03-31")],
    ),
    ("Exports rose 5% in the first quarter.", dt.date(2026, 11, 3), []),
    (
        "Output will double by the second half of the year.",
        REF,
        [D("by the second half of the year", "by", "2026-12-31")],
    ),
    # --- expiry, rest of a period, the next N years ------------------------------------------
    ("The waiver expires on July 31, 2026.", None, [D("expires on July 31, 2026", "through", "2026-07-31")]),
    ("The exemption will expire at the end of 2027.", None, [D("expire at the end of 2027", "through", "2027-12-31")]),
    ("Prices stay fixed throughout 2026.", None, [D("throughout 2026", "through", "2026-12-31")]),
    ("The quota holds for the rest of the year.", REF, [D("for the rest of the year", "through", "2026-12-31")]),
    (
        "The duty will stay in place for the next five years.",
        None,
        [D("for the next five years", "within", None, "P5Y")],
    ),
    (
        "The 60-day truce expires on August 12.",
        REF,
        [D("The 60-day truce", "within", None, "P60D"), D("expires on August 12", "through", "2026-08-12")],
    ),
    ("The higher duties were paused for 90 days.", None, [D("paused for 90 days", "within", None, "P90D")]),
    ("The new levies are on hold for 60 days, officials said.", None, [D("for 60 days", "within", None, "P60D")]),
    ("The mine expansion has been on hold for years.", None, []),
    (
        "The countermeasures stay suspended for six months.",
        None,
        [D("suspended for six months", "within", None, "P6M")],
    ),
    ("The new duties were delayed to Aug. 1.", dt.date(2025, 7, 8), [D("delayed to Aug. 1", "by", "2025-08-01")]),
    ("The vote was postponed until March 2027.", None, [D("postponed until March 2027", "by", "2027-03-31")]),
    (
        "Payment is due no later than 30 days after delivery.",
        None,
        [D("no later than 30 days", "within", None, "P30D")],
    ),
    ("Orders will be placed over the next 5-10 years.", None, [D("over the next 5-10 years", "within", None, "P10Y")]),
    (
        "Spending is spread over the course of the next four years.",
        None,
        [D("over the course of the next four years", "within", None, "P4Y")],
    ),
    (
        "The duties go into effect from 1 April 2026.",
        None,
        [D("go into effect from 1 April 2026", "starting", "2026-04-01")],
    ),
    ("The rule will take effect in 2027.", None, [D("take effect in 2027", "starting", "2027-12-31")]),
    ("The new tariffs will take effect in seven days.", None, [D("in seven days", "within", None, "P7D")]),
    ("The reactor will be ready in two years' time.", None, [D("in two years' time", "within", None, "P2Y")]),
    ("The first turbines will arrive in three years.", None, [D("in three years", "within", None, "P3Y")]),
    ("The biggest plant will be finished in two years.", None, [D("in two years", "within", None, "P2Y")]),
    ("The quota applies until at least 2028.", None, [D("until at least 2028", "through", "2028-12-31")]),
    ("The relief lasts through 2027-2030.", None, [D("through 2027-2030", "through", "2030-12-31")]),
    ("Targets are set for delivery by 2025-2026.", None, [D("by 2025-2026", "by", "2026-12-31")]),
    (
        "Goods entered on or after 12:01 a.m. eastern daylight time on August 7, 2025 pay the new rate.",
        None,
        [D("on or after 12:01 a.m. eastern daylight time on August 7, 2025", "starting", "2025-08-07")],
    ),
    (
        "The order takes effect at 12:01 am ET on August 1, 2025.",
        None,
        [D("takes effect at 12:01 am ET on August 1, 2025", "starting", "2025-08-01")],
    ),
    (
        "The lower rate applies retroactive to Nov. 1.",
        dt.date(2025, 11, 14),
        [D("retroactive to Nov. 1", "starting", "2025-11-01")],
    ),
    (
        "The two sides will extend their truce by another 90 days.",
        None,
        [D("by another 90 days", "within", None, "P90D")],
    ),
    ("Beijing will suspend its new export rules for one year.", None, [D("for one year", "within", None, "P1Y")]),
    # --- two full years joined by a dash ---------------------------------------------------------
    ("Spending will rise over 2026-2030.", None, [D("over 2026-2030", "through", "2030-12-31")]),
    ("The fund will invest in the 2027–2031 period.", None, [D("in the 2027–2031 period", "through", "2031-12-31")]),
]


def _ids(rows):
    return [f"{t[:55]}|{ref}" for t, ref, _ in rows]


@pytest.mark.parametrize("text,reference,expected", ROWS, ids=_ids(ROWS))
def test_deadlines(text, reference, expected):
    found = find_deadlines(text, reference)
    got = [(d.text, d.kind, d.date, d.duration, d.unresolved) for d in found]
    # A None `unresolved` in the table means "not checked".
    got = [g if e[4] is not None else g[:4] + (None,) for g, e in zip(got, expected)] + got[len(expected) :]
    assert got == expected
    for d in found:
        assert text[d.start : d.end] == d.text


NEGATIVE_ROWS = [
    "Do you have a car?",
    "We may act in March.",
    "8: 100M2_ and 73 20.",
    "100M",
    "On Tuesday, the president announced the agreement.",
    "As of February 12, 2026, talks continue.",
    "The agreement was signed on October 28, 2025.",
    "Imports rose 12%, up from 2024 levels.",
    "Tariffs are rising from 15% to 25%.",
    "Prices fell by 15%.",
    "The jets will be built by Boeing.",
    "She has over 8 years of experience in trade policy.",
    "Imports from Japan rose sharply.",
    "The workforce grew by 2,000 workers.",
    "In 2026 the plant opened its doors.",
    "Since 2019, the company has doubled its U.S. payroll.",
    "Toyota, founded in 1937, employs thousands in Kentucky.",
    "The two leaders met in Tokyo in March 2026.",
    "The talks during 2025 were difficult.",
    "Korean Air signed a 20-year maintenance contract.",
    "The president ended a four-day visit to the Gulf.",
    "The two nations marked their 70-year alliance.",
    "She has 12 years of experience in customs law.",
    "Exports doubled between 2015 and 2020.",
    "Profits rose in the third quarter of 2025.",
    "The agency reported results for fiscal 2024.",
    "Parliament approved the cut in the fiscal 2027 budget debate.",
    "Imports fell from 2019 to 2021 levels.",
    "Before the end of the meeting, the ministers posed for photos.",
    "The mill suffered a two-year delay after the fire.",
    "Growth was strong during a 10-year period of reform.",
    "Exports rose during 2015-2020.",
    "Output peaked in the 2010–2014 period.",
    "It will be the largest order in 20 years.",
    "The firm doubled its sales in 5 years.",
    "Imports climbed from 2019-20 levels.",
    "The pact faces a six-year review by the three members.",
    "Exemptions were extended to more firms for several years.",
    "The bank extended its lead for the third year.",
    "The mill has run at full capacity for ten years.",
    "The founder handed the firm to a 10-year-old heir.",
    "Investors sold 10-year bonds after the vote.",
    "Ten-year Treasury yields hit a 16-year high.",
    "Output sits above the 5-year average.",
    "The bank's 30‑year mortgage rate fell.",
    "Farm exports tripled over the past six years.",
    "The mine closed over 5 years ago.",
    "The chief executive led the bank for over 7 years.",
    "The bridge took over three years to finish.",
    "He spent over 9 years in the customs service.",
    "The group intends to open the first new paper mill in the province in 40 years.",
    "Officials hope to build the biggest dam on the river in half a century or in 50 years.",
    "Robots could replace most clerks in the next decade or two.",
    "Prices should settle within a year or so.",
    "The forecast says demand will double over the next three years or more.",
    "The envoy resigned before the conference ended in 2019.",
    "Shares slid before the session ends in New York.",
    "The firm has operated for 10 years.",
    "It is the first time in 10 years that exports fell.",
    "The network paid $2 billion for 10 years of rights.",
    "The unit made $5 billion for 3 years running.",
    "The $5 billion was spent in Ohio for 10 years.",
    "Sales rose across five years of data.",
    "The plant closed across 5 years ago.",
]


@pytest.mark.parametrize("text", NEGATIVE_ROWS, ids=[t[:55] for t in NEGATIVE_ROWS])
@pytest.mark.parametrize("reference", [None, REF], ids=["noref", "ref"])
def test_not_a_deadline(text, reference):
    assert [d.text for d in find_deadlines(text, reference)] == []


def test_relative_resolution_depends_only_on_reference():
    relative = "The shipyard will be modernized by the end of next year."
    absolute = "Toyota will complete the plant by April 2026."
    r1 = find_deadlines(relative, dt.date(2026, 2, 12))
    r2 = find_deadlines(relative, dt.date(2030, 6, 1))
    assert [d.date for d in r1] == ["2027-12-31"]
    assert [d.date for d in r2] == ["2031-12-31"]
    assert r1 != r2
    a1 = find_deadlines(absolute, dt.date(2026, 2, 12))
    a2 = find_deadlines(absolute, dt.date(2030, 6, 1))
    a3 = find_deadlines(absolute, None)
    assert a1 == a2 == a3
    assert [d.date for d in a1] == ["2026-04-30"]
    # Same inputs, same outputs: nothing depends on the process clock.
    assert find_deadlines(relative, dt.date(2026, 2, 12)) == r1
    assert [d.unresolved for d in find_deadlines(relative, None)] == [True]


FISCAL_ROWS = [
    # (text, country, date): whose fiscal year it is decides where it ends
    ("Japan will finish the payments by the end of fiscal 2026.", "JPN", "2027-03-31"),
    ("The ministry plans to spend the funds in FY2026.", "IND", "2026-03-31"),
    ("The program runs through FY2027.", "USA", "2027-09-30"),
    ("Canberra will fund the port by FY2028.", "AUS", "2028-06-30"),
    ("The subsidy covers the period through FY2026-27.", "IND", "2027-03-31"),
    ("The subsidy covers the period through FY2026-27.", "AUS", "2027-06-30"),
    ("The subsidy covers the period through FY2026-27.", None, "2027-03-31"),
    ("Funds are due by fiscal 2029.", None, "2029-12-31"),
    ("The outlay must be spent by 2030-31.", "IND", "2031-03-31"),
    ("The outlay must be spent by 2030-31.", None, "2031-12-31"),
]


@pytest.mark.parametrize("text,country,date", FISCAL_ROWS, ids=[f"{t[:45]}|{c}" for t, c, _ in FISCAL_ROWS])
def test_fiscal_years_by_country(text, country, date):
    assert [d.date for d in find_deadlines(text, None, fiscal_country=country)] == [date]

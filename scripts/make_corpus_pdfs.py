#!/usr/bin/env python3
"""Generate the three PDF documents of the test corpus.

Run from the repository root with the project's virtualenv:

    .venv/bin/python scripts/make_corpus_pdfs.py

The text of every document is written here, for this project. The output is
deterministic: fixed creation date, core fonts only (Helvetica, latin-1 text),
no random ids, so rebuilding gives byte-identical files.
"""

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parent.parent / "corpus" / "documents"
FIXED_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)


class Doc(FPDF):
    """A4 page with an optional running header and a page-number footer."""

    def __init__(self, running_header="", footer_text=""):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.running_header = running_header
        self.footer_text = footer_text
        self.set_creation_date(FIXED_DATE)
        self.set_creator("corpus builder")
        self.set_producer("corpus builder")
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(auto=True, margin=22)

    def header(self):
        if self.running_header and self.page_no() > 1:
            self.set_font("Helvetica", "I", 8)
            self.set_text_color(110, 110, 110)
            self.cell(0, 6, self.running_header, align="R")
            self.ln(10)
            self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(110, 110, 110)
        text = f"Page {self.page_no()} of {{nb}}"
        if self.footer_text:
            text = f"{self.footer_text}    |    {text}"
        self.cell(0, 8, text, align="C")
        self.set_text_color(0, 0, 0)

    def multi_cell(self, w, h=None, text="", *args, **kwargs):
        # always continue at the left margin on the next line
        kwargs.setdefault("new_x", XPos.LMARGIN)
        kwargs.setdefault("new_y", YPos.NEXT)
        return super().multi_cell(w, h, text, *args, **kwargs)

    # small writing helpers
    def title_block(self, text, size=15):
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, 7, text, align="C")
        self.ln(2)

    def heading(self, text):
        self.ln(3)
        self.set_font("Helvetica", "B", 12)
        self.multi_cell(0, 6.5, text)
        self.ln(1)

    def para(self, text, size=11):
        self.set_font("Helvetica", "", size)
        self.multi_cell(0, 6, text)
        self.ln(2)

    def bullets(self, items, size=11):
        self.set_font("Helvetica", "", size)
        for item in items:
            self.set_x(self.l_margin + 4)
            self.multi_cell(self.epw - 4, 6, "- " + item)
            self.ln(1)
        self.ln(1)


# ---------------------------------------------------------------------------
# 05: US-ROK joint fact sheet, three pages, headings and "-" bullets
# ---------------------------------------------------------------------------
def us_korea_joint_fact_sheet(path):
    pdf = Doc(running_header="Joint Fact Sheet - United States and Republic of Korea", footer_text="For public release")
    pdf.set_title("Joint Fact Sheet: United States - Republic of Korea Trade, Investment and Security Outcomes")
    pdf.set_author("Governments of the United States and the Republic of Korea")
    pdf.add_page()
    pdf.title_block(
        "JOINT FACT SHEET\nUnited States - Republic of Korea Leaders' Meetings on Trade, Investment and Security"
    )
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(0, 6, "Washington and Seoul, November 14, 2025", align="C")
    pdf.ln(4)
    pdf.para(
        "President Donald J. Trump and President Lee Jae Myung met in Washington on August 25, 2025, "
        "and again in Gyeongju on October 29, 2025, on the margins of the APEC Leaders' Meeting. "
        "This fact sheet sets out what the two governments agreed at those meetings and in the "
        "negotiations that followed. It reflects the shared view of both sides and will be carried "
        "out in line with each country's laws."
    )

    pdf.heading("I. Trade and Investment")
    pdf.bullets(
        [
            "The ROK will invest US$350 billion in the United States. Of this, $200 billion will be "
            "provided under a Memorandum of Understanding on strategic investment and $150 billion will "
            "go to shipbuilding cooperation.",
            "Cash contributions under the Memorandum will be paid in installments of no more than "
            "$20 billion per year, so as to protect the stability of Korea's foreign exchange market.",
            "Projects will be selected by the United States through an investment committee, after "
            "consultation with the ROK. Cash flow will be shared equally until the ROK recovers its "
            "contribution, after which the U.S. share rises to 90 percent.",
            "The United States will apply a tariff of 15 percent to Korean automobiles and auto parts, "
            "down from 25 percent, effective from November 1, 2025. Tariff terms on semiconductors "
            "will be no less favorable than those offered to Taiwan.",
            "The ROK intends to purchase $100 billion of U.S. liquefied natural gas and other energy "
            "products through 2028.",
        ]
    )
    pdf.heading("Market Access")
    pdf.bullets(
        [
            "Vehicles built to U.S. federal motor vehicle safety standards may be sold in Korea without "
            "additional testing, and the previous annual cap on such imports is removed.",
            "The ROK will address non-tariff barriers to U.S. food and agricultural exports, including a "
            "dedicated consultation desk for U.S. farm products and faster reviews of biotechnology crops.",
            "Both sides will avoid discrimination against each other's digital services companies and "
            "will support cross-border data flows.",
        ]
    )

    pdf.add_page()
    pdf.heading("II. Commercial Announcements")
    pdf.bullets(
        [
            "Korean Air will purchase 103 Boeing aircraft valued at $36.2 billion, with engines from GE Aerospace.",
            "Amazon Web Services (AWS) will invest $5bn to build cloud and AI infrastructure in Korea.",
            "Korea Gas Corporation (KOGAS) and other Korean buyers will pursue long-term purchases of U.S. "
            "LNG to diversify Korea's supply.",
            "The ROK Air Force selected L3Harris Technologies for its next airborne early warning and "
            "control aircraft.",
            "American and Korean companies will jointly develop a vertically integrated rare earth "
            "separation, mining and magnet production complex in the United States.",
        ]
    )
    pdf.heading("III. Shipbuilding and Maritime Cooperation")
    pdf.para(
        "The $150 billion shipbuilding component, known as the Make American Shipbuilding Great "
        "Again (MASGA) initiative, will be led by Korean shipbuilders investing in U.S. shipyards, "
        "workforce training and supply chains."
    )
    pdf.bullets(
        [
            "Hanwha Ocean will expand and modernize its Philly Shipyard in Pennsylvania.",
            "HD Hyundai Heavy Industries and Samsung Heavy Industries will cooperate with U.S. partners "
            "on the maintenance, repair and overhaul of U.S. Navy vessels.",
            "The United States has approved the ROK building nuclear-powered attack submarines and will "
            "work with the ROK on the sourcing of fuel for them.",
        ]
    )
    pdf.heading("IV. Alliance and Security")
    pdf.bullets(
        [
            "The ROK plans to raise its defense spending to 3.5 percent of GDP as soon as possible.",
            "The ROK plans to purchase U.S. military equipment worth $25 billion by 2030.",
            "The ROK will provide comprehensive support of $33 billion for U.S. Forces Korea.",
            "The two sides will continue preparations for the transition of wartime operational control.",
        ]
    )

    pdf.add_page()
    pdf.heading("V. Energy and Civil Nuclear Cooperation")
    pdf.bullets(
        [
            "The United States supports the process that would allow the ROK to carry out civil uranium "
            "enrichment and spent fuel reprocessing for peaceful uses, consistent with the bilateral "
            "agreement on civil nuclear cooperation.",
            "Korean companies will support the expansion of U.S. uranium enrichment capacity and invest in "
            "power-grid equipment and transmission infrastructure.",
        ]
    )
    pdf.heading("VI. Science and Technology")
    pdf.para(
        "The Technology Prosperity Deal, a Memorandum of Understanding signed in Gyeongju on "
        "October 29, 2025, commits the two countries to cooperate on artificial intelligence, "
        "quantum science, 6G networks, biotechnology and space exploration, and on protecting "
        "research from misuse."
    )
    pdf.heading("VII. Next Steps")
    pdf.bullets(
        [
            "The ROK government will submit implementing legislation to the National Assembly.",
            "Officials of the two governments will meet regularly to review progress on each item in this fact sheet.",
        ]
    )
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(
        0,
        5,
        "This fact sheet is a political statement of intent. It does not create rights or "
        "obligations under international or domestic law.",
    )
    pdf.output(str(path))


# ---------------------------------------------------------------------------
# 06: analyst table of Asian corporate investments in the US
# ---------------------------------------------------------------------------
PROJECT_ROWS = [
    ("Project", "Sponsor", "Investment", "Timing"),
    (
        "Electric arc furnace steel mill, Donaldsonville, Louisiana",
        "Hyundai Steel Co.",
        "$5.8 billion",
        "Production starting in 2029",
    ),
    (
        "U.S. vehicle, parts, steel and robotics program",
        "Hyundai Motor Group",
        "$26 billion",
        "Spending by the end of 2028",
    ),
    ("HBM advanced packaging plant, West Lafayette, Indiana", "SK hynix Inc.", "$3.87B", "Mass production in 2H 2028"),
    ("Foundry fab, Taylor, Texas", "Samsung Electronics", "Over $37 billion", "Operations starting in 2026"),
    ("Fabs and advanced packaging, Phoenix, Arizona", "TSMC", "USD 165 billion", "Phased build-out"),
    ("Shipyard modernization, Philadelphia", "Hanwha Group (Philly Shipyard)", "$5 billion", "Announced August 2025"),
    (
        "AP1000 reactor fleet",
        "Westinghouse Electric Co., with Brookfield and Cameco",
        "$80 billion",
        "Signed October 28, 2025",
    ),
    ("Steel mill upgrades", "Nippon Steel Corporation (U.S. Steel)", "$11 billion", "By 2028"),
    ("Large power transformer plant, South Boston, Virginia", "Hitachi Energy", "$457M", "Announced September 2025"),
    (
        "Zinc and critical minerals smelter, Clarksville, Tennessee",
        "Korea Zinc",
        "approx. $7.4 billion",
        "Announced December 2025",
    ),
]


def asian_investment_table(path):
    pdf = Doc(footer_text="Investment Tracker - Research Note 2026-01")
    pdf.set_title("Asian Corporate Investment in U.S. Manufacturing and Energy: Project Tracker")
    pdf.set_author("Investment Tracker research desk")
    pdf.add_page()
    pdf.title_block("Asian Corporate Investment in U.S. Manufacturing and Energy", size=14)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5.5, "Research note | As of January 15, 2026", align="C")
    pdf.ln(4)
    pdf.para(
        "Japanese, Korean and Taiwanese companies have lined up some of the largest factory and energy "
        "projects in the United States since tariffs on imports from Asia were raised in 2025. The "
        "table below lists selected projects by sponsor, with the investment figure each company or "
        "government announced. We do not convert currencies or adjust for inflation.",
        size=10,
    )

    pdf.set_font("Helvetica", "", 8.5)
    head = FontFace(emphasis="BOLD", fill_color=(225, 230, 240))
    with pdf.table(
        col_widths=(52, 40, 28, 46), line_height=5, headings_style=head, text_align=("LEFT", "LEFT", "RIGHT", "LEFT")
    ) as table:
        for row_data in PROJECT_ROWS:
            row = table.row()
            for value in row_data:
                row.cell(value)
    pdf.ln(4)

    pdf.set_font("Helvetica", "B", 10)
    pdf.multi_cell(0, 5.5, "Notes")
    pdf.set_font("Helvetica", "", 9)
    for note in [
        "Hyundai Motor Group's $26 billion program covers 2025 through 2028 and includes the Hyundai "
        "Steel mill listed separately above.",
        "Hitachi Energy's transformer plant is part of more than $1 billion the company has said it "
        "will invest in U.S. grid equipment.",
        "The Westinghouse partnership with the U.S. government is expected to draw on Japanese "
        "financing; Canada's Cameco and Brookfield are co-owners of Westinghouse.",
        "SK hynix is building its Indiana plant next to Purdue University's research park.",
    ]:
        pdf.set_x(pdf.l_margin + 3)
        pdf.multi_cell(pdf.epw - 3, 5, "- " + note)
    pdf.ln(3)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(
        0,
        4.5,
        "Disclaimer: This note is provided for information only and is not investment "
        "advice. Figures are as reported by sponsors and may change. Copyright 2026 "
        "Investment Tracker. All rights reserved.",
    )
    pdf.output(str(path))


# ---------------------------------------------------------------------------
# 07: short one-page brief on the US-Australia critical minerals framework
# ---------------------------------------------------------------------------
def us_australia_minerals_brief(path):
    pdf = Doc()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, "BRIEFING NOTE: U.S.-Australia Framework on Critical Minerals and Rare Earths")
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 5, "Canberra | Issued October 21, 2025")
    pdf.ln(3)
    pdf.para(
        "President Donald Trump and Prime Minister Anthony Albanese signed the framework at the White "
        "House on October 20, 2025. It aims to give both countries a secure supply of critical "
        "minerals and rare earths at a time when China has tightened export controls on rare earth "
        "technologies.",
        size=10,
    )
    pdf.set_font("Helvetica", "B", 10.5)
    pdf.multi_cell(0, 6, "Key points")
    pdf.bullets(
        [
            "Each government will provide at least $1 billion in financing for projects in both "
            "countries within six months.",
            "The two sides point to a pipeline of mining and processing projects worth $8.5 billion.",
            "The U.S. Department of War will invest in a gallium refinery to be built by Alcoa Corporation "
            "and Japan's Sojitz Corporation in Wagerup, Western Australia, with capacity of up to 100 "
            "tonnes of gallium a year.",
            "The Export-Import Bank of the United States has issued letters of interest for more than "
            "$2.2 billion in support for seven projects.",
            "Australia's A$1.2 billion Critical Minerals Strategic Reserve will work alongside the framework.",
            "Both governments will look at price floors and other tools to counter unfair trade practices.",
        ],
        size=10,
    )
    pdf.set_font("Helvetica", "B", 10.5)
    pdf.multi_cell(0, 6, "Why it matters")
    pdf.para(
        "China carries out roughly 90 percent of the world's rare earth processing, and its October "
        "controls reached beyond raw materials to magnets and processing equipment. Australia is the "
        "largest producer of lithium and holds large deposits of rare earths, but much of its ore is "
        "still refined overseas. The framework is meant to change that by pairing Australian "
        "resources with U.S. offtake and finance, and by bringing in allies such as Japan as "
        "co-investors. Officials will report back to the two leaders on the first financed projects.",
        size=10,
    )
    pdf.set_font("Helvetica", "I", 8.5)
    pdf.multi_cell(0, 4.5, "Prepared by the Resources Policy Desk for general information.")
    pdf.output(str(path))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    us_korea_joint_fact_sheet(OUT / "05-us-korea-joint-fact-sheet.pdf")
    asian_investment_table(OUT / "06-asian-investment-project-tracker.pdf")
    us_australia_minerals_brief(OUT / "07-us-australia-minerals-brief.pdf")
    for name in (
        "05-us-korea-joint-fact-sheet.pdf",
        "06-asian-investment-project-tracker.pdf",
        "07-us-australia-minerals-brief.pdf",
    ):
        print(OUT / name)


if __name__ == "__main__":
    main()

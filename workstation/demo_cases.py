"""The demo day's script: its flights, the people on the lookout list who travel, and decoys.

``LOOKOUTS`` are listed people written out by hand (more are drawn at random around them);
``PLANTINGS`` put some of them on a flight, spelled as airline data would spell them;
``DECOYS`` put travellers on board who share a listed person's name but are someone else.
"""

from __future__ import annotations

from typing import NamedTuple

from workstation.demo_names import Weighted


class Route(NamedTuple):
    carrier: str
    number: str
    origin: str
    destination: str
    departs: str  # scheduled departure, UTC, "HH:MM"
    minutes: int  # block time
    rows: int  # seat rows of the aircraft, six seats a row
    load: tuple[int, int]  # passengers, fewest and most
    mix: Weighted  # cultures of the passengers
    crew: tuple[tuple[str, str], ...]  # (culture, nationality) crew are drawn from
    regional: bool = False  # identity cards accepted


_EMIRATES_CREW = (("ar", "EGY"), ("ar", "JOR"), ("en", "GBR"), ("sr", "SRB"), ("ru", "RUS"),
                  ("mk", "MKD"), ("sq", "ALB"), ("ar", "SYR"))  # fmt: skip

ROUTES = (
    Route("JU", "171", "TGD", "BEG", "05:45", 50, 24, (30, 45),
          (("sr", 75), ("bs", 10), ("ru", 8), ("sq", 4), ("en", 3)), (("sr", "SRB"),), True),
    Route("FZ", "1745", "DXB", "BEG", "05:20", 345, 31, (40, 55),
          (("ar", 40), ("sr", 30), ("ru", 10), ("bs", 10), ("en", 5), ("de", 5)), _EMIRATES_CREW),
    Route("OS", "773", "VIE", "BEG", "06:10", 75, 30, (35, 50),
          (("sr", 50), ("de", 25), ("bs", 8), ("hr", 7), ("tr", 5), ("en", 5)), (("de", "AUT"),)),
    Route("TK", "1083", "IST", "BEG", "07:15", 115, 36, (40, 55),
          (("tr", 45), ("sr", 30), ("ar", 10), ("ru", 8), ("bs", 7)), (("tr", "TUR"),)),
    Route("LH", "1406", "FRA", "BEG", "07:40", 115, 30, (35, 55),
          (("sr", 45), ("de", 30), ("tr", 10), ("bs", 10), ("en", 5)), (("de", "DEU"),)),
    Route("QR", "233", "DOH", "BEG", "08:00", 330, 30, (35, 55),
          (("ar", 45), ("sr", 25), ("bs", 10), ("en", 10), ("ru", 10)), _EMIRATES_CREW),
    Route("TK", "1003", "IST", "SKP", "08:25", 95, 36, (35, 55),
          (("tr", 40), ("sq", 30), ("mk", 25), ("ar", 5)), (("tr", "TUR"),)),
    Route("JU", "172", "BEG", "SKP", "09:30", 60, 24, (20, 35),
          (("sr", 50), ("mk", 40), ("sq", 10)), (("sr", "SRB"),), True),
    Route("JU", "651", "SVO", "BEG", "10:05", 200, 30, (40, 60),
          (("ru", 70), ("sr", 30)), (("sr", "SRB"),)),
    Route("PC", "1093", "SAW", "SKP", "12:40", 90, 31, (30, 50),
          (("tr", 50), ("sq", 30), ("mk", 20)), (("tr", "TUR"),)),
    Route("W6", "4311", "DTM", "SKP", "14:15", 150, 36, (40, 55),
          (("mk", 45), ("sq", 35), ("de", 10), ("tr", 10)), (("mk", "MKD"),)),
    Route("W6", "4477", "SKP", "LTN", "17:05", 190, 36, (35, 55),
          (("sq", 50), ("mk", 35), ("en", 15)), (("mk", "MKD"),)),
)  # fmt: skip


class Lookout(NamedTuple):
    key: str
    culture: str
    surname: str  # in the person's own script, as the person writes it
    given: str
    middle: str  # patronymic, father's name or second given name; "" if none
    sex: str
    born: str  # ISO date
    nationality: str  # alpha-3, ";" between several
    # How the list writes it: "native" script, "given-first", "dob-year" or "dob-none", "doc".
    listing: str
    category: str
    notes: str
    aliases: str = ""


class Planting(NamedTuple):
    key: str  # the Lookout who travels
    flight: str  # designator
    spelling: int  # which airline spelling (see demo_spelling.airline_spelling)
    changes: str = ""  # "drop-middle", "typo"
    party: str = ""  # "", "partner" or "escorted"


class Decoy(NamedTuple):
    key: str  # the Lookout whose name the decoy shares
    given: str  # the decoy's given name; "" for the listed one
    sex: str
    years: int  # born this many years after the listed person
    flight: str


LOOKOUTS = (
    Lookout("zarko", "sr", "Đorđević", "Žarko", "", "M", "1979-03-14", "SRB", "native dob-year",
            "drugs", "Check baggage for concealment; known to use body packing",
            "Zare; Žarko Đorđević"),
    Lookout("gjorgji", "mk", "Ќосевски", "Ѓорѓи", "", "M", "1985-07-02", "MKD", "native",
            "migrant smuggling", "Record companions and onward travel; inform border police",
            "Gjorgji Kjosevski; Ѓоко"),
    Lookout("kuznetsov", "ru", "Кузнецов", "Сергей", "Иванович", "M", "1972-11-05", "RUS",
            "native given-first", "wanted person",
            "Interpol diffusion for fraud; verify identity and hold for the border police "
            "duty officer"),
    Lookout("masri", "ar", "al-Masri", "Muhammad", "Abd al-Rahman", "M", "1981-09-20", "EGY",
            "given-first", "terrorism",
            "Do not alert the subject; inform the security service duty officer at once",
            "Abu Yusuf al-Masri; Mohamed Abdelrahman Elmasry"),
    Lookout("sahin", "tr", "Şahin", "Mehmet", "Ali", "M", "1976-04-30", "TUR", "dob-year",
            "drugs", "Inform customs duty officer before the subject reaches baggage reclaim"),
    Lookout("hoxhe", "sq", "Hoxhë", "Arben", "", "M", "1983-12-08", "ALB;RKS", "given-first",
            "trafficking in persons",
            "Speak to companions separately; note who paid the tickets; inform the "
            "anti-trafficking duty officer",
            "Beni"),
    Lookout("hodzic", "bs", "Hodžić", "Emir", "", "M", "1990-01-28", "BIH", "doc",
            "wanted person",
            "Arrest warrant in force; detain and inform the border police duty officer"),
    Lookout("stankovic", "sr", "Stanković", "Dragan", "", "M", "1968-05-19", "SRB", "native",
            "migrant smuggling",
            "Check companions' documents for forgeries; do not alert the subject",
            "Gagi"),
    Lookout("harbi", "ar", "al-Harbi", "Khalid", "Said", "M", "1987-02-17", "SAU", "",
            "drugs", "Check luggage for captagon tablets; inform customs duty officer"),
    Lookout("vesna", "mk", "Трајковска", "Весна", "", "F", "1983-06-21", "MKD",
            "native given-first dob-year", "other",
            "Suspected cash courier; customs to check for undeclared cash"),
    Lookout("smirnova", "ru", "Смирнова", "Юлия", "Викторовна", "F", "1988-02-11", "RUS", "native",
            "drugs", "Suspected cocaine courier; check baggage and inform customs duty officer",
            "Yulia Smirnova"),
    Lookout("ozturk", "tr", "Öztürk", "Cem", "", "M", "1979-09-09", "DEU;TUR", "dob-none",
            "drugs", "Controlled delivery possible; do not alert the subject, inform customs"),
    # Listed people who do not travel today; decoys share their names.
    Lookout("marija", "sr", "Jovanović", "Marija", "", "F", "1971-08-03", "SRB", "native",
            "trafficking in persons",
            "Possible recruiter; record companions and who paid the tickets"),
    Lookout("yilmaz", "tr", "Yılmaz", "Mehmet", "", "M", "1961-01-15", "TUR", "",
            "drugs", "Check baggage for concealment; inform customs duty officer"),
    Lookout("petrovic", "sr", "Petrović", "Nikola", "", "M", "1966-10-02", "SRB;MNE",
            "native dob-year", "wanted person",
            "Arrest warrant in force; detain and inform the duty officer"),
    Lookout("ivanov", "ru", "Иванов", "Дмитрий", "Сергеевич", "M", "1958-03-27", "RUS",
            "native given-first", "other",
            "Sanctions evasion inquiry; record travel and companions"),
    Lookout("ahmed", "ar", "Muhammad", "Ahmad", "Hasan", "M", "1970-05-05", "IRQ", "given-first",
            "terrorism",
            "Do not alert the subject; inform the security service duty officer at once",
            "Abu Hasan al-Iraqi"),
    Lookout("kaya", "tr", "Kaya", "Ayşe", "", "F", "1952-11-30", "TUR", "",
            "other", "Record travel details and companions; no action at the border"),
)  # fmt: skip

PLANTINGS = (
    Planting("zarko", "LH1406", 0),
    Planting("gjorgji", "PC1093", 1),
    Planting("kuznetsov", "JU651", 0),
    Planting("masri", "FZ1745", 1),
    Planting("sahin", "TK1003", 0, "drop-middle", "partner"),
    Planting("hoxhe", "W64477", 0, "", "escorted"),
    Planting("hodzic", "OS773", 0),
    Planting("stankovic", "TK1083", 0, "typo"),
    Planting("harbi", "QR233", 1, "", "partner"),
    Planting("vesna", "JU172", 0),
    Planting("smirnova", "JU651", 1, "drop-middle"),
    Planting("ozturk", "LH1406", 1, "", "partner"),
)

DECOYS = (
    Decoy("marija", "Marko", "M", 21, "JU171"),
    Decoy("yilmaz", "", "M", 37, "TK1083"),
    Decoy("petrovic", "", "M", 35, "OS773"),
    Decoy("ivanov", "", "M", 38, "JU651"),
    Decoy("ahmed", "", "M", 33, "QR233"),
    Decoy("kaya", "", "F", 40, "PC1093"),
    Decoy("sahin", "", "M", 25, "TK1083"),
    Decoy("hodzic", "", "M", -28, "FZ1745"),
)

FILLER_CULTURES: Weighted = (
    ("sr", 12), ("mk", 8), ("sq", 7), ("ar", 8), ("tr", 6), ("bs", 5), ("ru", 5), ("hr", 3),
    ("de", 1), ("en", 1), ("nl", 1),
)  # fmt: skip

CATEGORIES: Weighted = (
    ("drugs", 30), ("migrant smuggling", 15), ("trafficking in persons", 10), ("terrorism", 6),
    ("wanted person", 15), ("stolen or lost document", 10), ("other", 14),
)  # fmt: skip

NOTES: dict[str, tuple[str, ...]] = {
    "drugs": (
        "Check baggage for concealment; known to use body packing",
        "Inform customs duty officer before the subject reaches baggage reclaim",
        "Suspected cocaine courier; controlled delivery possible, do not alert the subject",
        "Check luggage for cannabis in vacuum packs; inform customs",
    ),
    "migrant smuggling": (
        "Suspected facilitator; record companions and onward travel",
        "Check companions' documents for forgeries; inform border police duty officer",
        "Do not alert the subject; note who meets the flight",
    ),
    "trafficking in persons": (
        "Speak to companions separately; note who paid the tickets",
        "Check whether travelling with young women or minors; inform the anti-trafficking unit",
    ),
    "terrorism": (
        "Do not alert the subject; inform the security service duty officer at once",
        "Discreet check only; report travel and companions to the security service",
    ),
    "wanted person": (
        "Arrest warrant in force; detain and inform the border police duty officer",
        "Interpol red notice; verify identity, detain and inform NCB Interpol",
    ),
    "stolen or lost document": (
        "Seize the document; the holder may be an impostor",
        "Document reported stolen; verify the holder's identity against the photograph",
    ),
    "other": (
        "Record travel details and companions; no action at the border",
        "Subject of a financial investigation; customs to check for undeclared cash",
    ),
}

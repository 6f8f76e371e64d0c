"""The demo day's people: who they are, and how their papers and airline data show them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from workstation.demo_names import (
    DOCUMENT_PATTERNS,
    FEMALE,
    MALE,
    NATIONALITIES,
    REGIONAL_ID_STATES,
    RU_PATRONYMIC_STEMS,
    SURNAMES,
    Weighted,
)
from workstation.demo_spelling import airline_spelling, airline_spellings, feminine

_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_GERMAN_DOCUMENT_CHARACTERS = "CFGHJKLMNPRTVWXYZ0123456789"
# How often airline data carries a second name, by culture (father's name, patronymic...).
_MIDDLE_NAME_SHARE = {"ar": 0.6, "ru": 0.3, "tr": 0.15, "de": 0.2, "en": 0.35}


def pick(rng: random.Random, weighted: Weighted) -> str:
    names = [name for name, _ in weighted]
    return rng.choices(names, weights=[weight for _, weight in weighted])[0]


@dataclass(frozen=True)
class Identity:
    """A person as they write their own name; names in ``demo_names`` form."""

    culture: str
    surname: str
    given: str
    middle: str
    sex: str
    born: date
    nationality: str


@dataclass(frozen=True)
class Traveller:
    """One manifest row."""

    surname: str
    given: str
    born: date
    sex: str
    nationality: str
    doc_type: str
    doc_number: str
    expiry: date
    role: str = "passenger"
    booking: str = ""
    seat: str = ""


class PeopleMaker:
    """Draws people from one seeded generator; document numbers and booking codes never repeat."""

    def __init__(self, rng: random.Random, day: date) -> None:
        self.rng = rng
        self.day = day
        self.reserved: set[tuple[str, str]] = set()
        self._documents: set[str] = set()
        self._bookings: set[str] = set()

    # -- who they are ---------------------------------------------------------------------
    def birth_date(self, age_low: int, age_high: int) -> date:
        age = self.rng.randint(age_low, age_high)
        return self.day - timedelta(days=365 * age + self.rng.randrange(1, 365))

    def person(
        self,
        culture: str,
        sex: str,
        born: date,
        *,
        surname: str = "",
        nationality: str = "",
        father: str = "",
    ) -> Identity:
        """A new person; ``surname`` is the family's (masculine) one, drawn if not given."""
        for _ in range(50):
            family = surname or pick(self.rng, SURNAMES[culture])
            own_surname = feminine(culture, family) if sex == "F" else family
            given = self.rng.choice(MALE[culture] if sex == "M" else FEMALE[culture])
            if not self.is_reserved(culture, own_surname, given):
                break
        middle = self._middle(culture, sex, father)
        middle = "" if middle == given else middle
        return Identity(
            culture,
            own_surname,
            given,
            middle,
            sex,
            born,
            nationality or pick(self.rng, NATIONALITIES[culture]),
        )

    def _middle(self, culture: str, sex: str, father: str) -> str:
        if self.rng.random() >= _MIDDLE_NAME_SHARE.get(culture, 0.0) and not father:
            return ""
        if culture == "ru":
            stem = RU_PATRONYMIC_STEMS[father or self.rng.choice(MALE["ru"])]
            return stem + ("ич" if sex == "M" else "на")
        if father:
            return father
        return self.rng.choice(MALE[culture] if sex == "M" or culture == "ar" else FEMALE[culture])

    def party(self, culture: str, size: int) -> list[Identity]:
        """People booked together: one adult, a couple, two colleagues, or a family."""
        nationality = pick(self.rng, NATIONALITIES[culture])
        if size == 1:
            sex = "M" if self.rng.random() < 0.62 else "F"
            return [self.person(culture, sex, self.birth_date(19, 72), nationality=nationality)]
        if size == 2 and self.rng.random() < 0.4:
            sex = self.rng.choice("MF")
            return [
                self.person(culture, sex, self.birth_date(24, 60), nationality=nationality)
                for _ in range(2)
            ]
        head_age = (26, 68) if size == 2 else (30, 55)
        head = self.person(culture, "M", self.birth_date(*head_age), nationality=nationality)
        partner_born = head.born + timedelta(days=self.rng.randint(-400, 2500))
        family = "" if culture == "ar" else head.surname
        people = [
            head,
            self.person(culture, "F", partner_born, surname=family, nationality=nationality),
        ]
        for _ in range(size - 2):
            sex = self.rng.choice("MF")
            parent_age = (self.day - max(head.born, partner_born)).days // 365
            child_born = self.birth_date(max(1, parent_age - 42), min(17, parent_age - 20))
            people.append(
                self.person(
                    culture,
                    sex,
                    child_born,
                    surname=head.surname,
                    nationality=nationality,
                    father=head.given if culture in ("ar", "ru") else "",
                )
            )
        return people

    def reserve(self, culture: str, surname: str, given: str) -> None:
        """Keep regular travellers off a listed person's name (decoys and plantings set aside)."""
        for spelled_surname in airline_spellings(culture, surname):
            for spelled_given in airline_spellings(culture, given):
                self.reserved.add((spelled_surname, spelled_given))

    def is_reserved(self, culture: str, surname: str, given: str) -> bool:
        return any(
            (s, g) in self.reserved
            for s in airline_spellings(culture, surname)
            for g in airline_spellings(culture, given)
        )

    # -- how their papers and the airline show them --------------------------------------------
    def traveller(
        self,
        who: Identity,
        *,
        scheme: int | None = None,
        regional: bool = False,
        role: str = "passenger",
        drop_middle: bool = False,
    ) -> Traveller:
        """``who`` as a manifest row: the airline's spelling, and a document of their own."""
        if scheme is None:
            scheme = self.scheme(who)
        given = airline_spelling(who.culture, who.given, scheme)
        if who.middle and not drop_middle:
            given += " " + airline_spelling(who.culture, who.middle, scheme)
        adult = (self.day - who.born).days >= 18 * 365
        on_card = (
            regional
            and adult
            and who.nationality in REGIONAL_ID_STATES
            and self.rng.random() < 0.55
        )
        doc_type = "I" if on_card else "P"
        valid_days = self.rng.randint(40, 3650 if adult else 1825)
        return Traveller(
            surname=airline_spelling(who.culture, who.surname, scheme),
            given=given,
            born=who.born,
            sex=who.sex,
            nationality=who.nationality,
            doc_type=doc_type,
            doc_number=self.document_number(who.nationality, doc_type),
            expiry=self.day + timedelta(days=valid_days),
            role=role,
        )

    def scheme(self, who: Identity) -> int:
        """A way of spelling ``who``'s names (see demo_spelling.airline_spelling)."""
        if who.culture == "tr":  # German documents write Ö as OE, Turkish ones as O
            return self.rng.choice((0, 1, 1)) if who.nationality in ("DEU", "AUT", "CHE") else 0
        if who.culture == "de":
            return self.rng.choice((0, 0, 1))
        return self.rng.choice((0, 0, 0, 1, 1, 2, 3))

    def document_number(self, nationality: str, doc_type: str) -> str:
        passport, card = DOCUMENT_PATTERNS[nationality]
        pattern = card if doc_type == "I" else passport
        while True:
            number = "".join(self._document_character(c) for c in pattern)
            if number not in self._documents:
                self._documents.add(number)
                return number

    def _document_character(self, symbol: str) -> str:
        if symbol == "#":
            return str(self.rng.randrange(10))
        if symbol == "@":
            return self.rng.choice(_LETTERS)
        if symbol == "*":
            return self.rng.choice(_GERMAN_DOCUMENT_CHARACTERS)
        return symbol

    def booking_reference(self) -> str:
        while True:
            code = "".join(self.rng.choice(_LETTERS + "23456789") for _ in range(6))
            if code not in self._bookings:
                self._bookings.add(code)
                return code

"""Properties: case, accents, word order and a surname/given swap never change a score; every
score lies within 0..100."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import compare
from tests.matching.people import entry, traveller

NAMES = [
    "JOVANOVIC", "MARKO", "PETROVIC", "DJORDJEVIC", "MOHAMMED", "ALI", "HASSAN", "OMAR",
    "BADEGE", "ERIC", "KOSEVSKI", "ZARKO", "SHEKAU", "ABUBAKAR", "MARIJA", "NIKOLA", "HEMAIDA",
    "SALEH", "YUSUF", "IBRAHIM", "TIKRITI", "STOJANOVSKI", "ANA", "KAKOLELE", "FRANK",
]  # fmt: skip
ACCENTS = ["\u0301", "\u0300", "\u0302"]  # acute, grave, circumflex: one ASCII form each

words = st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True)
years = st.one_of(st.none(), st.integers(1940, 2005).map(str))
EXAMPLES = settings(max_examples=60, deadline=None)


def accented(word: str, data: st.DataObject) -> str:
    out = []
    for ch in word:
        out.append(ch)
        if ch in "AEIOU" and data.draw(st.booleans()):
            out.append(data.draw(st.sampled_from(ACCENTS)))
    return unicodedata.normalize("NFC", "".join(out))


@EXAMPLES
@given(surname=words, given_names=words, listed=words, born=years, listed_born=years)
def test_swapping_surname_and_given_names_does_not_change_the_score(
    surname: list[str], given_names: list[str], listed: list[str], born: str | None,
    listed_born: str | None,
) -> None:  # fmt: skip
    e = entry(" ".join(listed), born=(listed_born,) if listed_born else ())
    a = compare(traveller(" ".join(surname), " ".join(given_names), born), e)
    b = compare(traveller(" ".join(given_names), " ".join(surname), born), e)
    assert a.score == b.score
    assert 0 <= a.score <= 100


@EXAMPLES
@given(surname=words, given_names=words, listed=words, data=st.data())
def test_order_of_the_listed_words_does_not_change_the_score(
    surname: list[str], given_names: list[str], listed: list[str], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(listed))
    t = traveller(" ".join(surname), " ".join(given_names))
    assert compare(t, entry(" ".join(listed))).score == compare(t, entry(" ".join(shuffled))).score


@EXAMPLES
@given(surname=words, given_names=words, listed=words, data=st.data())
def test_case_and_accents_do_not_change_the_score(
    surname: list[str], given_names: list[str], listed: list[str], data: st.DataObject
) -> None:
    t = traveller(" ".join(surname), " ".join(given_names))
    plain = compare(t, entry(" ".join(listed))).score
    decorated = " ".join(accented(w, data).lower() for w in listed)
    assert compare(t, entry(decorated)).score == plain


@EXAMPLES
@given(
    surname=st.text(min_size=0, max_size=20),
    given_names=st.text(min_size=0, max_size=20),
    listed=st.lists(st.text(min_size=0, max_size=30), min_size=1, max_size=3),
    born=years,
)
def test_any_text_gives_a_score_within_0_and_100(
    surname: str, given_names: str, listed: list[str], born: str | None
) -> None:
    m = compare(traveller(surname, given_names, born), entry(*listed, born=("1970",)))
    assert 0 <= m.score <= 100

"""Large name pools for the list-scale benchmark: given names and surnames per culture (Balkan,
Russian, Turkish, Arabic, Western, Albanian), the real names of :mod:`name_pools` first, then a
long tail of made-up names built from each culture's syllables (real 1,000,000-name lists hold
hundreds of thousands of distinct tokens).

Names are drawn with Zipf-Mandelbrot frequencies, weight 1 / (rank + q): the commonest surname of
a culture is about 1-2 % of its people, the commonest given name 3-7 % (Jovanović is 1.3 % of
Serbs, Marko about 2 % of Serbian men; Mohammed is commoner among Arabs), as national name
statistics show. The earlier pools (60 surnames drawn with weight 1 / rank ** 0.8) made a listed
name combination about ten times as common as in real populations, so most passengers had
namesakes on the list.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from name_pools import POOLS, serbian_cyrillic


def _w(text: str) -> list[str]:
    return [w.replace("_", " ") for w in text.split()]


_BALKAN_ROOTS = _w("""Mil Rad Drag Stoj Vuk Bog Dobr Mir Slav Ljub Bran Živ Nen Vel Grad Kos Pet Jov
    Nik Đur Cvet Zdrav Ran Brat Vid Dan Sav Tod Šar Kal Marj Stan Pav Mit Rist Luk Tom Vas Kne
    Bab Bošk Gaj Jank Krst Laz Obrad Pop Sim Stev Zdr Đok Ćos Mrk Jak Trif Gav Ugr Tes Hadž Del
    Beg Kovač Mujag Hodž Čaus Smaj Halil Omer Ibr Muj Sulj Bećir Jusuf Salih Husein Mehmed""")
_BALKAN_MIDS = ["", "a", "o", "e", "i", "an", "en", "ak", "in", "ov", "oj", "el", "ič"]
_BALKAN_ENDS = ["ović", "ević", "ić", "ski", "ovski", "evski", "ac", "ović", "ić", "ijević", "in"]
_MACEDONIAN_ENDS = ["ovski", "evski", "ski", "ov", "ev", "oski", "ovska", "in"]
_RUSSIAN_ROOTS = _w("""Бел Сок Вор Кузнец Мак Зах Тих Гром Дуб Кар Лом Мор Нов Орл Пол Рыб Сав
    Тар Уш Фед Хар Чер Шуб Щег Яков Бор Вас Гаврил Дем Ерм Жук Заб Игнат Кирил Лукин Медвед
    Никит Осип Пахом Родион Семен Тимоф Ульян Филип Хрущ Цвет Шапош Юд Абрам Булат Гусь Дроздов
    Егор Журав Зимин Исаак Калаш Лебед Мирон Нестер Обух Прох Рахм Стрел Трофим Усм Хабиб""")
_RUSSIAN_MIDS = ["", "ан", "ен", "ин", "ол", "ач", "ик", "уш", "ар", "ят", "он", "ил", "ох", "ес"]
_RUSSIAN_ENDS = ["ов", "ев", "ин", "ский", "енко", "ук", "ов", "ев", "ович", "ых"]
_TURKISH_HEADS = _w("""Ak Kara Öz Gök Er Demir Yıldız Kurt Şen Çak Ay Gül Tek Uz Kılıç Bulut Doğan
    Aslan Kaya Taş Yurt Deniz Altın Güney Koç Bay Tunç Erdem Sarı Boz""")
_TURKISH_MIDS = ["", "er", "al", "ün", "ak", "öz", "ır", "en", "oğ"]
_TURKISH_TAILS = _w("""kaya türk bulut tepe han can taş oğlu soy göz el dağ er su yol alp men lar
    ok ay çelik baş yiğit kan gün ova kurt""")
_ARABIC_ROOTS = _w("""Hamad Sharaf Qahtan Tamim Jubur Dulaym Ubayd Khazraj Harb Shammar Anaz Utayb
    Ghamid Zahran Mutayr Dawasir Sulaym Quraysh Hashim Baghdad Mosul Tikrit Halab Dimashq Hums
    Basra Najaf Karbala Falluj Ramad Samarr Kirkuk Sudan Yaman Maghrib Masr Sham Ansar Qasim
    Rashid Mahdi Khatib Najjar Haddad Sabbagh Tahhan Khayyat Attar Jazzar Bitar Sarraf Qassab""")
_ARABIC_ENDS = ["i", "awi", "ani", "i", "ali", "ash"]
_WESTERN_ROOTS = _w("""Ash Black Brad Brook Car Clay Dal Ed Fair Green Hart Hol Kings Lang Mar Nor
    Oak Pen Ridge Shel Stan Thorn Wal West Wood Ald Bar Bish Chad Dun Elm Fox Glad Har Kirk
    Brun Eich Hahn Kaiser Lind Berg Stein Wald Rosen Schwarz Weiss Neu Alt Holz Feld Linden Dorn
    Mont Bois Rive Val Fontaine Castel Ross Bell Bianc Marin Serr Vill Torr Cald Mor Lun Sal""")
_WESTERN_ENDS = ["son", "er", "man", "ford", "ley", "ton", "ing", "wood", "field", "well", "s"]
_ALBANIAN_ROOTS = _w("""Kras Beri Gash Hox Shal Mor Bytyq Thaç Haradin Lim Xhafer Kelm Dur Lek Qos
    Bajr Dem Ferat Gjon Hal Ism Jashar Kastr Leka Marku Nezir Osm Pren Rexh Sal Tah Uk Vesel Zen
    Ahmet Bek Cen Dib Elez Fet Gjin Hajd Ibr Jak Kur Llap Mehm Nik Prek Rrah Sylej Tërn Xhem""")
_ALBANIAN_ENDS = ["iqi", "ha", "i", "aj", "ja", "ani", "oli", "aku"]

_WESTERN_GIVEN = _w("""John James Michael Robert William David Richard Thomas Peter Paul Mark George
    Daniel Andrew Stephen Christopher Matthew Anthony Hans Klaus Jürgen Stefan Andreas Thomas Pierre
    Jean Michel Philippe Giovanni Marco Luca Carlos José Juan Miguel Mary Anna Maria Elena Sarah
    Laura Julia Sophie Claire Emma Olivia Isabelle Francesca Lucia Carmen Ingrid Karin Monika""")
_WESTERN_FAMILY = _w("""Smith Jones Brown Williams Johnson Taylor Davies Wilson Evans Thomas Miller
    Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Martin Bernard Dubois
    Durand Lefebvre Moreau Rossi Russo Ferrari Esposito Bianchi Romano García Martínez López
    González Rodríguez Fernández Sánchez Pérez O'Brien O'Connor Murphy Kelly Walsh Byrne Ryan""")
_EXTRA_ARABIC_GIVEN = _w("""Abdelkader Abdulkarim Youssef Mahmoud Hussein Hassan Tarek Samir Nabil
    Rami Ziad Imad Bassam Khaled Fadi Ghassan Adel Wael Marwan Munir Nizar Raed Sami Zaid Amer""")
_EXTRA_TURKISH_GIVEN = _w("""Emre Burak Cem Can Deniz Ece Elif Emine Fatih Gökhan Hakan Kemal Levent
    Mert Onur Orhan Selim Serkan Tolga Volkan Zeynep Ayşe Merve Büşra Özlem""")


@dataclass(frozen=True)
class Culture:
    """Given names and surnames of one culture, with the shares in the list and among passengers."""

    name: str
    given: list[str]
    family: list[str]
    tail: list[str]  # made-up surnames, the long tail
    given_tail: list[str]  # made-up given names
    nationality: str
    list_share: float
    passenger_share: float
    cyrillic: bool = False


_ARABIC_GIVEN = _w("""Abbas Adnan Ahmad Akram Amin Ammar Anas Asad Asim Atif Ayman Aziz Badr Bakr
    Basim Bashir Dawud Fadil Fahd Fadl Fakhri Faris Fathi Fawzi Ghazi Habib Hadi Hakim Halim Hamdi
    Hamid Hani Harith Hashim Haytham Husam Ihsan Ilyas Imran Isa Ishaq Jabir Jafar Jalal Jamil
    Jawad Kamal Kazim Khalil Labib Luay Luqman Mahdi Majid Malik Mansur Marwan Mazin Muhsin Munir
    Murad Musab Mutlaq Nabil Nadim Naji Najib Nasr Nawaf Nizar Nuh Nuri Qasim Qays Rafiq Raghib
    Rajab Ramadan Rami Rashad Rida Riyad Saad Sabir Sadiq Safwan Sahir Salah Salim Salman Samir
    Sharif Shukri Subhi Sufyan Suhayl Talal Tamir Tawfiq Thamir Ubayd Usama Wael Wasim Yasin
    Yasir Yunus Zaki Zayd Ziyad Zubayr Amina Asma Basma Dalal Fatin Ghada Hala Hanan Hiba Huda
    Iman Jamila Khadija Layla Lubna Maha Manal Nadia Najla Nawal Rania Rasha Reem Rima Salma Samira
    Sawsan Suha Wafa Yasmin Zaynab Zahra""")


def _tail(roots: list[str], mids: list[str], ends: list[str]) -> list[str]:
    return sorted({r + m + e for r, m, e in itertools.product(roots, mids, ends)})


def _balkan_tail() -> list[str]:
    return _tail(_BALKAN_ROOTS, _BALKAN_MIDS, _BALKAN_ENDS)


def _arabic_tail() -> list[str]:
    bases = [r + e for r in _ARABIC_ROOTS for e in _ARABIC_ENDS]
    vowels = ["a", "u", "i"]
    patterns = (("a", "a"), ("u", "a"), ("a", "i"))
    letters = itertools.product("BDFHJKLMNQRSTZ", "dhlmrstbfkn", "lnrbdkm")
    made = [f"{a}{v}{b}{w}{c}i" for a, b, c in letters for v, w in patterns]
    plain = {f"{r}{v}" for r in _ARABIC_ROOTS for v in vowels}
    return sorted({f"al-{b}" for b in bases} | {f"al-{m}" for m in made} | set(made[::3]) | plain)


def build_cultures() -> list[Culture]:
    """The cultures of the scale benchmark (pools of :mod:`name_pools` extended)."""
    serb_g, serb_f, _, _ = POOLS["serbian"]
    mk_g, mk_f, _, _ = POOLS["macedonian"]
    ru_g, ru_f, _, _ = POOLS["russian"]
    ar_g, ar_f, _, _ = POOLS["arabic"]
    al_g, al_f, _, _ = POOLS["albanian"]
    tr_g, tr_f, _, _ = POOLS["turkish"]
    turkish_tail = _tail(_TURKISH_HEADS, _TURKISH_MIDS, _TURKISH_TAILS)
    balkan_given = _tail(
        _BALKAN_ROOTS[:60],
        [""],
        ["an", "ko", "oš", "o", "e", "ica", "ana", "ka", "ija", "enko", "ojka", "isav"],
    )
    russian_given = _tail(_RUSSIAN_ROOTS, [""], ["ий", "ан", "ина", "ислав", "ей", "ана"])
    turkish_given = _tail(
        _TURKISH_HEADS, ["", "e", "a"], ["can", "han", "er", "nur", "gül", "ay", "tan", "su", "ın"]
    )
    western_given = _tail(_WESTERN_ROOTS, [""], ["ert", "win", "ald", "a", "ine", "ias", "ric"])
    albanian_given = _tail(_ALBANIAN_ROOTS, [""], ["im", "on", "ent", "ije", "ona", "ush", "ete"])
    arabic_given = sorted(set(_ARABIC_GIVEN) - set(ar_g) - set(_EXTRA_ARABIC_GIVEN))
    return [
        Culture("serbian", serb_g, serb_f, _balkan_tail(), balkan_given, "SRB", 0.14, 0.42),
        Culture(
            "macedonian",
            mk_g,
            mk_f,
            [serbian_cyrillic(w) for w in _tail(_BALKAN_ROOTS, _BALKAN_MIDS, _MACEDONIAN_ENDS)],
            [serbian_cyrillic(w) for w in balkan_given],
            "MKD",
            0.04,
            0.05,
            cyrillic=True,
        ),
        Culture(
            "russian",
            ru_g,
            ru_f,
            _tail(_RUSSIAN_ROOTS, _RUSSIAN_MIDS, _RUSSIAN_ENDS),
            russian_given,
            "RUS",
            0.2,
            0.1,
            cyrillic=True,
        ),
        Culture(
            "arabic",
            [*ar_g, *_EXTRA_ARABIC_GIVEN],
            ar_f,
            _arabic_tail(),
            arabic_given,
            "IRQ",
            0.27,
            0.08,
        ),
        Culture(
            "turkish",
            [*tr_g, *_EXTRA_TURKISH_GIVEN],
            tr_f,
            turkish_tail,
            turkish_given,
            "TUR",
            0.1,
            0.12,
        ),
        Culture(
            "western",
            _WESTERN_GIVEN,
            _WESTERN_FAMILY,
            _tail(_WESTERN_ROOTS, ["", "e", "s"], _WESTERN_ENDS),
            western_given,
            "DEU",
            0.2,
            0.18,
        ),
        Culture(
            "albanian",
            al_g,
            al_f,
            _tail(_ALBANIAN_ROOTS, ["", "e", "o"], _ALBANIAN_ENDS),
            albanian_given,
            "XKX",
            0.05,
            0.05,
        ),
    ]


class ZipfPicker:
    """Draws from ``head`` then ``tail`` with weights 1 / (rank + ``q``) (Zipf-Mandelbrot): the
    real names of the head in their order of commonness, the made-up tail shuffled after them."""

    def __init__(self, head: list[str], tail: list[str], rng: random.Random, q: float) -> None:
        rest = sorted(set(tail) - set(head))
        rng.shuffle(rest)
        self.items = [*dict.fromkeys(head), *rest]
        weights = [1.0 / (rank + q) for rank in range(1, len(self.items) + 1)]
        self._cum = list(itertools.accumulate(weights))
        self._rng = rng

    def pick(self) -> str:
        return self._rng.choices(self.items, cum_weights=self._cum)[0]


def written_in_script(culture: Culture, text: str) -> str:
    """Serbian names are sometimes listed in Serbian Cyrillic."""
    return serbian_cyrillic(text) if culture.name == "serbian" else text

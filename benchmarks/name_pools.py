"""Name pools for the matching benchmark, written as lists hold them (diacritics, Cyrillic)."""

from __future__ import annotations


def _w(text: str) -> list[str]:
    """Words of a pool; an underscore joins two words into one name (bin_Laden)."""
    return [w.replace("_", " ") for w in text.split()]


# origin -> (given names, surnames, nationality, share of the watchlist)
POOLS: dict[str, tuple[list[str], list[str], str, float]] = {
    "serbian": (
        _w("""Marko Nikola Đorđe Željko Dušan Miloš Stefan Nemanja Aleksandar Dragan Zoran Goran
        Vladimir Milan Dejan Nenad Srđan Bojan Ivan Predrag Žarko Radovan Ratko Slobodan
        Miroslav Branislav Vuk Lazar Luka Petar Jovan Vojislav Ljubiša Milorad Čedomir Ana
        Marija Jelena Milica Ivana Dragana Snežana Tamara Jovana Ljiljana Gordana Đurđa
        Mihajlo Dimitrije Veljko Uroš Đuro Radoslav Momčilo Života Dobrivoje Srećko"""),
        _w("""Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović
        Milošević Todorović Kostić Mitrović Živković Ristić Lukić Šarić Čolić Ćirić Đukić
        Mladić Karadžić Šešelj Ražnatović Lazarević Obradović Popović Savić Radić Tadić Vasić
        Knežević Kovačević Babić Ljubić Kecmanović Žigić Bošković Vuković Dragović Đurić
        Gavrilović Janković Krstić Lazić Milenković Nedeljković Radovanović Simić Stevanović
        Tomić Vujović Zdravković Đokić Ćosić Šćepanović Njegoš Ljubojević Džajić"""),
        "SRB",
        0.3,
    ),
    "macedonian": (
        _w("""Горан Зоран Никола Ѓорѓи Драган Александар Влатко Бојан Тони Дејан Игор Филип Кире
        Трајче Методија Марија Елена Ана Билјана Ќирил Љупчо Жарко Станко Васил Благоја"""),
        _w("""Стојановски Николовски Трајковски Петровски Ќосевски Ѓорѓиев Димитров Јовановски
        Ангеловски Крстевски Спасовски Груевски Заев Мицкоски Ѓоргиевски Шеховски Џафероски
        Талески Ристовски Наумовски Велјановски Тасевски Ќурчиев Алексовски Поповски"""),
        "MKD",
        0.15,
    ),
    "russian": (
        _w("""Иван Сергей Алексей Дмитрий Юрий Андрей Михаил Николай Владимир Евгений Ольга Татьяна
        Наталья Юлия Рустам Шамиль Магомед Хасан Ахмед Руслан Тимур Вячеслав Артём"""),
        _w("""Иванов Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Жуков Хабибуллин
        Щербаков Яковлев Зайцев Шевчук Ковальчук Бондаренко Ткаченко Асельдеров Измайлов
        Хачатуров Юсупов Чернышёв Гаврилюк Кадыров Басаев Умаров Хаттабов"""),
        "RUS",
        0.15,
    ),
    "arabic": (
        [
            *_w("""Mohammed Muhammad Ahmad Ahmed Abdullah Omar Umar Ali Hassan Hussein Khalid Yusuf
            Ibrahim Mustafa Mahmoud Tariq Said Saleh Jamal Faisal Walid Nasser Hamza Bilal Osama
            Ayman Hisham Anwar Karim Rashid Ismail Yahya Zakaria Sirajuddin Jalaluddin Musa Idris
            Sulayman Fatima Aisha Maryam"""),
            *["Abd al-Rahman", "Abdel Aziz", "Abdul Qadir", "Abdul Hamid", "Abu Bakr"],
        ],
        _w("""al-Masri al-Tikriti al-Baghdadi al-Zawahiri al-Qahtani al-Shammari al-Harbi al-Otaibi
        Haqqani Mansour Hamdan Khalil Haddad Nasrallah Qasim Darwish Hemaida al-Jubouri
        al-Obeidi bin_Laden al-Awlaki Zubaydah al-Anizi al-Dulaimi al-Rawi al-Janabi Shekau
        Achekzai Motaqi Akhund Noorzai Barakzai Zadran al-Hashimi al-Kubaisi"""),
        "IRQ",
        0.25,
    ),
    "albanian": (
        _w("Agim Bekim Arben Ilir Valon Besnik Fatmir Driton Shpend Xhevdet Gjergj Kreshnik"),
        _w("Krasniqi Berisha Gashi Hoxha Shala Morina Bytyqi Thaçi Haradinaj Limaj Xhaferi"),
        "XKX",
        0.1,
    ),
    "turkish": (
        _w("Mehmet Ahmet Mustafa Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Şükrü Çağlar"),
        _w("Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Özdemir Arslan Doğan Güneş"),
        "TUR",
        0.05,
    ),
}

# Serbian Latin -> Cyrillic, to write some Serbian entries the way Serbian lists do.
_SR_DIGRAPHS = {"Lj": "Љ", "LJ": "Љ", "lj": "љ", "Nj": "Њ", "NJ": "Њ", "nj": "њ",
                "Dž": "Џ", "DŽ": "Џ", "dž": "џ"}  # fmt: skip
_SR_LETTERS = dict(
    zip(
        "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠabvgdđežzijklmnoprstćufhcčš",
        "АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШабвгдђежзијклмнопрстћуфхцчш",
        strict=True,
    )
)


def serbian_cyrillic(text: str) -> str:
    """Serbian Latin written in Serbian Cyrillic (Đorđević -> Ђорђевић)."""
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _SR_DIGRAPHS:
            out.append(_SR_DIGRAPHS[pair])
            i += 2
        else:
            out.append(_SR_LETTERS.get(text[i], text[i]))
            i += 1
    return "".join(out)

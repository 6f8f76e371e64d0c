"""Word lists the normaliser and the scorer use: titles, name particles, look-alike letters and
how common a name token is in the traveller population (so that a common name alone never alerts).

Entries are upper-case ASCII as they appear after romanisation.
"""

from __future__ import annotations

# Titles and honorifics dropped from names (religious, academic, military, civil).
_TITLES = """
    MR MRS MS MISS MSTR MASTER MME MLLE DR DOCTOR PROF PROFESSOR ENG ENGR ING DIPL SIR DAME LORD
    HAJJI HAJI HADJI HAJ HADJ ALHAJ ALHAJI ALHAJJ ALHADJI HAJIA HAJJA
    SHEIKH SHEIK SHAIKH SHAYKH SHEYKH CHEIKH CHEIKHOU
    MULLAH MULLA MOLLA MOLLAH MAULAVI MAWLAWI MAULVI MOLVI MAWLAVI MAULANA MOULANA MAWLANA
    IMAM QARI HAFIZ USTAZ USTADH USTAD SAYYED
    GEN GENERAL COL COLONEL LTCOL LT LIEUTENANT CAPT CAPTAIN MAJ MAJOR SGT CMDR CDR ADM ADMIRAL
    BRIG BRIGADIER
    JR JNR SR SNR II III IV
"""
TITLES = frozenset(_TITLES.split())

# Connecting particles: they carry almost no identity on their own. AL-MASRI == ALMASRI == MASRI.
_PARTICLES = """
    AL EL UL AD AN AR AS ASH AT AZ ADH ATH
    BIN IBN BEN BINT BENT BINTI BINTE ABU ABOU ABO UMM OM
    O MC MAC VAN VON DER DEN TER DE DI DA DO DOS DAS DEL DELA DELLA LA LE DU
"""
PARTICLES = frozenset(_PARTICLES.split())

# Arabic prefixes stripped to give a weaker alternative form of a glued word: ALMASRI -> MASRI.
GLUED_PREFIXES = ("AL", "EL", "UL", "AS", "ASH", "AD", "AR", "AN", "AZ", "AT")

# Cyrillic and Greek letters that look like Latin ones, and the Latin letter each looks like.
CYRILLIC_LOOKALIKES: dict[str, str] = {
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "а": "a", "е": "e", "о": "o",
    "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "һ": "h", "ԁ": "d",
    "ӏ": "l", "ԛ": "q", "ԝ": "w",
}  # fmt: skip
GREEK_LOOKALIKES: dict[str, str] = {
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v",
}  # fmt: skip
# The reverse: a Latin letter inside a Cyrillic word.
LATIN_TO_CYRILLIC: dict[str, str] = {
    lat: cyr for cyr, lat in CYRILLIC_LOOKALIKES.items() if cyr not in "һԁӏԛԝ"
}

# How often a token occurs among travellers: weight 0..1 (1 = rare, fully distinctive).
# Keys are plain spellings; variants reach the same weight through their skeleton and group.
_VERY_COMMON = """
    MUHAMMAD MOHAMMED ALI AHMED AHMAD HASSAN HASAN HUSSEIN HUSSAIN ABDULLAH ABDUL ABD KHAN
    IBRAHIM MAHMOUD OMAR UMAR YUSUF MUSTAFA SHAH ISMAIL KIM LEE LI WANG ZHANG CHEN LIU YANG
    NGUYEN SINGH KUMAR PATEL
"""
_COMMON = """
    JOVANOVIC PETROVIC NIKOLIC MARKOVIC DJORDJEVIC STOJANOVIC ILIC STANKOVIC PAVLOVIC MILOSEVIC
    TODOROVIC MILOVANOVIC KOSTIC MITROVIC ZIVKOVIC RISTIC PETKOVIC NIKOLOVSKI STOJANOVSKI
    TRAJKOVSKI PETROVSKI JOVANOVSKI DIMITROVSKI ANGELOVSKI KRSTEVSKI SPASOVSKI PETROV IVANOV
    GEORGIEV DIMITROV NIKOLOV POPOV SMIRNOV KUZNETSOV HODZIC HADZIC DELIC BEGIC KOVACEVIC
    HOXHA KRASNIQI GASHI BERISHA SHALA MORINA BYTYQI YILMAZ KAYA DEMIR SAHIN CELIK
    SMITH JONES BROWN WILLIAMS JOHNSON GARCIA MARTINEZ RODRIGUEZ LOPEZ GONZALEZ MULLER SCHMIDT
    PARK CHOI JUNG KANG ZHAO HUANG ZHOU WU XU SUN TRAN LE PHAM
    MARKO NIKOLA STEFAN ALEKSANDAR MILAN DRAGAN ZORAN GORAN DEJAN NENAD IVAN PETAR JOVAN
    MILOS LAZAR LUKA FILIP DUSAN MIROSLAV SRDJAN BOJAN VLADIMIR DARKO NEBOJSA DANIEL DAVID
    MARIJA ANA JELENA MILICA IVANA SNEZANA DRAGANA TAMARA
    JOHN JAMES MICHAEL ROBERT WILLIAM MARIA ANNA ELENA
    ABDEL ABDUR ABDALLAH HAMID RAHMAN KARIM HAMZA MAHMUD SAID SAEED SALEH SALIH KHALID YOUSEF
    JAMAL NASSER NASIR BAKR JAFAR OSMAN USMAN RASHID FATIMA AISHA MARYAM ZAINAB KHADIJA
    AMINA MUSA ISA YAHYA ZAKARIA NUR NOOR
"""
COMMON_WEIGHTS: dict[str, float] = {
    **{w: 0.55 for w in _COMMON.split()},
    **{w: 0.35 for w in _VERY_COMMON.split()},
}
PARTICLE_WEIGHT = 0.05
INITIAL_TOKEN_WEIGHT = 0.3  # an initial token's own weight (not its share of a pair)

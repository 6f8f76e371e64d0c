"""What the EU PNR Directive (2016/681, art. 13(4)) forbids processing: data revealing race or
ethnic origin, political opinions, religion or beliefs, trade-union membership, health, sex life
or sexual orientation. Such items are dropped on arrival; only the kind of item is noted.

Special service requests for meals (religious or dietary: AVML, KSML, MOML...) and for health or
assistance (WCHR, MEDA, BLND, OXYG...) are dropped by code; free text (remarks, other service
information) is dropped when it holds one of the words below. The word list errs on the side of
dropping: a remark lost is cheaper than a sensitive remark kept.
"""

from __future__ import annotations

import re

MEAL = re.compile(r"^[A-Z]{2}ML$")  # AVML, HNML, KSML, MOML, VGML, DBML, GFML...
HEALTH_SSR = frozenset(
    {
        "WCHR", "WCHS", "WCHC", "WCBD", "WCBW", "WCMP", "WCLB", "WCOB", "MEDA", "MEQT",
        "BLND", "DEAF", "DPNA", "OXYG", "POXY", "PPOC", "STCR", "LEGL", "LEGR", "MAAS",
        "SVAN", "ESAN", "PRMA", "DIAB", "PREG", "INCP",
    }
)  # fmt: skip
SENSITIVE_REMARK = "remark (health/religion)"

_WORDS = (
    # religion and belief
    r"halal|kosher|hindu|muslim|moslem|islam|jew|jewish|christian|catholic|orthodox church|"
    r"protestant|buddhis|sikh|religio|prayer|mosque|church|synagogue|temple|hajj|umrah|"
    r"pilgrim|ramadan|sabbath|shabbat|"
    # health and disability
    r"pregnan|wheelchair|wheel chair|medic|disease|diabet|insulin|oxygen|blind|deaf|disab|"
    r"illness|sick|hiv|aids patient|cancer|dialysis|epilep|allerg|stretcher|crutch|"
    r"pacemaker|surgery|hospital|patient|injur|handicap|mental|psychiatr|autis|dementia|"
    r"vegan|vegetarian|"
    # sexual life, ethnicity, politics, unions
    r"gay|lesbian|transgender|ethnic|trade union|political"
)
_SENSITIVE_TEXT = re.compile(rf"\b(?:{_WORDS})", re.IGNORECASE)


def sensitive_ssr(code: str) -> bool:
    """Whether a special service request code reveals health, diet, religion or disability."""
    upper = code.strip().upper()
    return bool(MEAL.match(upper)) or upper in HEALTH_SSR or upper.startswith("WC")


def sensitive_text(text: str) -> bool:
    """Whether free text holds a word that may reveal religion, health or the like."""
    return _SENSITIVE_TEXT.search(text) is not None


def dropped_kind(item: str) -> str:
    """What a dropped item may be stored as: its kind, never a code such as ``MOML`` (which
    itself reveals a religion) - ``meal request``, ``health or assistance request``."""
    code = item.removeprefix("SSR ").strip().upper()
    if item.startswith("SSR "):
        return "meal request" if MEAL.match(code) else "health or assistance request"
    return item

"""Names as sanctions lists write them, made into whole names in reading order."""

from __future__ import annotations

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def clean(text: str | None) -> str:
    """The text trimmed, with runs of white space (line breaks included) made single spaces."""
    return " ".join((text or "").split())


def uncomma(name: str) -> str:
    """``"KADAFI, Muammar"`` as ``"Muammar KADAFI"``; other names as they are, cleaned.

    A trailing generational suffix stays last: ``"DELOS REYES, Feliciano, Jr."`` gives
    ``"Feliciano DELOS REYES Jr."``. Names with more commas than that are left alone.
    """
    parts = [clean(part) for part in clean(name).split(",")]
    suffix = ""
    if len(parts) == 3 and parts[2].strip(".").casefold() in _SUFFIXES:
        suffix = parts.pop()
    if len(parts) != 2 or not parts[0] or not parts[1]:
        return clean(name)
    return " ".join(part for part in (parts[1], parts[0], suffix) if part)


def joined(*parts: str | None) -> str:
    """Name parts (first, middle, last ...) joined in order, empty ones left out."""
    return " ".join(clean(part) for part in parts if clean(part))

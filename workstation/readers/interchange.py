"""Finding an EDIFACT interchange in a file: where it starts, its service characters, its bytes'
character set.

The ``UNA`` service string advice, when present, names six characters: component separator,
element separator, decimal mark, release character (a space when none is used), a reserved
(repetition) character and the segment terminator; without it the defaults ``:+.? '`` apply.
Senders get this wrong: a ``UNA`` may name a terminator the body does not use. The body wins:
the character that ends the ``UNB`` segment (the one before the next ``UNG``/``UNH``) is taken,
with a warning. The character set comes from the ``UNB`` syntax identifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

CHARSETS = {
    "UNOA": "ascii",
    "UNOB": "ascii",
    "UNOC": "latin-1",
    "UNOD": "iso8859-2",
    "UNOE": "iso8859-5",
    "UNOF": "iso8859-7",
    "UNOG": "iso8859-3",
    "UNOH": "iso8859-4",
    "UNOI": "iso8859-6",
    "UNOJ": "iso8859-8",
    "UNOK": "iso8859-9",
    "UNOW": "utf-8",
    "UNOY": "utf-8",
    "IATA": "ascii",
    "IATB": "ascii",
}
_FALLBACKS = ("utf-8", "cp1252", "latin-1")

_START_BYTES = re.compile(rb"UNA.{6}[ \t\r\n]*UNB|UNB[^A-Za-z0-9\s][A-Z]{4}", re.S)
_SYNTAX_BYTES = re.compile(rb"UNB[^A-Za-z0-9\s]{1,4}?(UNO[A-Z]|IAT[AB])")
_START = re.compile(r"UNA(.{6})[ \t\r\n]*(?=UNB)|UNB(?=[^A-Za-z0-9\s][A-Z]{4})", re.S)
_BLANK = " \t\r\n"
_TAG = re.compile(r"[A-Z][A-Z0-9]{2}")


class EdifactError(ValueError):
    """Text that cannot be read as EDIFACT; ``where`` names the segment when known."""

    def __init__(self, problem: str, *, where: str | None = None) -> None:
        self.problem = problem
        self.where = where
        super().__init__(f"{where}: {problem}" if where else problem)


@dataclass(frozen=True)
class ServiceChars:
    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str = "?"  # "" when the sender uses none
    reserved: str = " "
    terminator: str = "'"

    @classmethod
    def from_una(cls, six: str) -> ServiceChars:
        release = "" if six[3] == " " else six[3]
        return cls(six[0], six[1], six[2], release, six[4], six[5])

    @property
    def as_text(self) -> str:
        """The six characters as a UNA service string advice writes them."""
        return "".join(
            (
                self.component,
                self.element,
                self.decimal,
                self.release or " ",
                self.reserved,
                self.terminator,
            )
        )


def line_breaks(text: str) -> int:
    """How many line breaks ``text`` holds, counting LF, CRLF and bare CR once each."""
    if "\r" not in text:
        return text.count("\n")
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def next_terminator(text: str, pos: int, term: str, release: str) -> int:
    """Index of the next segment terminator at or after ``pos`` that is not released, or -1."""
    end = text.find(term, pos)
    while end > pos and release and text[end - 1] == release:
        k = end - 1
        while k >= pos and text[k] == release:
            k -= 1
        if (end - 1 - k) % 2 == 0:  # an even run of releases escapes itself, not the terminator
            break
        end = text.find(term, end + 1)
    return end


def decode(data: bytes, warnings: list[str]) -> tuple[str, int, str]:
    """The text from the first interchange on, the line it starts on, and the codec used."""
    start = _START_BYTES.search(data)
    if start is None:
        raise EdifactError("no EDIFACT interchange header (UNB) was found")
    first_line = 1 + line_breaks(data[: start.start()].decode("latin-1"))
    body = data[start.start() :]
    syntax = _SYNTAX_BYTES.search(body)
    syntax_id = syntax.group(1).decode("ascii") if syntax else ""
    codec = CHARSETS.get(syntax_id, "utf-8")
    try:
        return body.decode(codec), first_line, codec
    except UnicodeDecodeError as exc:
        bad_line = first_line + line_breaks(body[: exc.start].decode("latin-1"))
        for fallback in _FALLBACKS:
            if fallback == codec:
                continue
            try:
                text = body.decode(fallback)
            except UnicodeDecodeError:
                continue
            warnings.append(
                f"line {bad_line}: the file is not valid {codec} as its syntax identifier "
                f"{syntax_id or '(none)'} says; read as {fallback}, check accented names"
            )
            return text, first_line, fallback
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def find_interchange(text: str, pos: int, warnings: list[str]) -> tuple[int, ServiceChars] | None:
    """Where the next ``UNB`` at or after ``pos`` stands, and the service characters to read it
    with; None when no further interchange follows."""
    found = _START.search(text, pos)
    if found is None:
        return None
    unb = found.end() if found.group(1) is not None else found.start()
    if found.group(1) is not None:
        chars = ServiceChars.from_una(found.group(1))
        return unb, _agree_with_body(text, unb, chars, "the UNA", warnings)
    return unb, _agree_with_body(
        text, unb, ServiceChars(), "the defaults (there is no UNA)", warnings
    )


def _agree_with_body(
    text: str, unb: int, chars: ServiceChars, told_by: str, warnings: list[str]
) -> ServiceChars:
    """``chars``, corrected where the UNB segment plainly uses other separators."""
    line = 1 + line_breaks(text[:unb])
    element = text[unb + 3]
    component = text[unb + 8] if len(text) > unb + 8 else chars.component
    new_component = not component.isalnum() and component not in (
        element,
        chars.component,
        chars.terminator,
    )
    if element != chars.element or new_component:
        fixed = replace(chars, element=element)
        if new_component:
            fixed = replace(fixed, component=component)
        warnings.append(
            f"line {line}: the UNB segment uses separators {fixed.element!r} and "
            f"{fixed.component!r}, not those of {told_by}; read with the UNB's"
        )
        chars = fixed
    if _ends_before_next_header(text, unb, chars):
        return chars
    terminator = _terminator_from_body(text, unb, chars)
    if terminator == chars.terminator:
        return chars
    if terminator is None or terminator in (chars.element, chars.component, chars.release):
        warnings.append(f"line {line}: cannot tell where the UNB segment ends")
        return chars
    warnings.append(
        f"line {line}: segments end with {terminator!r}, not {chars.terminator!r} "
        f"as in {told_by}; read with {terminator!r}"
    )
    return replace(chars, terminator=terminator)


def _ends_before_next_header(text: str, unb: int, chars: ServiceChars) -> bool:
    end = next_terminator(text, unb, chars.terminator, chars.release)
    if end < 0:
        return False
    rest = text[end + 1 : end + 200].lstrip(_BLANK)
    return _TAG.match(rest) is not None and rest[3:4] in (chars.element, chars.terminator)


def _terminator_from_body(text: str, unb: int, chars: ServiceChars) -> str | None:
    """The character after the UNB segment's last element: the one before the next header."""
    header = re.compile("UN[GHZ]" + re.escape(chars.element))
    found = header.search(text, unb + 3)
    if found is None:
        return None
    k = found.start() - 1
    while k > unb and text[k] in _BLANK:
        k -= 1
    candidate = text[k]
    if candidate.isalnum() or candidate in (chars.element, chars.component):
        candidate = text[found.start() - 1]  # a line break is the terminator
        if candidate not in "\r\n":
            return None
    return candidate


def has_interchange(data: bytes, *, within: int = 65536) -> bool:
    """Whether an interchange header (UNA + UNB, or UNB with a syntax identifier) stands in the
    first ``within`` bytes."""
    return _START_BYTES.search(data[:within]) is not None

"""UN/EDIFACT syntax: bytes in, segments out (and back, for tests and tools).

``tokenize`` finds every interchange (``UNA``/``UNB`` ... ``UNZ``) in a file, whatever lies around
it (an IATA Type-B telex envelope, mail headers, trailing junk), decodes it in the character set
its ``UNB`` syntax identifier names, and splits it into segments, elements and components with
release characters undone. Segments may be one per line (LF, CRLF or bare CR), all on one line,
indented, or wrapped across lines as telex traffic does: line breaks are not data in EDIFACT.
The service characters and the character set are found by ``workstation.readers.interchange``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from workstation.readers.interchange import (
    EdifactError,
    ServiceChars,
    decode,
    find_interchange,
    line_breaks,
    next_terminator,
)

__all__ = ["EdifactError", "Segment", "ServiceChars", "Tokens", "serialize", "tokenize"]

_TAG = re.compile(r"[A-Z][A-Z0-9]{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK = " \t\r\n"


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment: ``tag`` and its data elements, each a tuple of components (unescaped)."""

    tag: str
    elements: tuple[tuple[str, ...], ...]
    index: int  # 1-based position among the file's segments (UNA is not a segment)
    line: int  # 1-based line on which the segment's tag stands

    def value(self, element: int, component: int = 0) -> str:
        """The text of one component, or "" where the segment does not have it."""
        if element < len(self.elements):
            components = self.elements[element]
            if component < len(components):
                return components[component]
        return ""

    @property
    def where(self) -> str:
        return f"segment {self.index} ({self.tag})"


@dataclass(frozen=True)
class Tokens:
    """Everything a file's interchanges hold, in order, with what was odd about them."""

    segments: tuple[Segment, ...]
    service_chars: ServiceChars  # those of the first interchange
    charset: str  # the Python codec the file was decoded with
    warnings: tuple[str, ...]


def tokenize(data: bytes) -> Tokens:
    """Split a file holding one or more EDIFACT interchanges into segments."""
    warnings: list[str] = []
    text, offset_line, charset = decode(data, warnings)
    segments: list[Segment] = []
    first_chars: ServiceChars | None = None
    pos, line = 0, offset_line
    while True:
        found = find_interchange(text, pos, warnings)
        if found is None:
            break
        start, chars = found
        line += line_breaks(text[pos:start])
        first_chars = first_chars or chars
        pos, line = _split_interchange(text, start, line, chars, segments, warnings)
    if not segments or first_chars is None:
        raise EdifactError("no EDIFACT interchange header (UNB) was found")
    return Tokens(tuple(segments), first_chars, charset, tuple(warnings))


def _split_interchange(
    text: str,
    pos: int,
    line: int,
    chars: ServiceChars,
    out: list[Segment],
    warnings: list[str],
) -> tuple[int, int]:
    """Append the segments from ``pos`` up to and including UNZ; return where and on which line
    the interchange ended."""
    term, release = chars.terminator, chars.release
    binary_suspected = _CONTROL.search(text, pos) is not None
    while True:
        end = text.find(term, pos)
        if release and end > pos and text[end - 1] == release:
            end = next_terminator(text, pos, term, release)
        raw = text[pos:] if end < 0 else text[pos:end]
        body = raw.lstrip(_BLANK)
        if len(body) != len(raw):
            line += line_breaks(raw[: len(raw) - len(body)])
        breaks = 0
        if "\n" in body or "\r" in body:
            breaks = line_breaks(body)
            body = body.replace("\r", "").replace("\n", "")
        if end < 0:
            if body.strip() and _TAG.match(body) and not body.startswith(("NNNN", "UNA")):
                warnings.append(f"line {line}: the last segment has no terminator")
                _emit(body, line, chars, out, warnings, binary_suspected)
            return len(text), line + breaks
        if body:
            tag = _emit(body, line, chars, out, warnings, binary_suspected)
            if tag == "UNZ":
                return end + 1, line + breaks
        line += breaks
        pos = end + 1


def _emit(
    body: str,
    line: int,
    chars: ServiceChars,
    out: list[Segment],
    warnings: list[str],
    binary_suspected: bool,
) -> str:
    """Append the segment ``body`` holds (line breaks already removed); return its tag."""
    index = len(out) + 1
    if binary_suspected and (bad := _CONTROL.search(body)) and bad.group() not in chars.as_text:
        raise EdifactError(
            f"binary data (byte 0x{ord(bad.group()):02x}) where text was expected",
            where=f"segment {index} ({body[:3]})",
        )
    element, component, release = chars.element, chars.component, chars.release
    if release and release in body:
        parts = _split(body, element, release)
        elements = tuple(
            [
                tuple([_unescape(c, release) for c in _split(e, component, release)])
                for e in parts[1:]
            ]
        )
    else:
        parts = body.split(element)
        elements = tuple([tuple(e.split(component)) for e in parts[1:]])
    tag = parts[0]
    if len(tag) != 3 or not _TAG.match(tag):
        warnings.append(f"line {line}: {body[:20]!r} is not an EDIFACT segment; skipped")
        return ""
    out.append(Segment(tag, elements, index, line))
    return tag


def _split(text: str, sep: str, release: str) -> list[str]:
    """Split on ``sep`` except where it is released; the pieces keep their release characters."""
    pieces = text.split(sep)
    if not release or release not in text:
        return pieces
    joined: list[str] = []
    current: str | None = None
    for piece in pieces:
        current = piece if current is None else current + sep + piece
        run = len(current) - len(current.rstrip(release))
        if run % 2 == 0:
            joined.append(current)
            current = None
    if current is not None:
        joined.append(current)
    return joined


def _unescape(text: str, release: str) -> str:
    if not release or release not in text:
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == release and i + 1 < n:
            i += 1
        out.append(text[i])
        i += 1
    return "".join(out)


def serialize(
    segments: Iterable[Segment], service_chars: ServiceChars, *, line_end: str = ""
) -> str:
    """EDIFACT text for ``segments`` behind a UNA service string advice, released as needed."""
    c = service_chars
    specials = {c.component, c.element, c.release, c.terminator}

    def escape(text: str) -> str:
        if not any(ch in specials for ch in text):
            return text
        return "".join(c.release + ch if ch in specials else ch for ch in text)

    parts = ["UNA" + c.as_text + line_end]
    for segment in segments:
        elements = (c.component.join(escape(v) for v in element) for element in segment.elements)
        parts.append(c.element.join((segment.tag, *elements)) + c.terminator + line_end)
    return "".join(parts)

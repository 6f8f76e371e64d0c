"""Cutting a file's segments into messages (UNH ... UNT), whatever the message type.

Envelope segments (UNB/UNG/UNE/UNZ) lie between messages. A message without its UNT is read to
the next UNH or envelope segment, with a warning; a UNT whose segment count or reference does not
agree with its message is a warning too; segments outside any message are noted and skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from workstation.readers.edifact import Segment

ENVELOPE = ("UNB", "UNG", "UNE", "UNZ")


def iter_messages(segments: Iterable[Segment], warnings: list[str]) -> Iterator[list[Segment]]:
    """Each message of ``segments``, from its UNH to its UNT (or as far as it goes), in order.

    Warnings are appended as the segments are met, so they keep the file's order.
    """
    current: list[Segment] | None = None
    for segment in segments:
        tag = segment.tag
        if tag == "UNH" or (tag in ENVELOPE and current is not None):
            if current is not None:
                warnings.append(f"{current[0].where}: the message has no UNT; read to its end")
                yield current
            current = [segment] if tag == "UNH" else None
        elif current is not None:
            current.append(segment)
            if tag == "UNT":
                check_trailer(current, warnings)
                yield current
                current = None
        elif tag not in ENVELOPE:
            warnings.append(f"{segment.where}: a segment outside any message; ignored")
    if current is not None:
        warnings.append(f"{current[0].where}: the message has no UNT; read to its end")
        yield current


def check_trailer(message: list[Segment], warnings: list[str]) -> None:
    """Warn when the UNT ending ``message`` miscounts it or names another message reference."""
    unh, unt = message[0], message[-1]
    count = unt.value(0).strip()
    if count != str(len(message)):
        warnings.append(
            f"{unt.where}, line {unt.line}: the message says it has {count or 'no'} segments "
            f"but has {len(message)}"
        )
    if unt.value(1) != unh.value(0):
        warnings.append(
            f"{unt.where}, line {unt.line}: message reference {unt.value(1)!r} does not match "
            f"the UNH's {unh.value(0)!r}"
        )

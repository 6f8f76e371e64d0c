"""Which kind of list a file is, decided from its first few kilobytes, never from its name.

XML by its root element: ``CONSOLIDATED_LIST`` (UN), ``sdnList`` (OFAC), ``export`` holding
``sanctionEntity`` records (EU). JSON lines whose first entity has a ``schema`` (OpenSanctions
FollowTheMoney). A headerless CSV whose first row is an OFAC row (``36,"NAME",-0- ,...``). Anything
else is taken for a generic table with a header row.
"""

from __future__ import annotations

import codecs
import re
from enum import StrEnum
from pathlib import Path

from watchlists.errors import WatchlistFormatError
from watchlists.ofac import file_kind

SNIFF_BYTES = 8192

_XML_PROLOG = re.compile(
    r"^\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE(?:[^\[>]|\[.*?\])*>\s*)*", re.S
)
_XML_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_FTM_LINE = re.compile(r'^\s*\{.*"schema"\s*:')


class ListFormat(StrEnum):
    UN = "un-xml"
    OFAC_XML = "ofac-xml"
    EU = "eu-xml"
    FTM = "ftm-json"
    OFAC_CSV = "ofac-csv"
    OFAC_COMPANION = "ofac-csv-companion"
    TABLE = "table"


def detect_format(path: Path) -> ListFormat:
    """The list format of the file; WatchlistFormatError for XML of an unknown kind."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    text = _decoded(head)
    if text.lstrip().startswith("<"):
        return _xml_format(path, text)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if _FTM_LINE.match(first):
        return ListFormat.FTM
    kind = file_kind(path, first)
    if kind == "sdn":
        return ListFormat.OFAC_CSV
    if kind is not None:
        return ListFormat.OFAC_COMPANION
    return ListFormat.TABLE


def _xml_format(path: Path, text: str) -> ListFormat:
    prolog = _XML_PROLOG.match(text)
    root = _XML_ROOT.match(text, prolog.end() if prolog else 0)
    name = root[2] if root else ""
    if name == "CONSOLIDATED_LIST":
        return ListFormat.UN
    if name == "sdnList":
        return ListFormat.OFAC_XML
    if name == "export" and ("sanctionEntity" in text or "fsd/export" in text):
        return ListFormat.EU
    described = f"<{name}>" if name else "not found in the first part of the file"
    raise WatchlistFormatError(
        path,
        f"an XML file of a kind not known here (root element {described}); "
        "expected the UN, OFAC SDN or EU sanctions list XML",
    )


def _decoded(head: bytes) -> str:
    """The sniffed bytes as text: UTF-8 or UTF-16 by byte-order mark, else UTF-8 or latin-1."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    if head.startswith(codecs.BOM_UTF16_BE):
        return head[2:].decode("utf-16-be", errors="ignore")
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the sniff limit
            return head[: exc.start].decode("utf-8")
        return head.decode("latin-1")

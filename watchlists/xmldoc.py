"""Reading list XML safely and record by record.

Files go through defusedxml: entity declarations (the "billion laughs" expansion bomb) and
external references are refused, and a file over ``MAX_XML_BYTES`` is not opened. Records are
handed over one at a time and cleared afterwards, so a large list is never held whole. Tags are
compared by local name, so namespaced lists (EU, OFAC) read like plain ones.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree

from watchlists.errors import WatchlistFormatError
from watchlists.names import clean

MAX_XML_BYTES = 256 * 1024 * 1024


def local_name(tag: str) -> str:
    """``"{http://...}sdnEntry"`` as ``"sdnEntry"``."""
    return tag.rpartition("}")[2]


def iter_records(path: Path, roots: Collection[str], records: Collection[str]) -> Iterator[Element]:
    """The elements named in ``records``, each complete, from a file whose root is in ``roots``.

    Raises WatchlistFormatError for an oversized file, entities or external references, a root
    of another kind, or XML that is not well formed (naming the line and column).
    """
    size = path.stat().st_size
    if size > MAX_XML_BYTES:
        raise WatchlistFormatError(
            path, f"the file is {size:,} bytes; lists over {MAX_XML_BYTES:,} bytes are refused"
        )
    depth = 0
    try:
        for event, element in defusedxml.ElementTree.iterparse(str(path), events=("start", "end")):
            name = local_name(element.tag)
            if event == "start":
                if depth == 0 and name not in roots:
                    expected = " or ".join(f"<{root}>" for root in roots)
                    raise WatchlistFormatError(
                        path, f"the XML root is <{name}>, not {expected}", where="line 1"
                    )
                depth += 1
                continue
            depth -= 1
            if name in records:
                yield element
                element.clear()
    except defusedxml.EntitiesForbidden as exc:
        raise WatchlistFormatError(
            path,
            "the file declares XML entities, which are refused: a list never needs them and "
            "they can be used to blow up memory (an entity-expansion attack)",
            where=f"entity {exc.name!r}",
        ) from exc
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden) as exc:
        raise WatchlistFormatError(
            path, "the file refers to an external resource, which is refused"
        ) from exc
    except ParseError as exc:
        line, column = exc.position
        raise WatchlistFormatError(
            path, f"not well-formed XML ({_reason(exc)})", where=f"line {line}, column {column + 1}"
        ) from exc


def children(element: Element, name: str) -> list[Element]:
    """The direct children with this local name."""
    return [child for child in element if local_name(child.tag) == name]


def descendants(element: Element, path: str) -> list[Element]:
    """The elements down a ``/``-separated path of local names: ``"akaList/aka"``."""
    found = [element]
    for name in path.split("/"):
        found = [child for parent in found for child in children(parent, name)]
    return found


def child_text(element: Element, name: str) -> str:
    """The cleaned text of the first direct child with this local name, or ``""``."""
    for child in children(element, name):
        return clean(child.text)
    return ""


def _reason(exc: ParseError) -> str:
    return str(exc).split(":", 1)[0]

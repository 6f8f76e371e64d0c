"""What a view shows of data older than the masking period: the word "masked", not the value.

The retention run (:mod:`workstation.services.retention`) marks a traveller or a booking push
as masked (``masked_at``); the values stay in the store so that an approved consultation can
disclose them (PNR Directive 2016/681 Art. 12(3)). Every ordinary view passes what it shows
through these functions, so a masked person is never named, dated or numbered on screen, in a
table or in a report. Kept apart from the retention engine so read services can use it without
importing the engine.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from workstation.services.views import DocumentView, HitView, IndicatorView

MASKED = "masked"

_T = TypeVar("_T", str, str | None)


def masked(value: _T, is_masked: bool) -> _T:
    """``value``, or "masked" when the record is masked (an absent value stays absent)."""
    if not is_masked or value is None:
        return value
    return MASKED


def masked_documents(
    documents: tuple[DocumentView, ...], is_masked: bool
) -> tuple[DocumentView, ...]:
    """Documents with their number, issuing state and expiry masked; the type stays."""
    if not is_masked:
        return documents
    return tuple(
        DocumentView(d.doc_type, MASKED, masked(d.issuing_state, True), masked(d.expiry, True))
        for d in documents
    )


def masked_hit(hit: HitView, is_masked: bool) -> HitView:
    """A hit on a masked traveller: the traveller's side of every reason is masked.

    The listed person's side (the entry, its names) is the list's data, not the traveller's,
    and stays.
    """
    if not is_masked:
        return hit
    reasons = tuple(
        replace(r, traveller_part=MASKED, detail=masked(r.detail, bool(r.detail)))
        for r in hit.reasons
    )
    indicator: IndicatorView | None = hit.indicator
    if indicator is not None:
        lines = tuple(replace(line, actual=MASKED) for line in indicator.lines)
        indicator = replace(indicator, lines=lines)
    return replace(hit, reasons=reasons, indicator=indicator)

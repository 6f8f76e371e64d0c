"""Tool tips holding data text: escaped, so Qt never reads a listed name as rich text."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """``text`` as a tool tip that shows exactly as written (line breaks kept)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"

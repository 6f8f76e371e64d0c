"""Photos of national lookouts: checked by their first bytes, capped in size, stored once."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.models import LookoutPhoto
from workstation.errors import InvalidInputError

MAX_PHOTO_BYTES = 2 * 1024 * 1024
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def photo_type(data: bytes) -> str:
    """``image/jpeg`` or ``image/png`` from the file's own first bytes; InvalidInputError else."""
    if not data:
        raise InvalidInputError("The photo file is empty.")
    if len(data) > MAX_PHOTO_BYTES:
        raise InvalidInputError(
            f"The photo is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_PHOTO_BYTES // 1024 // 1024} MB. Save it smaller and try again."
        )
    for signature, media_type in _SIGNATURES:
        if data.startswith(signature):
            return media_type
    raise InvalidInputError("The photo must be a JPEG or PNG image.")


def store_photo(session: Session, data: bytes) -> int:
    """The id of the stored photo with these bytes, storing it if it is new."""
    media_type = photo_type(data)
    digest = hashlib.sha256(data).hexdigest()
    found = session.scalar(select(LookoutPhoto.id).where(LookoutPhoto.sha256 == digest))
    if found is not None:
        return found
    photo = LookoutPhoto(sha256=digest, media_type=media_type, data=data)
    session.add(photo)
    session.flush()
    return photo.id

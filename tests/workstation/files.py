"""Small real files for service tests, written the way airlines and units write them."""

from __future__ import annotations

from pathlib import Path

MANIFEST_HEADER = (
    "Flight,Origin,Destination,Departure,Arrival,Role,Surname,Given Names,Date of Birth,Sex,"
    "Nationality,Document Type,Document Number,Issuing State,Document Expiry,Booking Reference,Seat"
)

JU211_ROWS = (
    "JU211,IST,BEG,2026-11-23T06:35:00Z,2026-11-23T08:10:00Z,passenger,DJORDJEVIC,ZARKO,1979-04-12,"
    "M,SRB,P,012345678,SRB,2030-01-01,K7QX2M,12C",
    "JU211,IST,BEG,2026-11-23T06:35:00Z,2026-11-23T08:10:00Z,passenger,YILMAZ,AYSE,1990-02-03,"
    "F,TUR,P,U12345678,TUR,2031-05-05,P2LM9A,14A",
    "JU211,IST,BEG,2026-11-23T06:35:00Z,2026-11-23T08:10:00Z,passenger,HODZIC,EMIR,1985-07-30,"
    "M,BIH,P,A1234567,BIH,2029-03-03,P2LM9A,14B",
    "JU211,IST,BEG,2026-11-23T06:35:00Z,2026-11-23T08:10:00Z,crew,MARKOVIC,JELENA,1992-11-11,"
    "F,SRB,P,009876543,SRB,2032-01-01,,",
)

WATCHLIST = (
    "ID,Name,Aliases,Date of Birth,Sex,Nationality,Document Number,Category,Handling Notes\n"
    "NL-001,Ђорђевић Жарко,Đorđević Žarko,1979-04-12,M,SRB,,drugs,"
    "Inform the customs duty officer; check baggage\n"
    "NL-002,Petra Novak,,1961,F,HRV,,wanted person,Do not alert the subject\n"
)


def write_manifest(
    directory: Path, name: str = "ju211.csv", rows: tuple[str, ...] = JU211_ROWS
) -> Path:
    path = directory / name
    path.write_text("\n".join((MANIFEST_HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def write_watchlist(directory: Path, name: str = "lookouts.csv") -> Path:
    path = directory / name
    path.write_text(WATCHLIST, encoding="utf-8")
    return path

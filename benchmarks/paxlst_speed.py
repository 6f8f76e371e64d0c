"""How fast PAXLST files are read: a generated 300-passenger D05B list, read repeatedly.

Run: python benchmarks/paxlst_speed.py [passengers] [repeats]
Target: at least 10,000 traveller records per second; a 300-passenger file in 100 ms or less.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workstation.readers.paxlst import read_paxlst

SURNAMES = ("DJORDJEVIC", "YILMAZ", "O?'BRIEN", "HODZIC", "PETROVSKI", "KRASNIQI", "MUELLER")
GIVEN = ("ZARKO", "AYSE:NUR", "SEAN", "EMIR", "ANA:MARIJA", "ARBEN", "HANS")
NATIONS = ("SRB", "TUR", "IRL", "BIH", "MKD", "RKS", "D")


def passenger_list(count: int) -> str:
    """A D05B passenger list for JU211 IST-BEG with ``count`` passengers."""
    lines = [
        "UNA:+.? '",
        "UNB+UNOA:4+JU:ZZ+RSAPI:ZZ+261123:0512+BENCH0001++APIS'",
        "UNH+1+PAXLST:D:05B:UN:IATA+JU211/261123/0635+01:F'",
        "BGM+745'",
        "NAD+MS+++AIR SERBIA API DESK'",
        "TDT+20+JU211+++JU'",
        "LOC+125+IST'",
        "DTM+189:2611230635:201'",
        "LOC+87+BEG'",
        "DTM+232:2611230810:201'",
    ]
    for i in range(count):
        k = i % len(SURNAMES)
        lines += [
            f"NAD+FL+++{SURNAMES[k]}{i}:{GIVEN[k]}'",
            f"ATT+2++{'MF'[i % 2]}'",
            f"DTM+329:{50 + i % 50:02d}{1 + i % 12:02d}{1 + i % 28:02d}'",
            "LOC+178+IST'",
            "LOC+179+BEG'",
            f"NAT+2+{NATIONS[k]}'",
            f"RFF+AVF:B{i:05d}'",
            f"RFF+SEA:{1 + i % 30}{'ABCDEF'[i % 6]}'",
            f"DOC+P:110:111+P{i:08d}'",
            f"DTM+36:{28 + i % 8}0101'",
            f"LOC+91+{NATIONS[k]}'",
        ]
    lines.append(f"CNT+42:{count}'")
    lines.append(f"UNT+{len(lines) - 1}+1'")
    lines.append("UNZ+1+BENCH0001'")
    return "\n".join(lines) + "\n"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.edi"
        path.write_text(passenger_list(count), encoding="ascii")
        size = path.stat().st_size
        result = read_paxlst(path)  # warm-up, and a check that the file is read whole
        assert len(result.flights[0].travellers) == count, result.warnings
        timings = []
        for _ in range(repeats):
            start = time.perf_counter()
            read_paxlst(path)
            timings.append(time.perf_counter() - start)
    best, median = min(timings), sorted(timings)[len(timings) // 2]
    print(f"{count} passengers ({size:,} bytes), {repeats} reads")
    print(f"best {best * 1000:.1f} ms, median {median * 1000:.1f} ms per file")
    print(f"{count / median:,.0f} records/s (median); target >= 10,000, and <= 100 ms for 300")


if __name__ == "__main__":
    main()

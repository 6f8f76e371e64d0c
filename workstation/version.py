"""The version: from the installed package, or from pyproject.toml in the packaged build."""

from __future__ import annotations

import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "passenger-targeting-workstation"


@cache
def version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    bundle = getattr(sys, "_MEIPASS", None)
    for root in (Path(bundle) if bundle else None, Path(__file__).resolve().parents[1]):
        if root is not None and (root / "pyproject.toml").is_file():
            text = (root / "pyproject.toml").read_text(encoding="utf-8")
            return str(tomllib.loads(text)["project"]["version"])
    return "unknown"

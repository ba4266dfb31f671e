"""The review app's vendored browser assets, pinned: which npm package each file comes from, the
registry's integrity of that package and the sha256 of each file. ``tools/vendor_static.py``
fetches them again from these pins; ``tests/test_assets.py`` checks the committed files against
them (see ``static/VENDORED.md``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # the registry's dist.integrity of the tarball
    files: dict[str, tuple[str, str]]  # path in the package -> (path under static/, sha256)


_FONT = "package/files/noto-sans-bengali-{}-normal.woff2"
PACKAGES = [
    Package(
        "chart.js",
        "4.6.1",
        "sha512-hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g==",
        {
            "package/dist/chart.umd.min.js": (
                "vendor/chartjs/chart.umd.min.js",
                "87364cc2b2a76a6684929e7d6b80b18a897794db38400caff1fcf1791c6925d2",
            ),
            "package/LICENSE.md": (
                "vendor/chartjs/LICENSE.md",
                "41a84aa2caba645f966a18d9c2056b73e6d3a81d80bc0046bc0011a2634d4cce",
            ),
        },
    ),
    Package(
        "@fontsource/noto-sans-bengali",
        "5.3.0",
        "sha512-EFBMU0UvzyFSc1ERK369zfqEu6DMRuWmCQ2+2ahhQTQAIDPEyN1UYlQdQeFkheu2DWG2hfdwrhiLlGFl2sSr/A==",
        {
            _FONT.format("bengali-400"): (
                "fonts/noto-sans-bengali-bengali-400-normal.woff2",
                "adb805ae2eb639cc5d7276ee0e3798a8092fbfe02a6e5a0e19d82587680b528c",
            ),
            _FONT.format("bengali-700"): (
                "fonts/noto-sans-bengali-bengali-700-normal.woff2",
                "67ffaf548d85c2022569374b5401cd8d296a2434c2df4b57399c31f9118ce8c3",
            ),
            _FONT.format("latin-400"): (
                "fonts/noto-sans-bengali-latin-400-normal.woff2",
                "787cb67c208f5b16d2e636c6b865d8b44cb4223cb7861346d27577346c1c2010",
            ),
            _FONT.format("latin-700"): (
                "fonts/noto-sans-bengali-latin-700-normal.woff2",
                "d04b9c030fbdaf5e749c2f3ed421068c21af32213da97f1e2d431dd9d5e5f48d",
            ),
            "package/LICENSE": (
                "fonts/OFL.txt",
                "c0d17a4a6f928d78749dbebfa9d2953b6086c2a1f64cdd1e450cc77fb8199b32",
            ),
        },
    ),
]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def problems() -> list[str]:
    """What differs between the committed files and the pins (empty when all match)."""
    found = []
    for package in PACKAGES:
        for target, digest in package.files.values():
            path = STATIC / target
            if not path.is_file():
                found.append(f"{target}: missing ({package.name}@{package.version})")
            elif sha256(path.read_bytes()) != digest:
                found.append(f"{target}: sha256 differs from {package.name}@{package.version}")
    return found

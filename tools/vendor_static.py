"""Fetch the review app's vendored browser assets from the npm registry, check them, copy them.

The app serves its chart library and its Bengali font itself (it must work offline, and its
Content-Security-Policy allows only its own origin). This script rebuilds those files from the
pinned npm packages with the ordinary client (``npm pack``), checks each package's registry
integrity and each file's sha256 against the pins, and copies them into
``crawler/review/static``. Run from the project root after changing a pin::

    python tools/vendor_static.py            # fetch, check, copy
    python tools/vendor_static.py --check    # only check the committed files against the pins

The pins are in ``crawler/review/assets.py``; ``tests/test_assets.py`` checks the committed files
against them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from crawler.review.assets import PACKAGES, STATIC, Package, problems, sha256


def fetch(package: Package, work: Path) -> None:
    listed = subprocess.run(
        ["npm", "pack", f"{package.name}@{package.version}", "--json", "--pack-destination",
         str(work)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    tarball = work / json.loads(listed.stdout)[0]["filename"]
    algorithm, _, expected = package.integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if actual != expected:
        raise SystemExit(f"{tarball.name}: integrity differs from the pin")
    with tarfile.open(tarball) as archive:
        for inside, (target, digest) in package.files.items():
            member = archive.extractfile(inside)
            if member is None:
                raise SystemExit(f"{package.name}: no {inside}")
            data = member.read()
            if sha256(data) != digest:
                raise SystemExit(f"{package.name}: {inside} differs from its pinned sha256")
            (STATIC / target).parent.mkdir(parents=True, exist_ok=True)
            (STATIC / target).write_bytes(data)


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        if shutil.which("npm") is None:
            raise SystemExit("npm is needed (Debian: apt-get install npm)")
        with tempfile.TemporaryDirectory() as work:
            for package in PACKAGES:
                fetch(package, Path(work))
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    print("vendored assets: " + ("differ from the pins" if found else "match the pins"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

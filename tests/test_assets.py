"""The review app's browser assets: the vendored files are the pinned packages' files, with their
licences, and no page, style or script of the app loads anything from another origin."""

from __future__ import annotations

import re

from crawler.review.assets import PACKAGES, STATIC, problems
from tests.conftest import ROOT

REVIEW = ROOT / "crawler" / "review"


def test_vendored_files_match_their_pins_and_carry_their_licences() -> None:
    assert problems() == []
    targets = {target for p in PACKAGES for target, _ in p.files.values()}
    assert {"vendor/chartjs/LICENSE.md", "fonts/OFL.txt"} <= targets
    assert "SIL OPEN FONT LICENSE Version 1.1" in (STATIC / "fonts" / "OFL.txt").read_text()
    assert "MIT License" in (STATIC / "vendor" / "chartjs" / "LICENSE.md").read_text()
    listed = (STATIC / "VENDORED.md").read_text(encoding="utf-8")
    for package in PACKAGES:
        assert f"{package.name}` {package.version}" in listed and package.integrity in listed


def test_every_font_file_the_css_names_is_shipped() -> None:
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    named = re.findall(r"url\(([^)]+)\)", css)
    assert len(named) == 4 and all((STATIC / n).is_file() for n in named)
    assert all(n.endswith(".woff2") for n in named)


def test_nothing_is_loaded_from_another_origin() -> None:
    own = [*REVIEW.joinpath("templates").glob("*.html"), STATIC / "app.css",
           STATIC / "review.js", STATIC / "research.js", STATIC / "favicon.svg"]  # fmt: skip
    targets = []
    for path in own:
        text = path.read_text(encoding="utf-8")
        # src=, href= and url() name the app's own paths only (links to the articles' sources
        # are data, written as {{ ... }}).
        found = re.findall(r"""(?:src|href)=["']([^"']+)["']|url\(["']?([^)"']+)""", text)
        targets += [(path.name, a or b) for a, b in found]
        assert "@import" not in text, path.name
    assert len(targets) > 20
    foreign = [t for t in targets if t[1].startswith(("http:", "https:", "//"))]
    assert foreign == []

"""Every Prohori setting is documented in crawler/settings.py and in the README."""

from __future__ import annotations

import re

from crawler import settings
from tests.conftest import ROOT

NAMES = [name for name in dir(settings) if name.startswith("PROHORI_")]


def test_every_setting_has_a_comment_and_a_readme_entry() -> None:
    source = (ROOT / "crawler" / "settings.py").read_text(encoding="utf-8").splitlines()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(NAMES) >= 10
    for name in NAMES:
        line = next(i for i, text in enumerate(source) if re.match(rf"{name}\s*=", text))
        assert source[line - 1].startswith("#"), f"{name} needs a comment above it"
        assert f"`{name}`" in readme, f"{name} is not in the README's settings table"


def test_pipelines_are_wired_in_order() -> None:
    order = sorted(settings.ITEM_PIPELINES.items(), key=lambda kv: kv[1])
    stages = [path.split(".")[1] for path, _ in order]
    assert stages == ["extract", "language", "classify", "dedup", "store"]

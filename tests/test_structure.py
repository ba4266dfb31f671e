"""The code's structure: every module imports on its own (no import cycles), stages live in
their folders, and no module grows past a size a newcomer can read."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

PACKAGES = ("crawler", "spiders", "pipelines")


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            names.append(".".join(parts))
    return names


MODULES = _modules()


@pytest.mark.parametrize("name", MODULES)
def test_every_module_imports_on_its_own(name: str) -> None:
    """A module imported first, with none of the project's modules loaded yet, must not meet a
    half-initialised module of a cycle (``python -c "import crawler.cli.review"``)."""
    saved = {k: v for k, v in sys.modules.items() if k.split(".")[0] in PACKAGES}
    for key in saved:
        del sys.modules[key]
    try:
        importlib.import_module(name)
    finally:
        for key in [k for k in sys.modules if k.split(".")[0] in PACKAGES]:
            del sys.modules[key]
        sys.modules.update(saved)


def test_the_stages_have_their_folders() -> None:
    for folder in ("outlets", "fetch", "text", "dedup", "classify", "store", "monitor", "review",
                   "export", "cli"):  # fmt: skip
        assert (ROOT / "crawler" / folder / "__init__.py").exists(), folder
    flat = sorted(p.name for p in (ROOT / "crawler").glob("*.py"))
    assert flat == [
        "__init__.py", "__main__.py", "demo.py", "items.py", "runner.py", "settings.py",
        "settings_check.py",
    ]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_no_module_is_over_about_400_lines(name: str) -> None:
    path = ROOT.joinpath(*name.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 420, f"{name}: {lines} lines"


def test_a_shadowed_top_level_package_is_refused(tmp_path: Path, monkeypatch: Any) -> None:
    """`spiders` and `pipelines` are generic names: a crawl refuses another package's."""
    from crawler.runner import check_packages

    check_packages()  # ours
    fake = tmp_path / "spiders"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "spiders", raising=False)
    with pytest.raises(RuntimeError, match="another installed package shadows it"):
        check_packages()
    monkeypatch.delitem(sys.modules, "spiders", raising=False)

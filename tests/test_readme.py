"""The README stays in step with the code: its benchmark figures have each benchmark's contract
keys, its layout table names folders that exist, and each benchmark prints its contract line."""

from __future__ import annotations

import re

from benchmarks import CONTRACTS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _measured_block() -> list[str]:
    start = README.index("Last measured")
    block = README[start:].split("```", 2)[1]
    return [line for line in block.splitlines() if line.strip()]


def test_the_last_measured_figures_have_every_contract_and_its_keys() -> None:
    lines = {line.split(":", 1)[0]: line for line in _measured_block()}
    assert set(lines) == set(CONTRACTS)
    for name, keys in CONTRACTS.items():
        pairs = re.findall(r"(\w+)=(\S+)", lines[name].split(":", 1)[1])
        assert tuple(k for k, _ in pairs) == keys, name
        for key, value in pairs:
            assert re.fullmatch(r"[\d.]+(/\d+)?", value), (name, key, value)


def test_every_benchmark_prints_its_contract_line() -> None:
    for name in CONTRACTS:
        source = (ROOT / "benchmarks" / f"{name}.py").read_text(encoding="utf-8")
        assert re.search(rf'last_line\(\s*"{name}"', source), name


def test_the_layout_table_names_paths_that_exist() -> None:
    layout = README[README.index("## Layout") :].split("\n## ", 1)[0]
    for path in re.findall(r"^\| `([^`]+)` \|", layout, flags=re.M):
        assert (ROOT / path.rstrip("/")).exists(), path

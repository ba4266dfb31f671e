"""Benchmarks: scripts that print figures (tests never assert wall time).

Each ends with one contract line, ``<name>: key=value ...``, whose keys are fixed here; the
README's "Benchmarks" section quotes the last measured line of each, and a test checks that
those quotes have exactly these keys (tests/test_readme.py), so a changed figure cannot leave
the README describing another one.
"""

from __future__ import annotations

CONTRACTS: dict[str, tuple[str, ...]] = {
    "crawl": ("pipeline_pages_per_s", "bare_pages_per_s", "ratio"),
    "scale": ("workers1_pages_per_s", "workers2_pages_per_s", "speedup"),
    "soak": ("pages", "rss_start_mb", "rss_end_mb", "pages_per_s"),
    "extraction": (
        "f1",
        "precision",
        "leaks",
        "titles",
        "dates",
        "ms_per_page",
        "trafilatura_ms_per_page",
    ),
    "dedup": (
        "precision",
        "recall",
        "thread_precision",
        "thread_recall",
        "ms_per_article_at_1M",
        "rss_mb_at_1M",
    ),
    "classifier": (
        "precision",
        "recall",
        "f1",
        "baseline_f1",
        "frozen_n",
        "frozen_positives",
    ),
}


def last_line(name: str, values: dict[str, str]) -> str:
    """The benchmark's contract line: its name and its figures, in the contract's order."""
    if tuple(values) != CONTRACTS[name]:
        raise ValueError(
            f"{name}: figures {tuple(values)} are not the contract's {CONTRACTS[name]}"
        )
    return f"{name}: " + " ".join(f"{key}={value}" for key, value in values.items())

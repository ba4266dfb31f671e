"""The real dedup pairs' readings, the label they settle on, and how far the readers agree.

    .venv/bin/python tools/dedup_readings.py                 # agreement (data README, "Readings")
    .venv/bin/python tools/dedup_readings.py --write         # settle `label` in real-pairs.jsonl.gz
    .venv/bin/python tools/dedup_readings.py --batches DIR   # blind reading batches for a reader

Every pair of ``tests/resources/dedup/real-pairs.jsonl.gz`` was read four ways (see the data
README, "Who labelled"): the first reading (``label_first``); a blind second reading of every pair
(``readings/second.jsonl``); a blind third reading of every pair the two disagreed on
(``readings/third.jsonl``); and two fresh blind readings of the pairs that an example in the
second and third readers' instructions had pushed against the project's definition
(``readings/reread.jsonl``). :func:`settle` turns them into ``label``: agreement, else the
majority of three, else the third reader (or, for the re-read pairs, the majority of the first
reading and the two re-readings). No reader saw another's label, a system decision or the split.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sklearn.metrics import cohen_kappa_score

DATA = Path(__file__).resolve().parents[1] / "tests" / "resources" / "dedup"
PAIRS = DATA / "real-pairs.jsonl.gz"
READINGS = DATA / "readings"
LABELS = ("copy", "same_story", "different")


def load_pairs() -> list[dict[str, Any]]:
    with gzip.open(PAIRS, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def load_readings() -> dict[str, dict[str, Any]]:
    """pair_id → {"second": row, "third": row | None, "reread": [rows]}."""
    out: dict[str, dict[str, Any]] = {}
    for name in ("second", "third", "reread"):
        for line in (READINGS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            entry = out.setdefault(row["pair_id"], {"second": None, "third": None, "reread": []})
            if name == "reread":
                entry["reread"].append(row)
            else:
                entry[name] = row
    return out


def first_label(pair: dict[str, Any]) -> str:
    return str(pair.get("label_first") or pair["label"])


def settle(first: str, reading: dict[str, Any]) -> tuple[str, str]:
    """(label, how) from the first reading and the others of one pair."""
    if reading["reread"]:
        votes = [first, *(r["label"] for r in sorted(reading["reread"], key=lambda r: r["reader"]))]
        label, n = Counter(votes).most_common(1)[0]
        return (label if n >= 2 else votes[-1]), "reread"
    second = reading["second"]["label"]
    if second == first:
        return first, "agreed"
    third = reading["third"]["label"]
    return third, ("majority" if third in (first, second) else "third")


def agreement(pairs: list[dict[str, Any]], readings: dict[str, dict[str, Any]]) -> None:
    for split in ("dev", "test", "all"):
        chosen = [p for p in pairs if split in ("all", p["split"])]
        a = [first_label(p) for p in chosen]
        b = [readings[p["pair_id"]]["second"]["label"] for p in chosen]
        same = sum(x == y for x, y in zip(a, b, strict=True))
        print(
            f"{split}: {len(chosen)} pairs, first vs second reading agree {same / len(chosen):.3f},"
            f" kappa {cohen_kappa_score(a, b):.3f}"
        )
        for name, positive in (("copy", {"copy"}), ("thread", {"copy", "same_story"})):
            x = [v in positive for v in a]
            y = [v in positive for v in b]
            print(f"  {name} vs not: kappa {cohen_kappa_score(x, y):.3f}")
        table = Counter(zip(a, b, strict=True))
        print("  first \\ second  " + "  ".join(f"{v:>10}" for v in LABELS))
        for v in LABELS:
            print(f"  {v:>14}  " + "  ".join(f"{table[(v, w)]:>10}" for w in LABELS))
    settled = [(p, *settle(first_label(p), readings[p["pair_id"]])) for p in pairs]
    print("how settled:", dict(Counter(how for _, _, how in settled)))
    moved = Counter(
        (p["split"], first_label(p), lab) for p, lab, _ in settled if lab != first_label(p)
    )
    for (split, old, new), n in sorted(moved.items()):
        print(f"  {split}: {old} -> {new}: {n}")
    print("settled labels:", dict(Counter((p["split"], lab) for p, lab, _ in settled)))


def write(pairs: list[dict[str, Any]], readings: dict[str, dict[str, Any]]) -> None:
    with gzip.open(PAIRS, "wt", encoding="utf-8") as f:
        for p in pairs:
            first = first_label(p)
            p["label"], p["label_how"] = settle(first, readings[p["pair_id"]])
            p["label_first"] = first
            f.write(json.dumps(p, ensure_ascii=False) + "\n")


# -- reading batches ---------------------------------------------------------------------------
_WORD = re.compile(r"[\u0980-\u09ffA-Za-z0-9]+")
_SENTENCE = re.compile(r"(?<=[।?!\n])\s*|(?<=\.)\s+(?=[A-Z])")


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + 3]) for i in range(max(len(words) - 2, 1))} if words else set()


def _only(text: str, other: set[tuple[str, ...]]) -> tuple[list[str], int]:
    """The sentences of ``text`` not found (in the same words) in the other text."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
    own = [s for s in sentences if _shingles(s)]
    missing = [s for s in own if len(_shingles(s) & other) / len(_shingles(s)) < 0.5]
    return missing, len(own)


def _clip(text: str, n: int) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= n else text[:n] + " …[cut; full text in full/ file]"


def batches(out: Path, n_batches: int = 8, seed: int = 2026) -> None:
    """Reading batches without labels, figures or split, in a shuffled order under neutral ids
    (``key.json`` maps them back), and each pair's full texts in ``full/``."""
    pairs = load_pairs()
    random.Random(seed).shuffle(pairs)
    (out / "full").mkdir(parents=True, exist_ok=True)
    parts: list[list[str]] = [[] for _ in range(n_batches)]
    key = {}
    for i, p in enumerate(pairs):
        rid = f"R{i + 1:04d}"
        key[rid] = p["pair_id"]
        a, b = p["a"], p["b"]
        lines = [f"## {rid}"]
        for tag, d in (("A", a), ("B", b)):
            teaser = (
                " | TEASER ONLY (headline and lead, or a cut body)" if d.get("truncated") else ""
            )
            when = d.get("published") or f"no date; scraped {d.get('scraped_at') or '?'}"
            size = f"{len(d['text'])} chars{teaser}"
            lines.append(f"{tag}: {d['outlet']} | {when} | {unquote(d['url'] or d['id'])} | {size}")
            lines.append(f"   headline: {d['title']}")
        for tag, d in (("A", a), ("B", b)):
            lines.append(f"{tag} text: {_clip(d['text'], 700)}")
        for tag, d, other in (("A", a, b), ("B", b, a)):
            missing, n = _only(d["text"], _shingles(other["text"]))
            lines.append(
                f"sentences of {tag} not found (in the same words) in the other: {len(missing)} of"
                f" {n}: {_clip(' ‖ '.join(missing), 800)}"
            )
        parts[i % n_batches].append("\n".join(lines))
        full = "".join(
            f"===== {t}: {d['outlet']} | {d.get('published')} | {d['url']}\n{d['title']}\n\n"
            f"{d['text']}\n\n"
            for t, d in (("A", a), ("B", b))
        )
        (out / "full" / f"{rid}.txt").write_text(full, encoding="utf-8")
    for k, part in enumerate(parts, 1):
        (out / f"batch-{k}.md").write_text("\n\n".join(part) + "\n", encoding="utf-8")
    (out / "key.json").write_text(json.dumps(key), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="settle `label` in the pairs file")
    parser.add_argument("--batches", type=Path, help="write blind reading batches to this folder")
    args = parser.parse_args()
    if args.batches:
        batches(args.batches)
        return
    pairs, readings = load_pairs(), load_readings()
    agreement(pairs, readings)
    if args.write:
        write(pairs, readings)


if __name__ == "__main__":
    main()

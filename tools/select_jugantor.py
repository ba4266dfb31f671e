#!/usr/bin/env python3
"""Select the Jugantor feed items that make up jugantor-labels.jsonl.

Usage:
    python3 select_jugantor.py /path/to/shared [> selection.jsonl]

Reads <shared>/corpus/jugantor-feed-2025-09_2026-02.jsonl.gz (one JSON object a
line: title, link, description, pubDate, section) and writes, one JSON object a
line on stdout, every selected item with the fields of the feed plus

    subset   "russia" | "hard_negative" | "random"
    russia   True when title + description mention Russia
    matched  the Russia terms (or military terms) that matched

Subsets (deduplicated by link, first occurrence wins):
  russia         every item whose title or description mentions Russia in any
                 spelling (see RUSSIA_TERMS);
  hard_negative  200 items with military/defence words (MILITARY_TERMS) and no
                 Russia mention, random.Random(42).sample over the pool in file order;
  random         300 items from everything else (no Russia mention, not chosen as a
                 hard negative), random.Random(42).sample over the rest in file order.

Matching is done on NFC text. NFC leaves Bengali "য়" decomposed (U+09DF is a
composition exclusion), so precomposed U+09DF and U+09AF U+09BC both end up as
U+09AF U+09BC and match the same pattern. Standard library only.
"""

import gzip
import json
import os
import random
import re
import sys
import unicodedata
from typing import Any

FEED = "corpus/jugantor-feed-2025-09_2026-02.jsonl.gz"
N_HARD = 200
N_RANDOM = 300
SEED = 42

# A term only matches at the start of a Bengali word: not preceded by another
# Bengali character (letter, vowel sign, virama, nukta), so "বেলারুশ" (Belarus),
# "ক্রুশিয়াল", "নাতিপুতি", "ডেপুটি" do not match. Hyphenated compounds
# ("চীন-রাশিয়া", "শি-পুতিনের") do match.
WORD_START = r"(?<![\u0980-\u09FF])"

RUSSIA_TERMS = [
    r"রাশিয়া",
    r"রাশিয়ান",
    r"রুশিয়া",  # Russia, Russian (য় in either form after NFC)
    r"রুশ(?!দী|দি)",  # Russian (not Salman Rushdie "রুশদী")
    r"মস্কো",
    r"মস্ক(?=\s*$)",  # Moscow; feed descriptions cut mid-word
    r"পুতিন",
    r"পুটিন",
    r"ক্রেমলিন",
    r"সোভিয়েত",
    r"সোভিয়েট",
    r"ল্যাভরভ",
    r"লাভরভ",
    r"লাভরোভ",
    r"শোইগু",
    r"শয়গু",
    r"সোইগু",
    r"বেলোসভ",
    r"বেলোউসভ",
    r"পেসকভ",
    r"জাখারোভা",
    r"জাখারভা",
    r"ভাগনার",
    r"ওয়াগনার",
    r"ভাগনের",
    r"মেদভেদেভ",
    r"গেরাসিমভ",
    r"দিমিত্রিয়েভ",
    r"উশাকভ",
    r"নেবেনজিয়া",
    r"রোসাটম",
    r"রসাটম",
    r"গাজপ্রম",
    r"গ্যাজপ্রম",
    r"রসনেফট",
    r"রোসনেফট",
    r"লুকঅয়েল",
    r"চেচনিয়া",
    r"চেচেন",
    r"কাদিরভ",
    r"দাগেস্তান",
    r"কামচাটকা",
    r"বেলগোরোদ",
    r"কুরস্ক",
]

MILITARY_TERMS = [
    r"সামরিক",
    r"সেনা",
    r"প্রতিরক্ষা",
    r"অস্ত্র(?!োপচার)",
    r"ক্ষেপণাস্ত্র",
    r"যুদ্ধবিমান",
    r"যুদ্ধজাহাজ",
    r"মহড়া",
    r"নৌবাহিনী",
    r"বিমানবাহিনী",
    r"ড্রোন",
    r"সশস্ত্র",
    r"ডুবোজাহাজ",
    r"সাবমেরিন",
]


def nfc(s: str | None) -> str:
    return unicodedata.normalize("NFC", s or "")


def compile_terms(terms: list[str], word_start: bool) -> re.Pattern[str]:
    alts = "|".join(nfc(t) for t in terms)
    return re.compile((WORD_START if word_start else "") + "(?:" + alts + ")")


RUSSIA_RE = compile_terms(RUSSIA_TERMS, word_start=True)
# Military words may sit inside compounds (নৌমহড়া, সেনাবাহিনী, ক্ষেপণাস্ত্র), so only
# "সেনা" is held to a word start (to skip words that merely contain it).
MILITARY_RE = re.compile(
    "(?:"
    + WORD_START
    + nfc("সেনা")
    + "|"
    + "|".join(nfc(t) for t in MILITARY_TERMS if t != "সেনা")
    + ")"
)


def text_of(item: dict[str, Any]) -> str:
    return nfc(item.get("title")) + "\n" + nfc(item.get("description"))


def read_feed(path: str) -> list[dict[str, Any]]:
    """The feed's items, deduplicated by link (the first occurrence wins), in file order."""
    items, seen = [], set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            if item["link"] not in seen:
                seen.add(item["link"])
                items.append(item)
    return items


def select(
    items: list[dict[str, Any]], n_hard: int, n_random: int, seed: int = SEED
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every Russia item, ``n_hard`` hard negatives and ``n_random`` others (see the module's
    docstring), each with ``subset``, ``russia`` and ``matched``; and the pool sizes."""
    russia, military = [], []
    for item in items:
        t = text_of(item)
        rm = sorted(set(m.group(0) for m in RUSSIA_RE.finditer(t)))
        if rm:
            russia.append(dict(item, subset="russia", russia=True, matched=rm))
            continue
        mm = sorted(set(m.group(0) for m in MILITARY_RE.finditer(t)))
        if mm:
            military.append(dict(item, russia=False, matched=mm))

    hard = random.Random(seed).sample(military, min(n_hard, len(military)))
    hard_links = {h["link"] for h in hard}
    # "the rest": everything without a Russia mention that was not picked as a hard
    # negative (military items not picked stay in the pool, in file order).
    rest_pool = [
        i for i in items if i["link"] not in hard_links and not RUSSIA_RE.search(text_of(i))
    ]
    rand = random.Random(seed).sample(rest_pool, n_random)
    out = list(russia)
    out += [dict(h, subset="hard_negative") for h in hard]
    out += [dict(r, subset="random", russia=False, matched=[]) for r in rand]
    sizes = {
        "items": len(items),
        "russia": len(russia),
        "military pool": len(military),
        "hard_negative": len(hard),
        "rest pool": len(rest_pool),
        "random": len(rand),
    }
    return out, sizes


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit(__doc__)
    out, sizes = select(read_feed(os.path.join(argv[1], FEED)), N_HARD, N_RANDOM)
    for rec in out:
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print("  ".join(f"{k} {v}" for k, v in sizes.items()), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)

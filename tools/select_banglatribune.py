#!/usr/bin/env python3
"""Select the Bangla Tribune items that make up banglatribune-labels.jsonl (issue 15).

Usage:
    python3 tools/select_banglatribune.py /path/to/shared [> selection.jsonl]

Reads <shared>/corpus/banglatribune-feed-2026-05_2026-08.jsonl.gz (title, link, pubDate,
description = the full article body) and writes every selected item, one JSON object a line,
with the feed's fields plus ``subset``, ``russia``, ``matched`` and ``frozen``:

  russia         every item whose title or body names Russia in any form (the Russia terms of
                 tools/select_jugantor.py: Russia, Russian, Moscow, Putin, Kremlin, Soviet, ...);
  hard_negative  200 items with military words and no Russia mention,
                 random.Random(42).sample over the pool in file order;
  random         200 items from everything else, random.Random(42).sample in file order.

``frozen`` marks the frozen test part, fixed before any model or lexicon change: every
selected item published on or after FROZEN_FROM (UTC). It is never used to choose features,
weights or thresholds (crawler/classify/data/README.md). Standard library only.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import sys
from email.utils import parsedate_to_datetime
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from select_jugantor import MILITARY_RE, RUSSIA_RE, text_of

FEED = "corpus/banglatribune-feed-2026-05_2026-08.jsonl.gz"
N_HARD = 200
N_RANDOM = 200
SEED = 42
FROZEN_FROM = "2026-07-01"


def published(item: dict[str, Any]) -> str:
    return parsedate_to_datetime(item["pubDate"]).isoformat()


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit(__doc__)
    items, seen = [], set()
    with gzip.open(os.path.join(argv[1], FEED), "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            if item["link"] in seen:
                continue
            seen.add(item["link"])
            items.append(item)
    russia, military = [], []
    for item in items:
        t = text_of(item)
        found = sorted({m.group(0) for m in RUSSIA_RE.finditer(t)})
        if found:
            russia.append(dict(item, subset="russia", russia=True, matched=found))
            continue
        mil = sorted({m.group(0) for m in MILITARY_RE.finditer(t)})
        if mil:
            military.append(dict(item, russia=False, matched=mil))
    hard = random.Random(SEED).sample(military, min(N_HARD, len(military)))
    hard_links = {h["link"] for h in hard}
    rest = [i for i in items if i["link"] not in hard_links and not RUSSIA_RE.search(text_of(i))]
    rand = random.Random(SEED).sample(rest, N_RANDOM)
    out = list(russia)
    out += [dict(h, subset="hard_negative") for h in hard]
    out += [dict(r, subset="random", russia=False, matched=[]) for r in rand]
    for rec in out:
        rec["published"] = published(rec)
        rec["frozen"] = rec["published"][:10] >= FROZEN_FROM
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    frozen = sum(r["frozen"] for r in out)
    print(
        f"items {len(items)}  russia {len(russia)}  military pool {len(military)}  "
        f"hard_negative {len(hard)}  random {len(rand)}  frozen {frozen}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main(sys.argv)

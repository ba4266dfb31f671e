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

import json
import os
import sys
from email.utils import parsedate_to_datetime
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from select_jugantor import read_feed, select

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
    out, sizes = select(read_feed(os.path.join(argv[1], FEED)), N_HARD, N_RANDOM, SEED)
    for rec in out:
        rec["published"] = published(rec)
        rec["frozen"] = rec["published"][:10] >= FROZEN_FROM
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    sizes["frozen"] = sum(r["frozen"] for r in out)
    print("  ".join(f"{k} {v}" for k, v in sizes.items()), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)

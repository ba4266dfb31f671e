"""The plan of the gold set (style, source, variant per page) and the build loop."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from .check import check, gold_of
from .chrome import printed_paragraphs
from .corpus import SEED_INSERTS, SEEDS, bdnews_stories, feed_titles, prothomalo_stories, seed_story
from .model import Page, Story, Variant
from .styles import BUILDERS, STYLE_FEEDS
from .text import canonical

# (style, source, variant). Sources: "seed:NNN", "pa" (next Prothom Alo article), "dp" (next
# Dhaka Post article), "b24" (next Barta24 article).
PLAN: list[tuple[str, str, Variant]] = [
    ("prothomalo", "pa", Variant(read_more=2, caption=True, nested=True)),
    ("prothomalo", "pa", Variant(read_more=1, precomposed=True)),
    ("prothomalo", "pa", Variant(read_more=2, caption=True)),
    ("prothomalo", "pa", Variant(read_more=1, dari="৷")),
    ("prothomalo", "pa", Variant(caption=True, nested=True)),
    ("prothomalo", "pa", Variant(read_more=2)),
    ("prothomalo", "pa", Variant(read_more=1, caption=True, nested=True)),
    ("samakal", "pa", Variant(read_more=1, caption=True, flag="update")),
    ("samakal", "dp", Variant(flag="subhead-update")),
    ("samakal", "pa", Variant(read_more=1, nested=True)),
    ("samakal", "dp", Variant(read_more=1, caption=True, flag="update")),
    ("samakal", "pa", Variant(dari="|")),
    ("samakal", "dp", Variant(read_more=1)),
    ("kalerkantho", "seed:003", Variant()),
    ("kalerkantho", "dp", Variant(flag="update")),
    ("kalerkantho", "dp", Variant()),
    ("kalerkantho", "pa", Variant(dari="I", flag="update")),
    ("kalerkantho", "dp", Variant(read_more=1)),
    ("kalerkantho", "pa", Variant(nested=True)),
    ("wordpress", "seed:000", Variant()),
    ("wordpress", "seed:001", Variant()),
    ("wordpress", "b24", Variant(read_more=1, flag="repost")),
    ("wordpress", "b24", Variant(precomposed=True, flag="repost")),
    ("wordpress", "b24", Variant(read_more=1, caption=True, flag="yoast")),
    ("wordpress", "pa", Variant(read_more=2)),
    ("wordpress", "pa", Variant(nested=True, flag="yoast")),
    ("amadershomoy", "pa", Variant(read_more=1, caption=True, flag="jsonld")),
    ("amadershomoy", "pa", Variant(dari="৷")),
    ("amadershomoy", "dp", Variant(nested=True, flag="jsonld")),
    ("amadershomoy", "dp", Variant(read_more=1)),
    ("amadershomoy", "b24", Variant(caption=True, flag="jsonld")),
    ("amadershomoy", "pa", Variant(read_more=1, nested=True)),
    ("odhikar", "seed:004", Variant()),
    ("odhikar", "dp", Variant(read_more=1, caption=True)),
    ("odhikar", "dp", Variant(caption=True)),
    ("odhikar", "dp", Variant(read_more=1)),
    ("odhikar", "pa", Variant(read_more=1, caption=True, nested=True)),
    ("odhikar", "pa", Variant(caption=True, dari="|")),
    ("deshjogot", "seed:002", Variant()),
    ("deshjogot", "b24", Variant()),
    ("deshjogot", "b24", Variant(read_more=1)),
    ("deshjogot", "dp", Variant(dari="|")),
    ("deshjogot", "dp", Variant()),
    ("deshjogot", "pa", Variant(read_more=1)),
]


def main(shared_dir: str, out_dir: str) -> int:
    shared, out = Path(shared_dir), Path(out_dir)
    queues: dict[str, list[Story]] = {
        "pa": prothomalo_stories(shared, 20),
        "dp": bdnews_stories(shared, "Dhaka Post", 4000),
        "b24": bdnews_stories(shared, "Barta24", 4000),
    }
    seeds = {key[:3]: seed_story(shared, key) for key in SEEDS}
    feeds = {
        style: [t for name in names for t in feed_titles(shared / "corpus/feeds" / name)]
        for style, names in STYLE_FEEDS.items()
    }
    problems: list[str] = []
    counts: dict[str, int] = {}
    for style, spec, variant in PLAN:
        story = seeds[spec[5:]] if spec.startswith("seed:") else queues[spec].pop(0)
        text = "\n".join(story.paragraphs) + story.title
        rng = random.Random(story.name)
        pool = [t for t in dict.fromkeys(feeds[style]) if canonical(t) not in canonical(text)]
        picked = rng.sample(pool, 9 + variant.read_more)
        page = Page(style, story, variant, side=picked[variant.read_more :], read_more=[])
        page.read_more = picked[: variant.read_more]
        if story.name in ("seed-001", "seed-004"):
            page.read_more = [
                h for _, h in SEED_INSERTS[next(k for k in SEEDS if k[:3] == story.name[5:])]
            ]
        page.printed = printed_paragraphs(page)
        page_html = BUILDERS[style](page)
        gold = gold_of(page)
        where = f"{style}/{story.name}"
        problems += check(gold, page_html, where)
        target = out / style
        target.mkdir(parents=True, exist_ok=True)
        (target / f"{story.name}.html").write_text(page_html, encoding="utf-8")
        (target / f"{story.name}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        counts[style] = counts.get(style, 0) + 1
    for problem in problems:
        print("PROBLEM", problem, file=sys.stderr)
    total = sum(counts.values())
    print(
        f"{total} pages in {len(counts)} styles -> {out}: "
        + ", ".join(f"{k} {v}" for k, v in counts.items())
    )
    return 1 if problems else 0

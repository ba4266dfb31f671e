"""Build the mini-web's story file from the real texts in ``../shared`` (developer tool).

Run once from the project root when the selection changes::

    python tools/build_miniweb.py ../shared crawler/miniweb/data/stories.jsonl

The output is committed; tests and ``prohori demo`` read only the output, never ``../shared``.
Selection is deterministic (``random.Random(2026)``) so that the same command rebuilds the same
file. Provenance of every story is kept in its ``source`` field (see
``crawler/miniweb/data/PROVENANCE.md``).
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

DHAKA = timezone(timedelta(hours=6))
RUSSIA = re.compile("রাশিয়|রাশিয়|রুশ|মস্কো|পুতিন|ক্রেমলিন|সোভিয়েত")
SPORTS = re.compile("ক্রিকেট|ফুটবল|গোল|ম্যাচ|উইকেট|বিশ্বকাপ|টেনিস|লিগ")
ECONOMY = re.compile("ব্যাংক|টাকা|ডলার|বাজার|রপ্তানি|বিনিয়োগ|মূল্যস্ফীতি|শেয়ার")
WORLD = re.compile("যুক্তরাষ্ট্র|ভারত|চীন|ইউক্রেন|গাজা|ইসরায়েল|পাকিস্তান|মিয়ানমার|ট্রাম্প")

# The five seed stories, cut by reading them: where the headline is, where the body starts and
# ends, which lines are read-more inserts and which desk code closes the story.
SEEDS: dict[str, dict[str, Any]] = {
    "000_9882c0d0e162061c": {
        "title": "প্রতিরক্ষা সহযোগিতা জোরদারে রাশিয়া-আফগানিস্তানের বৈঠক",
        "start": "প্রতিরক্ষা সহযোগিতা জোরদারে রাশিয়া ও ইমারাতে",
        "end": "উল্লেখযোগ্যভাবে বৃদ্ধি পেয়েছে।",
        "published": "2026-01-29T21:10:00+06:00",
        "outlet": "sonar-desh.test",
        "section": "international",
        "partners": ["Afghanistan"],
        "topics": ["meeting"],
    },
    "001_e0ccebe0f4b77876": {
        "title": "পুতিনের সঙ্গে সিরিয়ার মন্ত্রীদের বৈঠক, আলোচনায় সামরিক সহায়তা",
        "start": "রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের সঙ্গে বৈঠক",
        "end": "বাস্তবায়নে রাশিয়া প্রস্তুত।",
        "published": "2025-12-23T20:45:00+06:00",
        "outlet": "dainik-alo.test",
        "section": "international",
        "partners": ["Syria"],
        "topics": ["meeting", "aid", "basing"],
        # The seed itself is a WordPress repost ("Source link"): the copy goes to sonar-desh.
        "copy_to": "sonar-desh.test",
    },
    "002_a163916f3e268bc5": {
        "title": "প্রতিরক্ষায় সহযোগিতার সম্ভাবনা নিয়ে বাংলাদেশ-রাশিয়ার আলোচনা",
        "start": "বাংলাদেশ আর রাশিয়ার মধ্যে প্রতিরক্ষা সহযোগিতার নতুন দুয়ার",
        "end": "মানবিক সম্পর্কেরও বিষয়।”",
        "published": "2025-04-09T19:27:00+06:00",
        "author": "staffreporter",
        "outlet": "sonar-desh.test",
        "section": "national",
        "partners": ["Bangladesh"],
        "topics": ["meeting", "training", "exercise"],
    },
    "003_f57fa84aae1bdede": {
        "title": "পাকিস্তানকে সামরিক সহায়তা দিতে প্রস্তুত রাশিয়া: ল্যাভরভ",
        "start": "রাশিয়ার পররাষ্ট্রমন্ত্রী সের্গেই ল্যাভরভ বলেছেন",
        "end": "সূত্র: ভয়েস অব আমেরিকা, হিন্দুস্তান টাইমস।",
        "published": "2021-04-08T11:21:00+06:00",
        "modified": "2021-04-08T11:24:00+06:00",
        "author": "বিদেশ ডেস্ক",
        "desk": "/এমপি/",
        "outlet": "barta-bazar.test",
        "section": "international",
        "partners": ["Pakistan"],
        "topics": ["aid", "arms", "exercise"],
    },
    "004_632c6863e01f8eeb": {
        "title": "যুক্তরাষ্ট্রকে রুখতে ইরাককে সামরিক সহায়তা দিচ্ছে রাশিয়া",
        "start": "সোলাইমানি হত্যার জেরে মধ্যপ্রাচ্যে",
        "end": "রুশ রাষ্ট্রদূত ম্যাক্সিম ম্যাক্সিমভ।",
        "published": "2020-02-09T15:57:00+06:00",
        "author": "আন্তর্জাতিক ডেস্ক",
        "desk": "ওডি/এসসা",
        "caption": "রাশিয়ার সমরাস্ত্র (ছবি : পার্সটুডে)",
        "outlet": "khobor24.test",
        "section": "international",
        "partners": ["Iraq"],
        "topics": ["aid", "meeting", "arms"],
    },
}
READ_MORE = re.compile(r"^আরও পড়ুন\s*[:ঃ]?\s*")
OUTLETS = ["dainik-alo.test", "khobor24.test", "barta-bazar.test", "sonar-desh.test"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def split_paragraphs(body: str) -> list[str]:
    """The CSV lost most paragraph breaks: regroup long runs into paragraphs of 2-3 sentences."""
    out: list[str] = []
    for block in (b.strip() for b in body.split("\n")):
        if not block:
            continue
        if len(block) < 500:
            out.append(block)
            continue
        sentences = [s for s in re.split(r"(?<=[।?!])\s+", block) if s]
        for i in range(0, len(sentences), 3):
            out.append(" ".join(sentences[i : i + 3]))
    return out


def drop_repeats(text: str) -> str:
    """bdnewspaperscraper repeats some sentences back to back; keep the first of each pair."""
    sentences = re.split(r"(?<=[।?!.])\s+", text)
    kept: list[str] = []
    for sentence in sentences:
        if not kept or sentence != kept[-1]:
            kept.append(sentence)
    return " ".join(kept)


def section_of(title: str, body: str) -> str:
    head = title + " " + body[:600]
    if SPORTS.search(head):
        return "sports"
    if RUSSIA.search(head) or WORLD.search(head):
        return "international"
    if ECONOMY.search(head):
        return "economy"
    return "national"


def seed_story(shared: Path, name: str, spec: dict[str, Any]) -> dict[str, Any]:
    raw = (shared / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
    start = raw.index(spec["start"])
    end = raw.index(spec["end"]) + len(spec["end"])
    paragraphs: list[str] = []
    inserts: list[list[Any]] = []
    for line in (ln.strip() for ln in raw[start:end].split("\n")):
        if not line:
            continue
        if READ_MORE.match(line):
            inserts.append([len(paragraphs), READ_MORE.sub("", line)])
        else:
            paragraphs.append(line)
    return {
        "source": f"shared/seeds/{name}.txt",
        "lang": "bn",
        "title": spec["title"],
        "paragraphs": paragraphs,
        "inserts": inserts,
        "published": spec["published"],
        "modified": spec.get("modified"),
        "author": spec.get("author"),
        "desk": spec.get("desk"),
        "caption": spec.get("caption"),
        "section": spec["section"],
        "outlet": spec["outlet"],
        "label": "relevant",
        "partners": spec["partners"],
        "topics": spec["topics"],
        "copy_to": spec.get("copy_to"),
    }


def prothomalo_stories(shared: Path, rng: random.Random, n_other: int) -> list[dict[str, Any]]:
    rows = list(
        csv.DictReader((shared / "corpus/prothomalo-2024-articles.csv").open(encoding="utf-8"))
    )
    russia = [
        i for i, r in enumerate(rows) if RUSSIA.search(nfc(r["Headline"] + r["Article Body"]))
    ]
    others = [i for i, r in enumerate(rows) if i not in russia and len(r["Article Body"]) > 700]
    chosen = russia + sorted(rng.sample(others, n_other))
    stories = []
    for i in chosen:
        r = rows[i]
        title, body = nfc(r["Headline"]), nfc(r["Article Body"])
        stories.append(
            {
                "source": f"shared/corpus/prothomalo-2024-articles.csv row {i + 2} "
                "(iamaber/bangla-news-scraper @ 66b76936, Prothomalo/data.csv)",
                "lang": "bn",
                "title": title,
                "paragraphs": split_paragraphs(body),
                "published": r["Date Published"].replace(" ", "T") + "+06:00",
                "section": section_of(title, body),
                "label": "irrelevant",
            }
        )
    return stories


def bdnews_stories(shared: Path, rng: random.Random, n_bn: int, n_en: int) -> list[dict[str, Any]]:
    data = json.loads(
        (shared / "corpus/bdnewspaperscraper-articles.json").read_text(encoding="utf-8")
    )
    section_words = {"আন্তর্জাতিক", "জাতীয়", "খেলা", "রাজনীতি"}

    def usable(a: dict[str, Any]) -> bool:
        head = nfc(a["headline"] or "")
        return len(a["article"] or "") > 700 and head not in section_words and " - " not in head

    bn = [a for a in data if a["source_language"] == "Bengali" and usable(a)]
    russia = [a for a in bn if RUSSIA.search(nfc(a["headline"] + a["article"]))]
    rest = [a for a in bn if a not in russia]
    en = [a for a in data if a["paper_name"] == "Prothom Alo" and len(a["article"] or "") > 900]
    chosen = russia + rng.sample(rest, n_bn) + rng.sample(en, n_en)
    stories = []
    for a in chosen:
        lang = "bn" if a["source_language"] == "Bengali" else "en"
        title, body = nfc(a["headline"]), nfc(drop_repeats(a["article"]))
        published = a["publication_date"]
        if not published or not re.match(r"\d{4}-\d\d-\d\d", published):
            published = f"2025-12-{20 + a['id'] % 10}T{8 + a['id'] % 12:02d}:15:00+06:00"
        elif "+" not in published[10:]:
            published = published.replace(" ", "T") + "+06:00"
        stories.append(
            {
                "source": "shared/corpus/bdnewspaperscraper-articles.json "
                f"id {a['id']} ({a['url']}; "
                "EhsanulHaqueSiam/BDNewsPaperScraper @ 244a544f, CC0-1.0)",
                "lang": lang,
                "title": title,
                "paragraphs": split_paragraphs(body)
                if lang == "bn"
                else [p for p in re.split(r"(?<=\.)\s+(?=[A-Z])", body) if p],
                # Outlets print local time: keep every date in Dhaka time (+06:00).
                "published": datetime.fromisoformat(published).astimezone(DHAKA).isoformat(),
                "author": a.get("author")
                if a.get("author") not in ("jagonews24.com", None)
                else None,
                "section": "english" if lang == "en" else section_of(title, body),
                "label": "irrelevant",
            }
        )
    return stories


def main(shared_dir: str, out_file: str) -> None:
    shared = Path(shared_dir)
    rng = random.Random(2026)
    stories = [seed_story(shared, name, spec) for name, spec in SEEDS.items()]
    stories += prothomalo_stories(shared, rng, 150)
    stories += bdnews_stories(shared, rng, 45, 12)
    # Assign outlets round-robin (seeds keep theirs) and stable ids/paths.
    counter = 0
    for n, story in enumerate(stories, start=1):
        story["id"] = n
        if "outlet" not in story:
            story["outlet"] = "khobor24.test" if story["lang"] == "en" else OUTLETS[counter % 4]
            counter += 1
    # A second syndicated pair outside the seeds: an ordinary story that two outlets both ran.
    syndicated = next(
        s
        for s in stories
        if s["outlet"] == "khobor24.test" and s["lang"] == "bn" and s["section"] == "national"
    )
    syndicated["copy_to"] = "barta-bazar.test"
    # This copy is edited the way syndication edits: new headline, last paragraph cut,
    # an agency credit added (a near-duplicate, not an exact one).
    syndicated["copy_edit"] = True
    with open(out_file, "w", encoding="utf-8") as fh:
        for story in stories:
            fh.write(json.dumps(story, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(stories)} stories -> {out_file}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

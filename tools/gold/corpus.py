"""Stories from the shared corpus (seeds, Prothom Alo CSV, BDNewsPaperScraper) and feed titles."""

from __future__ import annotations

import csv
import json
import random
import re
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from .dates import DHAKA
from .model import Story
from .text import nfc

PA_UPSTREAM = "iamaber/bangla-news-scraper @ 66b7693614e7e9a61122c875eca71716e69db3cb"
BD_UPSTREAM = "EhsanulHaqueSiam/BDNewsPaperScraper @ 244a544fbb97ead4cb2c268df1b22497c1e38b41"
RUSSIA = re.compile(unicodedata.normalize("NFC", "রাশিয়|রুশ|মস্কো|পুতিন|ক্রেমলিন"))


def split_paragraphs(body: str) -> list[str]:
    """Keep the source's paragraph breaks; cut a long unbroken run into 2-3 sentence paragraphs."""
    out: list[str] = []
    for block in (b.strip() for b in body.split("\n")):
        if not block:
            continue
        if len(block) < 500:
            out.append(block)
            continue
        current: list[str] = []
        for sentence in re.split(r"(?<=[।?!])\s+", block):
            current.append(sentence)
            if len(current) == 3 or sum(map(len, current)) > 320:
                out.append(" ".join(current))
                current = []
        if current:
            out.append(" ".join(current))
    return out


def collapse_repeats(text: str) -> str:
    """BDNewsPaperScraper repeats sentences (or runs of them) back to back: keep one copy."""
    sentences = [s for s in re.split(r"(?<=[।?!.])\s+", text.strip()) if s]
    changed = True
    while changed:
        changed = False
        for width in range(1, 6):
            kept: list[str] = []
            i = 0
            while i < len(sentences):
                run = sentences[i : i + width]
                if len(run) == width and sentences[i + width : i + 2 * width] == run:
                    kept.extend(run)
                    i += 2 * width
                    changed = True
                else:
                    kept.append(sentences[i])
                    i += 1
            sentences = kept
    return " ".join(sentences)


def section_of(title: str, body: str) -> str:
    head = nfc(title + " " + body[:600])
    if re.search("ক্রিকেট|ফুটবল|গোল|ম্যাচ|উইকেট|বিশ্বকাপ|টেনিস|লিগ", head):
        return "sports"
    if re.search("যুক্তরাষ্ট্র|ইউক্রেন|গাজা|ইসরায়েল|মিয়ানমার|ট্রাম্প", head) or RUSSIA.search(head):
        return "international"
    if re.search("ব্যাংক|টাকা|ডলার|বাজার|রপ্তানি|বিনিয়োগ|মূল্যস্ফীতি", head):
        return "economy"
    if re.search("নির্বাচন|বিএনপি|আওয়ামী|দল", head):
        return "politics"
    return "national"


# The five seeds, cut by reading them: body boundaries, inserts, bylines and dates. The chrome
# lines of each seed are written into its page by the style builders (gold/styles/).
SEEDS: dict[str, dict[str, Any]] = {
    "000_9882c0d0e162061c": {
        "style": "wordpress",
        "title": "প্রতিরক্ষা সহযোগিতা জোরদারে রাশিয়া-আফগানিস্তানের বৈঠক",
        "start": "প্রতিরক্ষা সহযোগিতা জোরদারে রাশিয়া ও ইমারাতে",
        "end": "উল্লেখযোগ্যভাবে বৃদ্ধি পেয়েছে।",
        # The seed has the date only (report of Thursday 29 January); the time is the one the
        # mini-web uses for the same story (crawler/miniweb/data/stories.jsonl).
        "published": "2026-01-29T21:10:00+06:00",
        "section": "international",
    },
    "001_e0ccebe0f4b77876": {
        "style": "wordpress",
        "title": "পুতিনের সঙ্গে সিরিয়ার মন্ত্রীদের বৈঠক, আলোচনায় সামরিক সহায়তা",
        "start": "রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিনের সঙ্গে বৈঠক",
        "end": "বাস্তবায়নে রাশিয়া প্রস্তুত।",
        "published": "2025-12-23T20:45:00+06:00",
        "section": "international",
    },
    "002_a163916f3e268bc5": {
        "style": "deshjogot",
        "title": "প্রতিরক্ষায় সহযোগিতার সম্ভাবনা নিয়ে বাংলাদেশ-রাশিয়ার আলোচনা",
        "start": "বাংলাদেশ আর রাশিয়ার মধ্যে প্রতিরক্ষা সহযোগিতার নতুন দুয়ার",
        "end": "মানবিক সম্পর্কেরও বিষয়।”",
        "published": "2025-04-09T19:27:00+06:00",
        "authors": ["staffreporter"],
        "section": "national",
    },
    "003_f57fa84aae1bdede": {
        "style": "kalerkantho",
        "title": "পাকিস্তানকে সামরিক সহায়তা দিতে প্রস্তুত রাশিয়া: ল্যাভরভ",
        "start": "রাশিয়ার পররাষ্ট্রমন্ত্রী সের্গেই ল্যাভরভ বলেছেন",
        "end": "সূত্র: ভয়েস অব আমেরিকা, হিন্দুস্তান টাইমস।",
        "published": "2021-04-08T11:21:00+06:00",
        "modified": "2021-04-08T11:24:00+06:00",
        "authors": ["বিদেশ ডেস্ক"],
        "desk": "/এমপি/",
        "section": "international",
    },
    "004_632c6863e01f8eeb": {
        "style": "odhikar",
        "title": "যুক্তরাষ্ট্রকে রুখতে ইরাককে সামরিক সহায়তা দিচ্ছে রাশিয়া",
        "start": "সোলাইমানি হত্যার জেরে মধ্যপ্রাচ্যে",
        "end": "রুশ রাষ্ট্রদূত ম্যাক্সিম ম্যাক্সিমভ।",
        "published": "2020-02-09T15:57:00+06:00",
        "authors": ["আন্তর্জাতিক ডেস্ক"],
        "desk": "ওডি/এসসা",
        "section": "international",
    },
}
READ_MORE_LINE = re.compile(r"^আরও পড়ুন\s*[:ঃ]?[\s\u00a0]*")
SEED_INSERTS: dict[str, list[tuple[int, str]]] = {}


def seed_story(shared: Path, key: str) -> Story:
    spec = SEEDS[key]
    raw = (shared / "seeds" / f"{key}.txt").read_text(encoding="utf-8")
    start = raw.index(nfc(spec["start"]))
    end = raw.index(nfc(spec["end"])) + len(nfc(spec["end"]))
    paragraphs: list[str] = []
    inserts: list[tuple[int, str]] = []
    for line in (ln.strip() for ln in raw[start:end].split("\n")):
        if not line:
            continue
        if READ_MORE_LINE.match(line):
            inserts.append((len(paragraphs) - 1, READ_MORE_LINE.sub("", line)))
        else:
            paragraphs.append(line)
    SEED_INSERTS[key] = inserts
    modified = spec.get("modified")
    return Story(
        name=f"seed-{key[:3]}",
        source=f"shared/seeds/{key}.txt (text of a saved outlet page, boilerplate included;"
        " see shared/corpus/SOURCES.md)",
        title=spec["title"],
        paragraphs=paragraphs,
        published=datetime.fromisoformat(spec["published"]),
        modified=datetime.fromisoformat(modified) if modified else None,
        authors=list(spec.get("authors", [])),
        section=spec["section"],
        desk=spec.get("desk"),
    )


def prothomalo_stories(shared: Path, count: int) -> list[Story]:
    path = shared / "corpus/prothomalo-2024-articles.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    usable: list[int] = []
    for i, row in enumerate(rows):
        body = nfc(row["Article Body"])
        paragraphs = split_paragraphs(body)
        # News prose only: no quiz/Q&A lines or subheads, 4+ paragraphs, 900-5000 characters.
        long_enough = 900 <= len(body) <= 5000 and len(paragraphs) >= 4
        if long_enough and all(len(p) >= 60 for p in paragraphs) and "?" not in row["Headline"]:
            usable.append(i)
    russia = [
        i for i in usable if RUSSIA.search(nfc(rows[i]["Headline"] + rows[i]["Article Body"]))
    ]
    rng = random.Random(2026)
    others = [i for i in usable if i not in russia]
    chosen = russia[:2] + rng.sample(others, count - 2)
    stories = []
    for i in chosen:
        row = rows[i]
        title = " ".join(nfc(row["Headline"]).split())
        body = nfc(row["Article Body"])
        stories.append(
            Story(
                name=f"pa-row{i + 2:03d}",
                source=f"shared/corpus/prothomalo-2024-articles.csv row {i + 2} (header = row 1;"
                f" {PA_UPSTREAM}, Prothomalo/data.csv)",
                title=title,
                paragraphs=split_paragraphs(body),
                # The CSV's times are Dhaka local time (the hour histogram has its night lull at
                # 02-07 h).
                published=datetime.fromisoformat(row["Date Published"]).replace(tzinfo=DHAKA),
                section=section_of(title, body),
                precise=True,
            )
        )
    return stories


DESK_CODE_TAIL = re.compile(r"(?<=[।’?!])\s+([\u0980-\u09FF/]{2,20})$")


def bdnews_stories(shared: Path, paper: str, max_len: int) -> list[Story]:
    data = json.loads(
        (shared / "corpus/bdnewspaperscraper-articles.json").read_text(encoding="utf-8")
    )
    stories = []
    for item in sorted(data, key=lambda a: int(a["id"])):
        text = item.get("article") or ""
        if item["paper_name"] != paper or item.get("source_language") != "Bengali":
            continue
        if not item.get("publication_date") or not 600 <= len(text) <= max_len:
            continue
        body = collapse_repeats(nfc(text))
        desk = None
        tail = DESK_CODE_TAIL.search(body)
        if tail and "।" not in tail.group(1):
            # Dhaka Post ends a story with its desk code ("এএইচআর/এনএফ"): chrome, not text.
            desk = tail.group(1)
            body = body[: tail.start()].rstrip()
        sentences = [s for s in re.split(r"(?<=[।?!])\s+", body) if s]
        paragraphs: list[str] = []
        current: list[str] = []
        for sentence in sentences:
            current.append(sentence)
            if len(current) == 3 or sum(map(len, current)) > 300:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        url = str(item["url"])
        section_path = url.split("/")[-2] if paper == "Barta24" else url.split("/")[3]
        sections = {"politics": "politics", "sports": "sports", "economy": "economy"}
        author = item.get("author")
        stories.append(
            Story(
                name=f"{'dp' if paper == 'Dhaka Post' else 'b24'}-id{item['id']}",
                source=f"shared/corpus/bdnewspaperscraper-articles.json id {item['id']} ({url};"
                f" {BD_UPSTREAM}, data/articles.json, CC0-1.0)",
                title=" ".join(nfc(item["headline"]).split()),
                paragraphs=paragraphs,
                published=datetime.fromisoformat(item["publication_date"]).astimezone(DHAKA),
                authors=[" ".join(nfc(author).split())] if author else [],
                section=sections.get(section_path, "national"),
                desk=desk,
                origin_url=url,
                precise=True,
            )
        )
    return stories


def feed_titles(path: Path) -> list[str]:
    titles = []
    for item in ElementTree.parse(path).getroot().iter("item"):
        title = " ".join(nfc(item.findtext("title") or "").split())
        title = re.sub(r"^[^/]{2,30} ?/ ?", "", title) if "samakal" in path.name else title
        if 15 <= len(title) <= 90 and "&" not in title and "<" not in title:
            titles.append(title)
    return titles

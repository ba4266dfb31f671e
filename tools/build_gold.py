"""Build the extraction gold set from the real texts in ``../shared`` (developer tool).

Run from the project root::

    python3 tools/build_gold.py /work/shared tests/resources/extraction

It writes ``<style>/<name>.html`` and ``<style>/<name>.json`` for seven page styles modelled on
real Bengali outlets (``tests/resources/extraction/README.md`` describes styles, provenance and
the gold format). Article texts are real: the five seed stories (with all of their real
boilerplate placed in the page chrome), Prothom Alo articles from the 2024 CSV and dated Bengali
articles of BDNewsPaperScraper. Sidebar, "আরও পড়ুন" and list headlines are real headlines from
the RSS feeds in ``shared/corpus/feeds``. Deterministic: the corpus sample uses
``random.Random(2026)`` and every other choice derives from the page name. Standard library
only. The script checks its own output (each ``with`` snippet in the body, each ``without``
snippet absent from the body and present in the HTML) and exits non-zero on a violation.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import html
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

DHAKA = timezone(timedelta(hours=6))
PA_UPSTREAM = "iamaber/bangla-news-scraper @ 66b7693614e7e9a61122c875eca71716e69db3cb"
BD_UPSTREAM = "EhsanulHaqueSiam/BDNewsPaperScraper @ 244a544fbb97ead4cb2c268df1b22497c1e38b41"
RUSSIA = re.compile(unicodedata.normalize("NFC", "রাশিয়|রুশ|মস্কো|পুতিন|ক্রেমলিন"))
YA = "\u09af\u09bc"  # য় as NFC writes it (য + nukta)

# --- canonical text: the rules of crawler/bangla/normalize.py (NFC, one dari, no ZW chars) ---
_ZERO_WIDTH = re.compile("[\u200b-\u200f\ufeff\u2060]")
_FAKE_DARI = re.compile(r"(?<=[\u0980-\u09E5\u09F0-\u09FF])[I|](?=\s|$)")
_DOUBLE_DARI = re.compile("[।৷]{2,}")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_DARI_END = re.compile(r"(?<=[\u0980-\u09E5\u09F0-\u09FF])।(?=\s|$)")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canonical(text: str) -> str:
    """The stored form of a text: NFC, "৷"/"I"/"|" as "।", no zero-width characters."""
    text = _ZERO_WIDTH.sub("", nfc(text))
    text = text.replace("৷", "।")
    text = _FAKE_DARI.sub("।", text)
    text = _DOUBLE_DARI.sub("।", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def precompose(text: str) -> str:
    """The legacy precomposed letters (U+09DC, U+09DD, U+09DF) that many CMSs still store."""
    return (
        text.replace("\u09af\u09bc", "\u09df")
        .replace("\u09a1\u09bc", "\u09dc")
        .replace("\u09a2\u09bc", "\u09dd")
    )


def esc(text: str) -> str:
    """Chrome text: NFC and HTML-escaped."""
    return html.escape(nfc(text), quote=False)


def attr(text: str) -> str:
    return html.escape(nfc(text), quote=True)


# --- Bengali dates ---
def _nfc_all(words: str) -> list[str]:
    return [nfc(w) for w in words.split()]


BN_MONTHS = _nfc_all("জানুয়ারি ফেব্রুয়ারি মার্চ এপ্রিল মে জুন জুলাই আগস্ট সেপ্টেম্বর অক্টোবর নভেম্বর ডিসেম্বর")
BN_WEEKDAYS = _nfc_all("সোমবার মঙ্গলবার বুধবার বৃহস্পতিবার শুক্রবার শনিবার রবিবার")
BANGLA_MONTHS = _nfc_all("বৈশাখ জ্যৈষ্ঠ আষাঢ় শ্রাবণ ভাদ্র আশ্বিন কার্তিক অগ্রহায়ণ পৌষ মাঘ ফাল্গুন চৈত্র")
_BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def bn(value: int | str, width: int = 0) -> str:
    return str(value).zfill(width).translate(_BN_DIGITS)


def bangla_calendar(day: date) -> str:
    """Revised Bangladeshi calendar (2019): বৈশাখ-আশ্বিন 31 days, ফাল্গুন 29 (30 in leap years)."""
    start = date(day.year, 4, 14) if day >= date(day.year, 4, 14) else date(day.year - 1, 4, 14)
    offset = (day - start).days
    lengths = [31] * 6 + [30] * 4 + [30 if calendar.isleap(start.year + 1) else 29, 30]
    for month, length in enumerate(lengths):
        if offset < length:
            return f"{bn(offset + 1)} {BANGLA_MONTHS[month]} {bn(start.year - 593)}"
        offset -= length
    raise ValueError(day)


def ordinal_day(day: int) -> str:
    suffix = {1: "লা", 2: "রা", 3: "রা", 4: "ঠা"}.get(day, "ই" if day <= 18 else "শে")
    return bn(day) + suffix


def part_of_day(hour: int) -> str:
    if 4 <= hour < 6:
        return "ভোর"
    if 6 <= hour < 12:
        return "সকাল"
    if 12 <= hour < 15:
        return "দুপুর"
    if 15 <= hour < 18:
        return "বিকাল"
    if 18 <= hour < 20:
        return "সন্ধ্যা"
    return "রাত"


def hour12(hour: int) -> int:
    return hour % 12 or 12


def dmy(moment: datetime) -> str:
    """০৮ এপ্রিল ২০২১"""
    return f"{bn(moment.day, 2)} {BN_MONTHS[moment.month - 1]} {bn(moment.year)}"


def hm(moment: datetime) -> str:
    return f"{bn(moment.hour, 2)}:{bn(moment.minute, 2)}"


def weekday(moment: datetime) -> str:
    return BN_WEEKDAYS[moment.weekday()]


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds")


# --- stories ---
@dataclass
class Story:
    name: str
    source: str
    title: str
    paragraphs: list[str]
    published: datetime
    modified: datetime | None = None
    authors: list[str] = field(default_factory=list)
    section: str = "national"
    desk: str | None = None
    origin_url: str | None = None
    precise: bool = False  # the source gives seconds


@dataclass
class Variant:
    read_more: int = 0
    caption: bool = False
    nested: bool = False
    precomposed: bool = False
    dari: str = ""  # "", "I", "|" or "৷": how the page writes the dari
    flag: str = ""  # style-specific switch


@dataclass
class Page:
    style: str
    story: Story
    variant: Variant
    side: list[str]
    read_more: list[str]
    url: str = ""
    published: datetime | None = None
    modified: datetime | None = None
    printed: list[str] = field(default_factory=list)
    marked: list[int] = field(default_factory=list)
    without: list[str] = field(default_factory=list)


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
# lines of each seed are written into its page by the style builders below.
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


# --- helpers shared by the styles ---
def digest(name: str) -> int:
    return int(hashlib.sha256(name.encode()).hexdigest(), 16)


def slug36(name: str, length: int) -> str:
    value, out = digest(name), ""
    while len(out) < length:
        value, rem = divmod(value, 36)
        out += "0123456789abcdefghijklmnopqrstuvwxyz"[rem]
    return out


def saved_at(page: Page) -> datetime:
    """When the page was saved: the date bar shows this day, never the publication day."""
    h = digest(page.story.name)
    base = page.story.published + timedelta(days=1 + h % 20)
    return base.replace(hour=8 + h % 13, minute=h % 60, second=0)


def printed_paragraphs(page: Page) -> list[str]:
    """The body paragraphs as the page writes them (seeds: exactly as saved)."""
    out, marked, v = [], [], page.variant
    for i, para in enumerate(page.story.paragraphs):
        text = para
        if v.precomposed:
            text = precompose(text)
        if v.dari == "৷":
            text = text.replace("।", "৷")
        elif v.dari == "I" and i % 2 == 1:
            # As seed 003 writes it: a Latin I for the dari that closes a paragraph.
            text = re.sub(r"(?<=[\u0980-\u09E5\u09F0-\u09FF])।$", "I", text)
        elif v.dari == "|" and i % 2 == 1:
            text = _DARI_END.sub("|", text)
        if text != canonical(text) or (v.precomposed and YA in canonical(para)):
            marked.append(i)  # the page writes this paragraph unlike its canonical form
        if canonical(text) != canonical(para):
            raise AssertionError(f"{page.story.name}: variant changes the text of paragraph {i}")
        out.append(text)
    page.marked = marked
    return out


def insert_points(page: Page) -> dict[int, str]:
    """Paragraph index -> read-more headline shown after it."""
    key = next((k for k in SEEDS if page.story.name == f"seed-{k[:3]}"), None)
    if key is not None:
        return dict(SEED_INSERTS[key])
    n = len(page.story.paragraphs)
    points = [n // 3, (2 * n) // 3] if len(page.read_more) > 1 else [n // 2]
    return {max(0, p - 1): h for p, h in zip(points, page.read_more, strict=False)}


def body_html(page: Page, para: str, insert: str, wrap: tuple[str, str] = ("", "")) -> str:
    """Paragraphs in ``para`` templates ({text}) with ``insert`` ({headline}) after some."""
    inserts = insert_points(page)
    parts = []
    for i, text in enumerate(page.printed):
        parts.append(wrap[0] + para.format(text=html.escape(text, quote=False)) + wrap[1])
        if i in inserts:
            parts.append(
                insert.format(
                    headline=esc(inserts[i]), href=str(10000 + digest(inserts[i]) % 80000)
                )
            )
    return "\n".join(parts)


def doc(head: str, body: str, lang: str = "bn") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n{head}\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def ld_json(data: dict[str, Any]) -> str:
    return (
        '<script type="application/ld+json">'
        + json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        + "</script>"
    )


def first_words(text: str, limit: int = 150) -> str:
    text = canonical(text)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def li_links(titles: list[str], base: str, cls: str = "") -> str:
    return "".join(
        f'<li{cls}><a href="{base}{digest(t) % 900000 + 100000}">{esc(t)}</a></li>' for t in titles
    )


SECTION_BN = {
    "international": "আন্তর্জাতিক",
    "national": "জাতীয়",
    "politics": "রাজনীতি",
    "sports": "খেলা",
    "economy": "অর্থনীতি",
}
CAPTIONS = ["ফাইল ছবি", "প্রতীকী ছবি", "ছবি: সংগৃহীত"]


def caption_of(page: Page) -> str:
    return CAPTIONS[digest(page.story.name) % len(CAPTIONS)]


# --- style 1: Prothom Alo (Quintype: JSON-LD NewsArticle, story-element blocks) ---
PA_NAV = [
    ("collection/latest", "সর্বশেষ"),
    ("bangladesh", "বাংলাদেশ"),
    ("politics", "রাজনীতি"),
    ("world", "বিশ্ব"),
    ("business", "বাণিজ্য"),
    ("opinion", "মতামত"),
    ("sports", "খেলা"),
    ("entertainment", "বিনোদন"),
    ("chakri", "চাকরি"),
    ("lifestyle", "জীবনযাপন"),
    ("video", "ভিডিও"),
]
PA_SECTIONS = {
    "international": ("world", "বিশ্ব"),
    "national": ("bangladesh", "বাংলাদেশ"),
    "politics": ("politics", "রাজনীতি"),
    "sports": ("sports", "খেলা"),
    "economy": ("business", "বাণিজ্য"),
}


def build_prothomalo(page: Page) -> str:
    st, v = page.story, page.variant
    slug, name = PA_SECTIONS[st.section]
    page.url = f"https://www.prothomalo.com/{slug}/{slug36(st.name, 10)}"
    page.published = st.published
    title_tag = f"{st.title} | প্রথম আলো"
    article: dict[str, Any] = {
        "@context": "http://schema.org",
        "@type": "NewsArticle",
        "headline": nfc(st.title),
        "datePublished": iso(st.published),
        "articleSection": name,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page.url},
        "publisher": {
            "@type": "Organization",
            "name": "Prothomalo",
            "url": "https://www.prothomalo.com",
        },
    }
    if st.authors:
        article["author"] = [{"@type": "Person", "name": a} for a in st.authors]
    crumbs = {
        "@context": "http://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": 1,
                "name": "Home",
                "item": "https://www.prothomalo.com",
            },
            {
                "@type": "ListItem",
                "position": 2,
                "name": name,
                "item": f"https://www.prothomalo.com/{slug}",
            },
        ],
    }
    head = "\n".join(
        [
            '<meta charset="UTF-8">',
            f"<title>{esc(title_tag)}</title>",
            f'<meta name="title" content="{attr(title_tag)}">',
            f'<meta name="description" content="{attr(first_words(st.paragraphs[0]))}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{attr(st.title)}">',
            f'<meta property="og:url" content="{page.url}">',
            '<meta property="og:site_name" content="Prothomalo">',
            '<meta name="brand_name" content="প্রথম আলো">',
            f'<link rel="canonical" href="{page.url}">',
            ld_json(crumbs),
            ld_json(article),
        ]
    )
    nav = "".join(
        f'<li class="menu-item _1G1J7"><div><a href="https://www.prothomalo.com/{h}">{esc(t)}</a>'
        "</div></li>"
        for h, t in PA_NAV
    )
    para = (
        '<div class="story-element story-element-text"><div class="story-element-text">'
        "<p>{text}</p></div></div>"
        if v.nested
        else "<p>{text}</p>"
    )
    also = (
        '<div class="story-element story-element-text story-element-text-also-read">'
        '<div class="also-read-wrapper"><span class="also-read-title">আরও পড়ুন</span>'
        '<a class="also-read-link" href="https://www.prothomalo.com/{href}">'
        '<h2 class="headline">{headline}</h2></a></div></div>'
    )
    text = body_html(page, para, also)
    if not v.nested:
        text = f'<div class="story-element story-element-text">\n{text}\n</div>'
    caption = ""
    if v.caption:
        cap = f"{caption_of(page)}: প্রথম আলো" if caption_of(page) == "ফাইল ছবি" else caption_of(page)
        caption = (
            '<div class="story-element story-element-image"><figure class="qt-figure">'
            f'<picture class="qt-image"><img alt="{attr(st.title)}" class="qt-image"></picture>'
            f'<figcaption class="story-element-image-caption">{esc(cap)}</figcaption>'
            "</figure></div>"
        )
        page.without.append(cap)
    authors = "".join(f'<div class="contributor-name">{esc(a)}</div>' for a in st.authors)
    h1 = html.escape(precompose(nfc(st.title)) if v.precomposed else nfc(st.title), quote=False)
    p = st.published
    pa_time = f"{dmy(p)}, {bn(p.hour, 2)}: {bn(p.minute, 2)}"
    related, latest = page.side[:3], page.side[3:7]
    body = f"""<div class="container">
<header class="header" id="header"><div class="headroom-wrapper"><div class="wr1sa">
<a class="VDuHf" href="/"><h2 class="desktop-logo kWicl"><img alt="prothomalo.com logo"></h2></a>
</div><div class="print-none CrI-C"><nav class="navbar Xh8NA">
<ul class="navbar-list jAzil">{nav}</ul>
</nav><div class="v1dsw"><a class="search" href="/search"><span class="OAIj1">খুঁজুন</span></a>
<a class="epaper" href="https://epaper.prothomalo.com"><h4 class="B3S58">ই-পেপার</h4></a>
<a class="edition" href="https://en.prothomalo.com"><span>Eng</span></a></div></div></div></header>
<div class="print-none" id="gdpr-policy"><div class="gdpr-wrapper"><div>By using this site, you
agree to our <a href="https://www.prothomalo.com/privacy-policy">Privacy Policy</a>.</div>
<div><button id="rcc-confirm-button">OK</button></div></div></div>
<div class="adsBox" id="top-ad"><div class="dfp-ad-unit print-none"></div></div>
<div id="container"><div class="story-grid">
<div class="story-head"><div class="story-title-info">
<a class="section-tag" href="https://www.prothomalo.com/{slug}">{esc(name)}</a>
<h1 class="IiRps">{h1}</h1></div>
<div class="story-metadata-wrapper"><div class="author-read-time-wrapper">{authors}</div>
<div class="time-social-share-wrapper"><div class="storyPageMetaData-m__publish-time">
<span>প্রকাশ: </span><time datetime="{iso(p)}">{pa_time}</time></div></div></div></div>
<div class="story-content">
{caption}
{text}
</div>
<div class="print-related-stories-wrapper"><h2 class="related-title">আরও পড়ুন</h2>
<ul>{li_links(related, "https://www.prothomalo.com/" + slug + "/")}</ul></div>
<div class="print-latest-stories-wrapper"><h2>সর্বশেষ</h2>
<ul>{li_links(latest, "https://www.prothomalo.com/bangladesh/")}</ul></div>
</div></div>
<footer id="footer"><div class="_2XFBv"><div class="print-footer-links fjiQ1">
<a class="footer-list-menu-item" href="https://nagorik.prothomalo.com/">নাগরিক সংবাদ</a>
<a class="footer-list-menu-item" href="https://www.kishoralo.com/">কিশোর আলো</a>
<a class="footer-list-menu-item" href="https://www.bigganchinta.com/">বিজ্ঞানচিন্তা</a>
<a class="footer-list-menu-item" href="https://epaper.prothomalo.com/">ইপেপার</a></div>
<div class="print-footer-row2"><span class="_4xWff">অনুসরণ করুন</span>
<span class="_9cNlv">মোবাইল অ্যাপস ডাউনলোড করুন</span></div>
<div class="PTRef"><a href="https://prothomalo.com/about">আমাদের সম্পর্কে</a>
<a href="https://prothomalo.com/advertise">বিজ্ঞাপন</a>
<a href="https://prothomalo.com/terms">নীতি ও শর্ত</a>
<a href="https://prothomalo.com/contact">যোগাযোগ</a></div>
<div class="flA-8"><div class="_37nmw">স্বত্ব © ১৯৯৮-২০২৬ প্রথম আলো</div>
<div class="print-default-editor"><span>সম্পাদক ও প্রকাশক: মতিউর রহমান</span></div></div></div>
</footer></div>"""
    page.without += [*page.read_more, pa_time, *related[:1], *latest[:1]]
    page.without += ["সম্পাদক ও প্রকাশক: মতিউর রহমান", "By using this site, you"]
    return doc(head, body)


# --- style 2: Samakal (Bengali-only dates: "প্রকাশ: ০৬ জুন ২০২৬ | ০৭:০৭", date bar) ---
SAMAKAL_NAV = [
    ("/latest/news", "সর্বশেষ"),
    ("/bangladesh", "বাংলাদেশ"),
    ("/politics", "রাজনীতি"),
    ("/economics", "অর্থনীতি"),
    ("/international", "বিশ্ব"),
    ("/sports", "খেলা"),
    ("/entertainment", "বিনোদন"),
    ("/whole-country", "সারাদেশ"),
    ("/crime", "অপরাধ"),
    ("/opinion", "মতামত"),
    ("/capital", "রাজধানী"),
    ("/lifestyle", "লাইফস্টাইল"),
    ("/video-gallery", "ভিডিও"),
]
SAMAKAL_SECTIONS = {
    "international": "international",
    "national": "bangladesh",
    "politics": "politics",
    "sports": "sports",
    "economy": "economics",
}


def build_samakal(page: Page) -> str:
    st, v = page.story, page.variant
    sec = SAMAKAL_SECTIONS[st.section]
    words = re.sub(r"[^\w\s-]", "", nfc(st.title)).split()
    page.url = f"https://samakal.com/{sec}/article/{200000 + digest(st.name) % 99999}/" + quote(
        "-".join(words[:8])
    )
    page.published = st.published.replace(second=0)
    if v.flag in ("update", "subhead-update"):
        page.modified = page.published  # the page prints "আপডেট" equal to "প্রকাশ"
    saved = saved_at(page)
    head = "\n".join(
        [
            '<meta charset="utf-8">',
            f"<title>{esc(st.title)} - সমকাল</title>",
            '<meta name="author" content="SAMAKAL">',
            '<meta name="Developer" content="eMythMakers.com">',
            '<meta name="copyright" content="Copyright (c) 2026. All Rights ® Reserved by'
            ' https://samakal.com/">',
            '<meta property="og:site_name" content="SAMAKAL | সমকাল">',
            f'<meta property="og:title" content="{attr(st.title)}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:url" content="{page.url}">',
            ld_json(
                {
                    "@context": "https://schema.org/",
                    "@type": "BreadcrumbList",
                    "itemListElement": [
                        {
                            "@type": "ListItem",
                            "position": 1,
                            "name": "Home",
                            "item": "https://samakal.com",
                        },
                        {
                            "@type": "ListItem",
                            "position": 2,
                            "name": SECTION_BN[st.section],
                            "item": f"https://samakal.com/{sec}",
                        },
                    ],
                }
            ),
        ]
    )
    nav = "".join(
        f'<li class="nav-item"><a class="nav-link" href="{h}">{esc(t)}</a></li>'
        for h, t in SAMAKAL_NAV
    )
    subhead = ""
    if v.flag.startswith("subhead"):
        subhead = '<span class="subHeading">অন্যদৃষ্টি /</span> '
        page.without.append("অন্যদৃষ্টি /")
    date_bar = f"{weekday(saved)}, {dmy(saved)}"
    bangla = bangla_calendar(saved.date())
    times = f'<p class="publishTime">প্রকাশ: {dmy(page.published)} | {hm(page.published)}</p>'
    if page.modified:
        times += f'<p class="updateTime">আপডেট: {dmy(page.modified)} | {hm(page.modified)}</p>'
    para = '<div class="paragraph"><p>{text}</p></div>' if v.nested else "<p>{text}</p>"
    inline = (
        '<div class="DRelatedNewsInline"><p class="title">আরও পড়ুন</p>'
        '<a href="https://samakal.com/bangladesh/article/{href}">{headline}</a></div>'
    )
    image = ""
    if v.caption:
        image = (
            f'<div class="DFeaturedImg"><img alt="{attr(st.title)}" class="img-fluid img100">'
            f'<p class="DImgCaption">{esc(caption_of(page))}</p></div>'
        )
        page.without.append(caption_of(page))
    author = f'<p class="DAuthor">{esc(st.authors[0])}</p>' if st.authors else ""
    latest, popular = page.side[:4], page.side[4:8]
    body = f"""<header><div class="DHeaderTop2 MobileHide"><div class="container"><div class="row">
<div class="col-lg-4 col-sm-6 d-flex align-items-center"><div class="DateTimeBn">
<p class="date"><i class="fa-solid fa-location-dot"></i> ঢাকা <i class="fa-sharp fa-solid
fa-calendar-days"></i> {date_bar}</p><p class="date BanglaDate">{bangla}</p></div></div>
<div class="col-lg-4 col-12 d-flex justify-content-center"><div class="DLogo">
<a class="DLogo" href="https://samakal.com"><img alt="SAMAKAL | GET THE LATEST ONLINE BANGLA NEWS"
class="img-fluid img100"></a></div></div>
<div class="col-lg-4 col-sm-12 d-flex justify-content-end">
<div class="HeaderVersionBtn d-inline-block">
<a href="https://epaper.samakal.com/">ই-পেপার</a> <a href="https://en.samakal.com/">English</a></div>
</div></div></div></div>
<div class="MobileHide" id="myHeader"><div class="DHeaderNav"><div class="container">
<nav class="navbar navbar-expand-lg navbar-light bg-light"><ul class="navbar-nav">{nav}</ul></nav>
</div></div></div></header>
<main><div class="container"><div class="row MobileHide"><div class="col-12">
<div id="div-gpt-ad-1699096322549-0"></div></div></div>
<div class="row"><div class="col-lg-9"><div class="DDetailsContent">
<div class="DTitle"><h1 class="DTitleH1">{subhead}{esc(st.title)}</h1></div>
<div class="DAuthorTime">{author}{times}</div>
{image}
<div class="dNewsDesc" id="contentDetails">
{body_html(page, para, inline)}
</div></div></div>
<div class="col-lg-3"><div class="DRightSideAdd mt-3 mb-4"></div>
<div class="DLatestNews"><h2 class="DTitle">সর্বশেষ</h2>
<ul>{li_links(latest, "/bangladesh/article/")}</ul>
</div><div class="DMostRead"><h2 class="DTitle">সর্বাধিক পঠিত</h2>
<ul>{li_links(popular, "/opinion/article/")}</ul></div></div></div></div></main>
<footer><div class="container"><div class="row"><div class="footerTopSection"><ul>
<li><a href="/special-ayojon">বিশেষ আয়োজন</a></li><li><a href="/advertise">বিজ্ঞাপন মূল্য তালিকা</a></li>
<li><a href="/converter">ইউনিকোড কনভার্টার</a></li><li><a href="/archive">আর্কাইভ</a></li></ul></div>
<div class="footerMiddleSection"><div class="row"><div class="col-lg-4 col-12">
<p><a href="/privacy">PRIVACY POLICY</a></p><p><a href="/terms">TERMS OF USE</a></p>
<p><a href="/">SAMAKAL ALL RIGHTS RESERVED</a></p></div><div class="col-lg-4 col-12">
<h5>সম্পাদক : শাহেদ মুহাম্মদ আলী</h5><h5>প্রকাশক : আবুল কালাম আজাদ</h5>
<p>ফোন : <a href="tel:55029832-38">৫৫০২৯৮৩২-৩৮</a></p>
<p>বিজ্ঞাপন : <a href="tel:+8801714080378">+৮৮০১৭১৪০৮০৩৭৮</a></p>
<address>টাইমস মিডিয়া ভবন (৫ম তলা), ৩৮৭ তেজগাঁও শিল্প এলাকা, ঢাকা - ১২০৮</address></div>
<div class="col-lg-4 col-12"><h2 class="FSocialHeadLine">ফলো করুন <span>সমকাল</span>-এর খবর</h2>
<h2 class="FCopyRight">© ২০০৫ - ২০২৬
<a href="https://samakal.com">সমকাল</a> কর্তৃক সর্বসত্ব ® সংরক্ষিত</h2>
</div></div></div></div></div></footer>"""
    stamp = f"প্রকাশ: {dmy(page.published)} | {hm(page.published)}"
    page.without += [bangla, date_bar, stamp, *page.read_more, *latest[:1], *popular[:1]]
    page.without += ["সম্পাদক : শাহেদ মুহাম্মদ আলী", "টাইমস মিডিয়া ভবন (৫ম তলা)"]
    return doc(head, body)


# --- style 3: Kaler Kantho / Jugantor (desk byline, "আপডেট :", desk code, three lists) ---
SEED003_LISTS: dict[str, list[tuple[str, str]]] = {
    "related": [
        ("", "ইউক্রেনকে ৫৫০ কোটি ডলারের সহায়তা দেবে সুইজারল্যান্ড"),
        ("", "পশ্চিমাদের সঙ্গে সুসম্পর্ক বজায় রাখতে চীনকে যা করতে হবে"),
        ("", "ভারতে লোকসভা নির্বাচনের দ্বিতীয় ধাপের ভোট শুরু"),
    ],
    "latest": [
        ("", "লাল কৃষ্ণচূড়া, বেগুনি জারুলে ছুঁয়ে যায় তপ্ত হৃদয়"),
        ("", "টিভিতে আজকের খেলা (২৭ এপ্রিল, ২০২৪)"),
        ("", "সাদি মহম্মদ: ভাইয়ের কান্না, বন্ধুর স্মৃতি, সতীর্থদের গানে স্মরণ…"),
        ("", "খালি বাসায় ফ্যানে ঝুলছিল কিশোরী গৃহকর্মীর লাশ"),
    ],
    "popular": [
        ("", "পুলিশের সব স্থাপনায় নিরাপত্তা জোরদারের নির্দেশ"),
        ("", "সরকারি না হলেও সলিমুল্লাহ কলেজে অধ্যাপক ১৪ জন"),
        ("", "মৌসুমের সব রেকর্ড ভেঙে সর্বোচ্চ তাপমাত্রা চুয়াডাঙ্গায়"),
        ("ঈদের ছবি", "এগিয়েছে ‘ওমর’, চমকে দিলো ‘লিপস্টিক’!"),
        ("", "কুষ্টিয়ায় এযাবৎকালের সর্বোচ্চ তাপমাত্রা"),
    ],
}
KK_SECTIONS = {
    "international": "world",
    "national": "national",
    "politics": "politics",
    "sports": "sport",
    "economy": "business",
}


def kk_items(items: list[tuple[str, str]], twice: bool) -> str:
    out = []
    for label, title in items:
        href = f"/online/national/{digest(title) % 900000 + 1000000}"
        tag = f'<span class="cat-label">{esc(label)}</span>' if label else ""
        thumb = f'<a class="thumb" href="{href}"><span class="img-title">{esc(title)}</span></a>'
        out.append(
            f'<li>{thumb if twice else ""}<h4 class="title"><a href="{href}">{tag}{esc(title)}'
            "</a></h4></li>"
        )
    return "".join(out)


def build_kalerkantho(page: Page) -> str:
    st, v = page.story, page.variant
    seed = st.name == "seed-003"
    p = st.published
    page.url = (
        f"https://www.kalerkantho.com/online/{KK_SECTIONS[st.section]}/{p.year}/{p.month:02d}/"
        f"{p.day:02d}/{1000000 + digest(st.name) % 600000}"
    )
    page.published = st.published.replace(second=0)
    page.modified = st.modified
    if not seed and v.flag == "update":
        page.modified = page.published
    saved = datetime(2024, 4, 27, 9, 5, tzinfo=DHAKA) if seed else saved_at(page)
    if seed:
        lists = SEED003_LISTS
    else:
        lists = {
            "related": [("", t) for t in page.side[:3]],
            "latest": [("", t) for t in page.side[3:6]],
            "popular": [("", t) for t in page.side[6:9]],
        }
    head = "\n".join(
        [
            '<meta charset="utf-8">',
            f"<title>{esc(st.title)} | কালের কণ্ঠ</title>",
            '<meta property="og:site_name" content="Kalerkantho">',
            f'<meta property="og:title" content="{attr(st.title)}">',
            f'<meta property="og:url" content="{page.url}">',
            f'<link rel="canonical" href="{page.url}">',
        ]
    )
    if page.modified and (seed or v.flag == "update"):
        stamp = (
            f'<span class="published">{dmy(page.published)}, {hm(page.published)}</span>'
            f'<span class="updated">আপডেট : {dmy(page.modified)}, {hm(page.modified)}</span>'
        )
    else:
        stamp = f'<span class="published">প্রকাশ : {dmy(page.published)}, {hm(page.published)}</span>'
    para = '<div class="para"><p>{text}</p></div>' if v.nested else "<p>{text}</p>"
    inline = (
        '<div class="read-more-box"><h4>আরও পড়ুন</h4><ul><li><a href="/online/national/{href}">'
        "{headline}</a></li></ul></div>"
    )
    desk = f'<p class="desk-code">{esc(st.desk)}</p>' if st.desk else ""
    byline = "".join(
        f'<div class="author-info"><span class="author">{esc(a)}</span></div>'
        for a in st.authors[:1]
    )
    date_bar = f"{weekday(saved)}, {dmy(saved)}"
    bangla = bangla_calendar(saved.date())
    body = f"""<div class="top-ad-wrap" id="top-ad">
<button class="close-ad" type="button">X</button>
<div class="ad-slot"></div></div>
<header class="site-header"><div class="header-top"><div class="date-bar">
<span class="en-date">{date_bar}</span><br><span class="bn-date">{bangla}</span></div>
<a class="logo" href="https://www.kalerkantho.com/"><img alt="Kalerkantho"></a></div>
<nav class="main-nav"><ul><li><a href="/online/national">জাতীয়</a></li>
<li><a href="/online/politics">রাজনীতি</a></li><li><a href="/online/world">বিশ্ব</a></li>
<li><a href="/online/sport">খেলা</a></li><li><a href="/online/business">বাণিজ্য</a></li></ul></nav>
</header>
<main class="details-page"><article class="details">
<h1 class="headline">{esc(st.title)}</h1>
{byline}
<div class="publish-time">{stamp}</div>
<div class="details-body">
{body_html(page, para, inline)}
{desk}
</div>
<div class="related-news"><h3>সম্পর্কিত</h3><ul>{kk_items(lists["related"], False)}</ul></div>
</article>
<aside class="sidebar"><div class="latest"><h3>সর্বশেষ খবর</h3>
<ul>{kk_items(lists["latest"], True)}</ul></div>
<div class="most-read"><h3>সর্বাধিক পঠিত</h3><ul>{kk_items(lists["popular"], True)}</ul></div>
</aside></main>
<footer class="site-footer"><p>© সর্বস্বত্ব সংরক্ষিত</p></footer>"""
    stamp_text = re.sub("<[^>]+>", "", stamp.split("</span>")[0])
    page.without += [bangla, date_bar, stamp_text, *page.read_more]
    page.without += [st.desk] if st.desk else []
    page.without += [lists[k][0][1] for k in ("related", "latest", "popular")]
    return doc(head, body)


# --- style 4: WordPress, tagDiv "Newspaper" theme (td-post-content, spot_img, ...) ---
def td_items(titles: list[str]) -> str:
    return "".join(
        f'<div class="td_module_wrap"><h3 class="entry-title td-module-title"><a href="#">{esc(t)}'
        "</a></h3></div>"
        for t in titles
    )


def build_wordpress(page: Page) -> str:
    st, v = page.story, page.variant
    p = st.published
    post_id = 10000 + digest(st.name) % 80000
    page.url = f"http://sonar-desh.test/{p.year}/{p.month:02d}/{p.day:02d}/{post_id}/"
    page.published = st.published
    seed = st.name.startswith("seed-")
    yoast = v.flag == "yoast" or st.name == "seed-001"
    head_parts = [
        '<meta charset="UTF-8">',
        f"<title>{esc(st.title)} - সোনার দেশ</title>",
        '<meta property="og:locale" content="bn_BD">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{attr(st.title)} - সোনার দেশ">',
        f'<meta property="og:url" content="{page.url}">',
        '<meta property="og:site_name" content="সোনার দেশ">',
        f'<link rel="canonical" href="{page.url}">',
    ]
    if yoast:
        head_parts.append(f'<meta property="article:published_time" content="{iso(p)}">')
    head = "\n".join(head_parts)
    date_bar = ""
    if st.name == "seed-000":
        date_bar = "শুক্রবার | ৩০ জানুয়ারি | ২০২৬"
    elif not seed:
        saved = saved_at(page)
        date_bar = (
            f"{weekday(saved)} | {bn(saved.day)} {BN_MONTHS[saved.month - 1]} | {bn(saved.year)}"
        )
    para = '<div class="td-paragraph"><p>{text}</p></div>' if v.nested else "<p>{text}</p>"
    inline = '<p><strong>আরও পড়ুনঃ&nbsp; <a href="http://sonar-desh.test/{href}/">{headline}</a></strong></p>'
    source = ""
    if st.name == "seed-001" or v.flag == "repost":
        target = st.origin_url or "#source"  # seed 001: the reposted original is unknown
        source = f'<p><a href="{attr(target)}" target="_blank" rel="noopener">Source link</a></p>'
    image = ""
    if v.caption:
        image = (
            '<div class="td-post-featured-image"><figure><img class="entry-thumb" alt="" '
            f'title="{attr(st.title)}"><figcaption class="wp-caption-text">'
            f"{esc(caption_of(page))}</figcaption></figure></div>"
        )
        page.without.append(caption_of(page))
    author = ""
    if st.authors:
        author = (
            '<div class="td-post-author-name"><div class="td-author-by">By</div> '
            f'<a href="http://sonar-desh.test/author/desk/">{esc(st.authors[0])}</a>'
            '<div class="td-author-line"> - </div></div>'
        )
    title = html.escape(precompose(nfc(st.title)) if v.precomposed else nfc(st.title), quote=False)
    shown_date = f"{BN_MONTHS[p.month - 1]} {bn(p.day)}, {bn(p.year)}"
    spot = (
        '<div class="td-all-devices"><a href="http://sonar-desh.test/ads/">'
        '<img src="http://sonar-desh.test/wp-content/uploads/ad-{pos}.jpg" alt="spot_img"></a>'
        "</div>"
    )
    ad_title = '<span class="td-adspot-title">- Advertisment -</span>'
    # The seeds' lists were loaded by script after the page was saved: their blocks are empty.
    related, popular, latest = (
        ("", "", "") if seed else (td_items(page.side[i : i + 3]) for i in (0, 3, 6))
    )
    bar = f'<div class="td_data_time"><div>{date_bar}</div></div>' if date_bar else ""
    body = f"""<div class="td-theme-wrap" id="td-outer-wrap">
<div class="td-header-wrap td-header-style-1"><div class="td-header-top-menu-full">
<div class="td-container td-header-row td-header-top-menu"><div class="top-bar-style-1">
<div class="td-header-sp-top-menu">{bar}<ul class="top-header-menu"><li>
<a href="http://sonar-desh.test/about/">আমাদের সম্পর্কে</a></li>
<li><a href="http://sonar-desh.test/contact/">যোগাযোগ</a></li></ul></div></div></div></div>
<div class="td-banner-wrap-full"><div class="td-header-sp-logo"><a class="td-main-logo" href="http://sonar-desh.test/">
<img alt="সোনার দেশ"><span class="td-visual-hidden">সোনার দেশ</span></a></div>
<div class="td-header-sp-recs">
<div class="td-header-rec-wrap"><div class="td-a-rec td-a-rec-id-header">
{spot.format(pos="header")}</div></div></div></div>
<div class="td-header-menu-wrap-full"><div class="td-header-main-menu">
<ul class="sf-menu" id="menu-main">
<li class="menu-item"><a href="http://sonar-desh.test/">প্রচ্ছদ</a></li>
<li class="menu-item"><a href="http://sonar-desh.test/category/national/">জাতীয়</a></li>
<li class="menu-item"><a href="http://sonar-desh.test/category/international/">আন্তর্জাতিক</a></li>
<li class="menu-item"><a href="http://sonar-desh.test/category/sports/">খেলা</a></li></ul></div></div></div>
<div class="td-main-content-wrap td-container-wrap">
<div class="td-container td-post-template-default">
<div class="td-pb-row"><div class="td-pb-span8 td-main-content"><div class="td-ss-main-content">
<article id="post-{post_id}" class="post-{post_id} post type-post status-publish format-standard">
<div class="td-post-header"><ul class="td-category"><li class="entry-category">
<a href="http://sonar-desh.test/category/{st.section}/">{esc(SECTION_BN[st.section])}</a></li></ul>
<header class="td-post-title"><h1 class="entry-title">{title}</h1>
<div class="td-module-meta-info">{author}<span class="td-post-date">
<time class="entry-date updated td-module-date" datetime="{iso(p)}">{shown_date}</time></span>
<div class="td-post-views">
<span class="td-nr-views-{post_id}">{digest(st.name) % 900 + 40}</span></div>
</div></header></div>
<div class="td-post-content tagdiv-type">
{image}
{body_html(page, para, inline)}
{source}
<div class="td-a-rec td-a-rec-id-content_bottom">{ad_title}{spot.format(pos="content_bottom")}</div>
</div>
<footer><div class="td-post-sharing-bottom"><div class="td-post-sharing-classic">
<span class="td-social-but-text">Spread the love</span></div></div>
<div class="fb-comments-box"><h3 class="fcbc-title">Facebook Comments Box</h3>
<div class="fb-comments" data-href="{page.url}" data-numposts="5"></div></div></footer>
</article>
<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title">
<a class="td-related-left td-cur-simple-item" href="#">RELATED ARTICLES</a>
<a class="td-related-right" href="#">MORE FROM AUTHOR</a></h4>
<div class="td_block_inner">{related}</div></div>
</div></div>
<div class="td-pb-span4 td-main-sidebar"><div class="td-ss-main-sidebar">
<div class="td-a-rec td-a-rec-id-sidebar">{ad_title}{spot.format(pos="sidebar")}</div>
<div class="td-a-rec td-a-rec-id-custom_ad_1">{spot.format(pos="custom_ad_1")}</div>
<div class="td-a-rec td-a-rec-id-custom_ad_2">{spot.format(pos="custom_ad_2")}</div>
<div class="td_block_wrap td_block_15"><h4 class="block-title">
<span class="td-pulldown-size">Most Popular</span></h4>
<div class="td_block_inner">{popular}</div></div>
<div class="td-a-rec td-a-rec-id-custom_ad_3">{spot.format(pos="custom_ad_3")}</div>
<div class="td_block_wrap td_block_7"><h4 class="block-title"><span>সর্বশেষ</span></h4>
<div class="td_block_inner" data-td-block-uid="tdi_{post_id}">{latest}</div></div>
</div></div></div></div></div>
<div class="td-footer-wrapper"><div class="td-sub-footer-container"><div class="td-sub-footer-copy">
© সোনার দেশ</div></div></div></div>"""
    page.without += [*([date_bar] if date_bar else []), *page.read_more, shown_date]
    page.without += ["Facebook Comments Box", "RELATED ARTICLES", "- Advertisment -", "spot_img"]
    page.without += ["Source link"] if source else []
    page.without += page.side[:1] if not seed else []
    return doc(head, body)


# --- style 5: Amader Shomoy (Nuxt; @graph JSON-LD; "১৫ নভেম্বর ২০২৫, ০৭:৫০ এএম") ---
AS_NAV = [
    ("/latest/all", "সর্বশেষ"),
    ("/category/all/national", "জাতীয়"),
    ("/category/all/rajneeti", "রাজনীতি"),
    ("/category/all/sarades", "সারাদেশ"),
    ("/category/all/international", "আন্তর্জাতিক"),
    ("/category/all/sports", "খেলাধুলা"),
    ("/category/all/economy", "অর্থনীতি"),
    ("/category/all/opinion", "মতামত"),
]
AS_SECTIONS = {
    "international": "international",
    "national": "national",
    "politics": "rajneeti",
    "sports": "sports",
    "economy": "economy",
}


def ampm(moment: datetime) -> str:
    mark = "পিএম" if moment.hour >= 12 else "এএম"
    return f"{dmy(moment)}, {bn(hour12(moment.hour), 2)}:{bn(moment.minute, 2)} {mark}"


def build_amadershomoy(page: Page) -> str:
    st, v = page.story, page.variant
    home = "https://www.dainikamadershomoy.com"
    page.url = f"{home}/details/019a{hashlib.sha256(st.name.encode()).hexdigest()[:8]}"
    with_ld = v.flag == "jsonld"
    page.published = st.published if with_ld else st.published.replace(second=0)
    saved = saved_at(page)
    graph: list[dict[str, Any]] = [
        {"@id": f"{home}/#website", "@type": "WebSite", "name": "nuxt-app", "url": home},
        {
            "@id": f"{page.url}/#webpage",
            "@type": "WebPage",
            "name": nfc(st.title),
            "url": page.url,
            "isPartOf": {"@id": f"{home}/#website"},
        },
    ]
    if with_ld:
        article: dict[str, Any] = {
            "@type": "NewsArticle",
            "headline": nfc(st.title),
            "datePublished": iso(st.published),
            "mainEntityOfPage": {"@id": f"{page.url}/#webpage"},
        }
        if st.authors:
            article["author"] = {"@type": "Person", "name": st.authors[0]}
        graph.append(article)
    head = "\n".join(
        [
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(st.title)}</title>",
            f'<meta name="description" content="{attr(first_words(st.paragraphs[0]))}">',
            f'<meta property="og:title" content="{attr(st.title)}">',
            f'<meta property="og:url" content="{page.url}">',
            '<meta property="og:image" content="https://admin.dainikamadershomoy.com/images/'
            'https://admin.dainikamadershomoy.com/images/amader_samoy_logo.png">',
            ld_json({"@context": "https://schema.org", "@graph": graph}),
        ]
    )
    nav = "".join(
        f'<li class="nav-item"><a class="nav-link py-0" href="{h}">{esc(t)}</a></li>'
        for h, t in AS_NAV
    )
    para = "<div><p>{text}</p></div>" if v.nested else "<p>{text}</p>"
    inline = (
        '<div class="read-more-inline"><span class="fw-bold">আরও পড়ুন:</span> '
        '<a class="hover-underline" href="/details/019a{href}">{headline}</a></div>'
    )
    image = ""
    if v.caption:
        image = (
            '<div class="img img-cover overflow-hidden"><img alt="Image not found" src="/img.webp">'
            f'<p class="caption fsz-14px">{esc(caption_of(page))}</p></div>'
        )
        page.without.append(caption_of(page))
    author = f'<div class="author fw-bold">{esc(st.authors[0])}</div>' if st.authors else ""
    stamp = ampm(page.published)
    latest, popular = page.side[:4], page.side[4:8]

    def items(titles: list[str]) -> str:
        return "".join(
            '<div class="item py-2"><div class="content"><a class="hover-underline" '
            f'href="/details/019a{digest(t) % 10**8:08d}"><h6 class="title fw-bold">{esc(t)}</h6>'
            "</a></div></div>"
            for t in titles
        )

    date_bar = f"{weekday(saved)}, {dmy(saved)}"
    body = f"""<div id="__nuxt"><title>দৈনিক আমাদের সময় | Dainik Amader Shomoy</title>
<div class="home-style1"><div class="navbar-container"><div class="container">
<div class="top-navbar style-1 d-none d-lg-block" id="header-top">
<div class="row align-items-center">
<div class="col-lg-4"><div class="date-weather"><div class="item"><div class="inf"><p>{date_bar}</p>
</div></div></div></div><div class="col-lg-4"><a class="logo-brand" href="/">
<img alt="" class="dark-none">
</a></div></div></div>
<nav class="navbar navbar-expand-lg navbar-light style-1" id="navbar">
<ul class="navbar-nav me-auto">{nav}
</ul></nav></div></div>
<main><section class="tc-post-details"><div class="container"><div class="row">
<div class="col-lg-8">
<div class="tc-post-title"><a class="cat" href="/category/all/{AS_SECTIONS[st.section]}">
{esc(SECTION_BN[st.section])}</a><h1 class="title fw-bold">{esc(st.title)}</h1></div>
<div class="meta-info d-flex">{author}<div class="meta-bot fw-light">প্রকাশ: {stamp}</div></div>
{image}
<div class="details-content"><div class="content-details fsz-18px">
{body_html(page, para, inline)}
</div></div></div>
<div class="col-lg-4"><div class="tc-post-list-style2">
<p class="section-title">সর্বশেষ</p>{items(latest)}
</div><div class="tc-post-list-style2">
<p class="section-title">সর্বাধিক পঠিত</p>{items(popular)}</div>
</div></div></div></section></main>
<section class="footer-style1"><div class="container border"><div class="content pb-10 pt-10">
<div class="row gx-5"><div class="col-lg-6"><div class="item">
<p>সম্পাদক : <span class="fw-bold">আবু সাঈদ খান</span></p>
<p>প্রকাশক : <span class="fw-bold">ড. খোন্দকার শওকত হোসেন</span></p></div></div>
<div class="col-lg-6"><div class="item"><p>যোগাযোগ:</p><p>১১৮-১২১, তেজগাঁও শিল্প এলাকা ২, ঢাকা-১২০৮</p>
<p>ফোন: ৫৫০৩০০০১-৬ ফ্যাক্স: ৫৫০৩০০১১</p><p>বিজ্ঞাপন: ৮৮৭৮২১৯, ০১৭৬৪১১৯১১৪</p></div></div>
</div></div></div></section>
<footer class="footer-style4"><div class="container"><div class="foot-links text-center">
<a class="d-lg-inline-block d-none">© সর্বসত্ব স্বত্বাধিকার সংরক্ষিত ২০২৫</a>
<a href="/static/about-us">আমাদের সময়</a> <a href="/static/privacy-policy">গোপনীয়তা নীতি</a>
<a href="/static/contact-us">যোগাযোগ</a></div></div></footer></div></div>"""
    page.without += [date_bar, f"প্রকাশ: {stamp}", *page.read_more, *latest[:1], *popular[:1]]
    page.without += ["১১৮-১২১, তেজগাঁও শিল্প এলাকা ২", "দৈনিক আমাদের সময় | Dainik Amader Shomoy"]
    return doc(head, body)


# --- style 6: bdnews24/Bangla Tribune-like metadata on seed 004's outlet (Dainik Odhikar) ---
ODHIKAR_SECTIONS = {
    "international": "international",
    "national": "national",
    "politics": "politics",
    "sports": "sports",
    "economy": "economics",
}


def build_odhikar(page: Page) -> str:
    st, v = page.story, page.variant
    seed = st.name == "seed-004"
    page.url = (
        f"https://www.dailyodhikar.com/{ODHIKAR_SECTIONS[st.section]}/"
        f"{200000 + digest(st.name) % 300000}"
    )
    page.published = st.published
    if seed:
        saved = datetime(2024, 5, 18, 10, 30, tzinfo=DHAKA)
        weather = "\u00a0\u00a0|\u00a0\u00a0 ২৮ °সে"
        alt, caption = "সমরাস্ত্র", "রাশিয়ার সমরাস্ত্র (ছবি : পার্সটুডে)"
    else:
        saved, weather = saved_at(page), ""
        alt = st.title
        caption = "(ছবি : সংগৃহীত)" if digest(st.name) % 2 else "প্রতীকী ছবি (ছবি : সংগৃহীত)"
    date_bar = f"{weekday(saved)}, {dmy(saved).lstrip('০')}, {bangla_calendar(saved.date())}"
    head = "\n".join(
        [
            '<meta charset="utf-8">',
            f"<title>{esc(st.title)} | দৈনিক অধিকার</title>",
            '<meta property="og:site_name" content="দৈনিক অধিকার">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{attr(st.title)}">',
            f'<meta property="og:url" content="{page.url}">',
            f'<meta property="article:published_time" content="{iso(st.published)}">',
            f'<meta property="article:section" content="{attr(SECTION_BN[st.section])}">',
            f'<link rel="canonical" href="{page.url}">',
        ]
    )
    para = '<div class="text"><p>{text}</p></div>' if v.nested else "<p>{text}</p>"
    inline = '<p>আরও পড়ুন : <a href="https://www.dailyodhikar.com/{href}">{headline}</a></p>'
    figure = ""
    if v.caption or seed:
        figure = (
            f'<figure class="featured-image"><img src="/uploads/{slug36(st.name, 6)}.jpg" '
            f'alt="{attr(alt)}"><figcaption>{esc(caption)}</figcaption></figure>'
        )
        page.without.append(caption)
    desk = f'<p class="desk-code">{esc(st.desk)}</p>' if st.desk else ""
    byline = "".join(
        f'<div class="byline"><span class="author">&nbsp; {esc(a)}</span></div>'
        for a in st.authors[:1]
    )
    published = f"{dmy(st.published)}, {hm(st.published)}"
    latest = li_links(page.side[:4], "https://www.dailyodhikar.com/national/")
    popular = li_links(page.side[4:8], "https://www.dailyodhikar.com/national/")
    body = f"""<header class="site-header"><div class="top-bar"><ul class="top-info">
<li>{date_bar}{weather}</li>
<li><a href="https://beta.dailyodhikar.com/">বেটা ভার্সন</a></li></ul></div>
<div class="logo-area"><a href="https://www.dailyodhikar.com/">
<img alt="দৈনিক অধিকার" src="/logo.png"></a>
<div class="header-ad"><a href="https://www.dailyodhikar.com/ads/">
<img alt="sonargao" src="/ads/sonargao.gif"></a></div>
</div><nav class="main-menu"><ul><li><a href="/national">জাতীয়</a></li><li>
<a href="/politics">রাজনীতি</a></li>
<li><a href="/international">আন্তর্জাতিক</a></li><li><a href="/sports">খেলা</a></li></ul></nav></header>
<main><div class="details-wrap"><h1 class="details-title">{esc(st.title)}</h1>
{byline}
<div class="details-time"><span class="time">{published}</span></div>
{figure}
<div class="news-details" id="news-details">
{body_html(page, para, inline)}
{desk}
</div>
<div class="tab-news"><ul class="nav nav-tabs"><li class="active"><a href="#latest">সর্বশেষ</a></li>
<li><a href="#popular">সর্বাধিক পঠিত</a></li></ul><div class="tab-content">
<ul class="tab-pane" id="latest">{latest}</ul><ul class="tab-pane" id="popular">{popular}</ul>
</div></div>
</div></main>
<footer class="site-footer"><div class="footer-info">
<p>নির্বাহী&nbsp;সম্পাদক: গোলাম যাকারিয়া</p><p>&nbsp;</p><p>সম্পাদকীয় কার্যালয়&nbsp;</p>
<p>১৪৭/ডি, গ্রীন রোড,&nbsp;ঢাকা-১২১৫।</p><p>যোগাযোগ:&nbsp;02-48118243, +8801907484702&nbsp;</p>
<p>ই-মেইল: <a href="/cdn-cgi/l/email-protection#c3a7aab1a6a0b7acb183" class="__cf_email__"
data-cfemail="c3a7aab1a6a0b7acb183">[email&#160;protected]</a></p>
<p>এই ওয়েবসাইটের কোনো লেখা, ছবি, অডিও, ভিডিও অনুমতি ছাড়া ব্যবহার বেআইনি।</p></div>
<div class="developer">Developed by : অধিকার মিডিয়া লিমিটেড</div></footer>"""
    page.without += [date_bar, published, *page.read_more, *([st.desk] if st.desk else [])]
    page.without += [*page.side[:1], "সম্পাদক: গোলাম যাকারিয়া", "Developed by : অধিকার মিডিয়া লিমিটেড"]
    page.without += ["ব্যবহার বেআইনি"]
    return doc(head, body)


# --- style 7: deshjogotnews.com (WordPress; only date "এপ্রিল ৯, ২০২৫ ৭:২৭ অপরাহ্ণ") ---
SEED002_PICKS: list[tuple[str, bool]] = [
    ("গাজায় আবার যুদ্ধ শুরুর শঙ্কা, আলোচনায় বসেছে মিশর ও কাতার", True),
    ("খালেদা জিয়ার স্বাস্থ্যের উন্নতি, চিকিৎসাধীন থেকেও দেশবাসীর খোঁজ নিলেন", True),
    ("আন্তর্জাতিক হলোকাস্ট স্মরণ দিবস ২০২৫", True),
    ("মিয়ানমারে বাংলাদেশ সীমান্তবর্তী শহর থেকে শত শত সেনাসহ জেনারেল আটক", False),
    ("আজকের নামাজের সময়সূচি (১৬ এপ্রিল, ২০২৫)", False),
    ("আজকের নামাজের সময়সূচি (১৪ জানুয়ারি, ২০২৫)", False),
    ("ড. ইউনূসের পদত্যাগের গুজব শুনে যুবলীগের শোডাউন, গ্রেপ্তার ২", True),
    ("সিরিয়া-লেবানন সীমান্তে সংঘর্ষ, হিজবুল্লাহর দিকে আঙুল দামেস্কের", True),
    ("ফেব্রুয়ারিতে দুই দিনের হরতালের ডাক দিল আওয়ামী লীগ", True),
    ("ট্রাম্পের গাজা প্রস্তাব ‘পুরোপুরি খারিজ’ করে দিলেন জার্মান চ্যান্সেলর", True),
    ("ভারতের পররাষ্ট্রনীতি বদলাতে বললেন জয়শঙ্কর", False),
]


def bengali_wp_date(moment: datetime) -> str:
    """WordPress with the bn_BD locale: "এপ্রিল ৯, ২০২৫ ৭:২৭ অপরাহ্ণ"."""
    mark = "অপরাহ্ণ" if moment.hour >= 12 else "পূর্বাহ্ণ"
    return (
        f"{BN_MONTHS[moment.month - 1]} {bn(moment.day)}, {bn(moment.year)} "
        f"{bn(hour12(moment.hour))}:{bn(moment.minute, 2)} {mark}"
    )


def build_deshjogot(page: Page) -> str:
    st, _v = page.story, page.variant
    seed = st.name == "seed-002"
    post_id = 9850 if seed else 10000 + digest(st.name) % 40000
    page.url = f"https://deshjogotnews.com/?p={post_id}"
    page.published = st.published.replace(second=0)
    if seed:
        saved = datetime(2025, 4, 16, 15, 17, tzinfo=DHAKA)
        picks = SEED002_PICKS
        latest_title = "সর্বশেষ - বানিজ্য ও অর্থনীতি"
    else:
        saved = saved_at(page)
        rotate = digest(st.name) % len(SEED002_PICKS)
        picks = SEED002_PICKS[rotate:] + SEED002_PICKS[:rotate]
        picks = [(t, twice) for t, twice in picks if "নামাজের" not in t][:6]
        latest_title = f"সর্বশেষ - {SECTION_BN[st.section]}"
    date_bar = (
        f"{weekday(saved)}, {ordinal_day(saved.day)} {BN_MONTHS[saved.month - 1]}, "
        f"{bn(saved.year)}| {part_of_day(saved.hour)} "
        f"{bn(hour12(saved.hour))}:{bn(saved.minute, 2)}"
    )
    head = "\n".join(
        [
            '<meta charset="UTF-8">',
            f"<title>{esc(st.title)}</title>",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<link rel="canonical" href="{page.url}">',
            f'<link rel="shortlink" href="{page.url}">',
        ]
    )
    reporter = ""
    if st.authors:
        reporter = (
            '<div class="post-reporter"><span class="reporter-label">প্রতিবেদক</span>'
            f'<a class="author-name" href="https://deshjogotnews.com/?author=1">{esc(st.authors[0])}</a>'
            "</div>"
        )
    picks_html = "".join(
        '<div class="selected-item">'
        + (
            f'<a class="thumb" href="#"><span class="thumb-title">{esc(t)}</span></a>'
            if twice
            else ""
        )
        + f'<h4 class="selected-title"><a href="#">{esc(t)}</a></h4></div>'
        for t, twice in picks
    )
    para = "<p>{text}</p>"
    inline = '<p>আরও পড়ুন: <a href="https://deshjogotnews.com/?p={href}">{headline}</a></p>'
    body = f"""<div class="header-top"><div class="container">
<div class="date-time">{date_bar}</div></div></div>
<header class="site-header"><div class="container"><div class="site-logo">
<a href="https://deshjogotnews.com/">
<img alt="deshjogotnews" src="/wp-content/uploads/logo.png"></a></div>
<nav class="main-menu"><ul id="menu-main"><li><a href="https://deshjogotnews.com/?cat=2">জাতীয়</a></li>
<li><a href="https://deshjogotnews.com/?cat=3">আন্তর্জাতিক</a></li>
<li><a href="https://deshjogotnews.com/?cat=4">বানিজ্য ও অর্থনীতি</a></li></ul></nav></div></header>
<div class="container"><div class="row"><div class="col-md-8"><div class="single-content">
<h1 class="post-title">{esc(st.title)}</h1>
<div class="post-meta">{reporter}
<div class="post-date">{bengali_wp_date(page.published)}</div></div>
<div class="post-thumb"><img alt="{attr(st.title)}" src="/wp-content/uploads/{post_id}.jpg">
<p class="wp-caption-text">{esc(st.title)}</p></div>
<h2 class="print-title">{esc(st.title)}</h2>
<div class="entry-content">
{body_html(page, para, inline)}
</div>
<div id="comments" class="comments-area"><h3 class="comment-reply-title">মন্তব্য করুন</h3></div>
<div class="share-box"><span class="share-title">Spread the love</span></div>
<div class="cat-latest"><h3 class="block-title">{esc(latest_title)}</h3></div>
</div></div>
<div class="col-md-4"><div class="selected-for-you"><h3 class="block-title">আপনার জন্য নির্বাচিত</h3>
{picks_html}</div></div></div></div>
<footer class="site-footer"><div class="container">© deshjogotnews.com</div></footer>"""
    page.without += [date_bar, bengali_wp_date(page.published), *page.read_more]
    page.without += [latest_title, "আপনার জন্য নির্বাচিত"]
    page.without += [picks[0][0], picks[-1][0], "Spread the love"]
    return doc(head, body)


BUILDERS = {
    "prothomalo": build_prothomalo,
    "samakal": build_samakal,
    "kalerkantho": build_kalerkantho,
    "wordpress": build_wordpress,
    "amadershomoy": build_amadershomoy,
    "odhikar": build_odhikar,
    "deshjogot": build_deshjogot,
}
STYLE_FEEDS = {
    "prothomalo": ["prothomalo-opinion.rss.xml"],
    "samakal": ["samakal-opinion.rss.xml"],
    "kalerkantho": ["kalerkantho-world.rss.xml"],
    "wordpress": ["opinion-aggregate.rss.xml", "banglanews24-world.rss.xml"],
    "amadershomoy": ["amadershomoy-opinion.rss.xml"],
    "odhikar": ["banglanews24-world.rss.xml"],
    "deshjogot": ["jugantor-latest.rss.xml"],
}

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


# --- gold ---
def clip(text: str, from_end: bool = False) -> str:
    """15-40 characters of ``text`` cut at spaces, from its start or its end."""
    words = text.split(" ")
    if from_end:
        words = words[::-1]
    out: list[str] = []
    for word in words:
        if len(" ".join([*out, word])) > 40:
            break
        out.append(word)
        if len(" ".join(out)) >= 24:
            break
    piece = " ".join(out[::-1] if from_end else out)
    if len(piece) < 15:
        piece = text[-30:] if from_end else text[:30]
    return piece.strip()


def with_snippets(page: Page, body: list[str]) -> list[str]:
    picks = [clip(body[0]), clip(body[-1], from_end=True)]
    inserts = insert_points(page)
    if inserts:
        # The text right after a read-more insert must survive its removal.
        picks.append(clip(body[min(max(inserts) + 1, len(body) - 1)]))
    for i in page.marked[:1]:
        # A stretch the page writes differently (precomposed letters, "I", "|" or "৷" dari).
        text = body[i]
        word = next((w for w in text.split(" ") if YA in w and len(w) > 3), "")
        if page.variant.precomposed and word:
            picks.append(clip(text[text.find(word) :]))
        else:
            picks.append(clip(text, from_end=True))
    picks.append(clip(body[len(body) // 2], from_end=True))
    # Short stories: sentence starts inside the paragraphs fill up to three snippets.
    sentences = [s for p in body for s in re.split(r"(?<=[।?!])\s+", p)[1:]]
    picks += [clip(s) for s in sentences]
    out: list[str] = []
    for pick in picks:
        if pick and 15 <= len(pick) <= 40 and pick not in out:
            out.append(pick)
    return out[:5] if len(out) >= 4 else out[:3]


def gold_of(page: Page) -> dict[str, Any]:
    st = page.story
    body = [canonical(p) for p in st.paragraphs]
    without: list[str] = []
    for snippet in page.without:
        snippet = nfc(snippet)
        if snippet and snippet not in without and canonical(snippet) not in "\n".join(body):
            without.append(snippet)
    return {
        "url": page.url,
        "style": page.style,
        "source": st.source,
        "title": canonical(st.title),
        "published": iso(page.published),
        "modified": iso(page.modified),
        "authors": [canonical(a) for a in st.authors],
        "body": "\n".join(body),
        "with": with_snippets(page, body),
        "without": without[:8],
    }


def check(gold: dict[str, Any], page_html: str, where: str) -> list[str]:
    problems = []
    body = gold["body"]
    if not 3 <= len(gold["with"]) <= 5 or not 3 <= len(gold["without"]) <= 8:
        problems.append(f"{where}: {len(gold['with'])} with / {len(gold['without'])} without")
    for snippet in gold["with"]:
        if snippet not in body or not 15 <= len(snippet) <= 40:
            problems.append(f"{where}: with snippet {snippet!r} not in body or badly sized")
    for snippet in gold["without"]:
        if snippet in body or canonical(snippet) in body:
            problems.append(f"{where}: without snippet {snippet!r} is in the body")
        if snippet not in page_html:
            problems.append(f"{where}: without snippet {snippet!r} is not in the HTML")
    if not gold["published"] or not gold["published"].endswith("+06:00"):
        problems.append(f"{where}: published {gold['published']!r}")
    if canonical(body) != body:
        problems.append(f"{where}: body is not canonical")
    return problems


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


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 tools/build_gold.py SHARED_DIR OUT_DIR")
    sys.exit(main(sys.argv[1], sys.argv[2]))

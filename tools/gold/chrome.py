"""Helpers shared by the styles: page chrome, body paragraphs and read-more inserts."""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import datetime, timedelta
from typing import Any

from .corpus import SEED_INSERTS, SEEDS
from .model import Page
from .text import _DARI_END, YA, canonical, esc, precompose


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

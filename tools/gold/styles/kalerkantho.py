"""Style 3: Kaler Kantho / Jugantor (desk byline, "আপডেট :", desk code, three lists)."""

from __future__ import annotations

import re
from datetime import datetime

from ..chrome import body_html, digest, doc, saved_at
from ..dates import DHAKA, bangla_calendar, dmy, hm, weekday
from ..model import Page
from ..text import attr, esc

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

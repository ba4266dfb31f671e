"""Style 6: bdnews24/Bangla Tribune-like metadata on seed 004's outlet (Dainik Odhikar)."""

from __future__ import annotations

from datetime import datetime

from ..chrome import SECTION_BN, body_html, digest, doc, li_links, saved_at, slug36
from ..dates import DHAKA, bangla_calendar, dmy, hm, iso, weekday
from ..model import Page
from ..text import attr, esc

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

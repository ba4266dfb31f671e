"""Style 5: Amader Shomoy (Nuxt; @graph JSON-LD; "১৫ নভেম্বর ২০২৫, ০৭:৫০ এএম")."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from ..chrome import SECTION_BN, body_html, caption_of, digest, doc, first_words, ld_json, saved_at
from ..dates import bn, dmy, hour12, iso, weekday
from ..model import Page
from ..text import attr, esc, nfc

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

"""Style 1: Prothom Alo (Quintype: JSON-LD NewsArticle, story-element blocks)."""

from __future__ import annotations

import html
from typing import Any

from ..chrome import body_html, caption_of, doc, first_words, ld_json, li_links, slug36
from ..dates import bn, dmy, iso
from ..model import Page
from ..text import attr, esc, nfc, precompose

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

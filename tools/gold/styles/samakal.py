"""Style 2: Samakal (Bengali-only dates: "প্রকাশ: ০৬ জুন ২০২৬ | ০৭:০৭", date bar)."""

from __future__ import annotations

import re
from urllib.parse import quote

from ..chrome import SECTION_BN, body_html, caption_of, digest, doc, ld_json, li_links, saved_at
from ..dates import bangla_calendar, dmy, hm, weekday
from ..model import Page
from ..text import attr, esc, nfc

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

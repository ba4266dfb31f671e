"""Style 4: WordPress, tagDiv "Newspaper" theme (td-post-content, spot_img, ...)."""

from __future__ import annotations

import html

from ..chrome import SECTION_BN, body_html, caption_of, digest, doc, saved_at
from ..dates import BN_MONTHS, bn, iso, weekday
from ..model import Page
from ..text import attr, esc, nfc, precompose


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

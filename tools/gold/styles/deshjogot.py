"""Style 7: deshjogotnews.com (WordPress; only date "এপ্রিল ৯, ২০২৫ ৭:২৭ অপরাহ্ণ")."""

from __future__ import annotations

from datetime import datetime

from ..chrome import SECTION_BN, body_html, digest, doc, saved_at
from ..dates import BN_MONTHS, DHAKA, bn, hour12, ordinal_day, part_of_day, weekday
from ..model import Page
from ..text import attr, esc

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

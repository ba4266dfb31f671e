"""Bengali-specific boilerplate removal, around trafilatura.

Two passes, both general (page structure and Bengali news vocabulary, never one outlet's page):

* before trafilatura, on the DOM: elements whose class or id names a caption, share or comment
  widget, related / latest / most-read list, read-more card, advertisement or desk code — unless
  the element holds the headline or most of the page's paragraphs (then it is the article);
* after trafilatura, on lines: read-more inserts ("আরও পড়ুন", "আরো পড়ুন", "আরও পড়ুনঃ"), widget
  and ad labels ("Facebook Comments Box", "মন্তব্য করুন", "শেয়ার করুন", "spot_img",
  "- Advertisment -", "Source link"), photo credits and captions ("(ছবি : ...)", "ফাইল ছবি"),
  lines that only carry the publication date, a byline or desk name at the top, desk codes at the
  end ("/এমপি/", "ওডি/এসসা"), and footer lines (editor, publisher, address, phone, e-mail,
  copyright, "Developed by").

An outlet that needs more can list extra line patterns in its seed file (``drop_lines``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from crawler.text.bangla.dates import find_dates
from crawler.text.bangla.normalize import normalize_text

_N = normalize_text
# Class / id fragments of page furniture (matched lower-case, as substrings).
FURNITURE = (
    "caption",
    "share",
    "social",
    "comment",
    "related",
    "also-read",
    "alsoread",
    "read-more",
    "readmore",
    "more-news",
    "latest",
    "popular",
    "most-read",
    "mostread",
    "trending",
    "advert",
    "ads-",
    "-ads",
    "adsense",
    "banner",
    "desk-code",
    "tags",
    "breadcrumb",
    "newsletter",
    "subscribe",
    "print-title",
    "byline",
    "author",
    "reporter",
    "publishtime",
    "publish-time",
    "updatetime",
    "date-bar",
    "datetime",
    "meta-info",
)
_FURNITURE = re.compile("|".join(map(re.escape, FURNITURE)))
_DROP_TAGS = ("figcaption", "aside", "nav", "footer", "form", "noscript", "iframe")

_READ_MORE = re.compile(_N(r"^(আরও|আরো)\s*পড়ুন\s*[:ঃ]?"))
_WIDGETS = re.compile(
    _N(
        r"^(Source link|Facebook Comments Box|spot_img|-?\s*Advertis(e)?ment\s*-?|"
        r"RELATED ARTICLES|Most Popular|Spread the love|মন্তব্য করুন|শেয়ার করুন|"
        r"Share this|বিজ্ঞাপন|সম্পর্কিত|সর্বশেষ|সর্বাধিক পঠিত|আরও খবর|এই বিভাগের আরও)\s*$"
    ),
    re.IGNORECASE,
)
_CAPTION = re.compile(_N(r"^\(?\s*(ছবি|ফাইল ছবি|ছবিঃ|প্রতীকী ছবি|ভিডিও)\s*[:ঃ]?[^।]{0,80}\)?$"))
_PHOTO_CREDIT = re.compile(_N(r"\(ছবি\s*[:ঃ][^)]{0,80}\)"))
_FOOTER = re.compile(
    _N(
        r"^(সম্পাদক|প্রকাশক|নির্বাহী সম্পাদক|ভারপ্রাপ্ত সম্পাদক|বার্তা সম্পাদক|সম্পাদকীয় কার্যালয়|"
        r"যোগাযোগ|ফোন|মোবাইল|ই-?মেইল|ইমেইল|ঠিকানা|Developed by|Copyright|কপিরাইট|©)"
        r"|সর্বস্বত্ব|অনুমতি ছাড়া ব্যবহার বেআইনি|Developed by"
    ),
    re.IGNORECASE,
)
_BYLINE = re.compile(
    _N(
        r"^(নিজস্ব প্রতিবেদক|স্টাফ রিপোর্টার|জ্যেষ্ঠ প্রতিবেদক|বিশেষ প্রতিনিধি|প্রতিবেদক|"
        r"[\u0980-\u09ff ]{0,20}(ডেস্ক|প্রতিনিধি|সংবাদদাতা))\s*[,:ঃ]?[\u0980-\u09ff ]{0,30}$"
    )
)
_DESK_CODE = re.compile(r"^/?[\u0980-\u09ffA-Za-z]{1,8}(?:/[\u0980-\u09ffA-Za-z]{1,8})*/?$")
_DATE_WORDS = re.compile(
    _N(
        r"প্রকাশ(িত)?|আপডেট|হালনাগাদ|সর্বশেষ|শনিবার|রবিবার|রোববার|সোমবার|মঙ্গলবার|বুধবার|"
        r"বৃহস্পতিবার|শুক্রবার|সকাল|দুপুর|বিকাল|বিকেল|সন্ধ্যা|রাত|পূর্বাহ্ণ|অপরাহ্ণ|এএম|পিএম|"
        r"AM|PM|[0-9০-৯]+|[,:ঃ|।\-–\s]"
    )
)


def _article_nodes(tree: Any) -> set[Any]:
    """The headline and its ancestors: never removed as furniture."""
    keep: set[Any] = set()
    for h1 in tree.xpath("//h1"):
        keep.add(h1)
        keep.update(h1.iterancestors())
    return keep


def preclean(tree: Any) -> None:
    """Remove page furniture from the DOM in place (before trafilatura)."""
    keep = _article_nodes(tree)
    paragraphs = max(len(tree.xpath("//p")), 1)
    for element in tree.xpath(" | ".join(f"//{t}" for t in _DROP_TAGS)):
        if element not in keep and element.getparent() is not None:
            element.drop_tree()
    candidates = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if names != " " and _FURNITURE.search(names.lower()):
            candidates.append(element)
    for element in candidates:
        if element in keep or element.getparent() is None:
            continue
        # A container holding most of the paragraphs is the article, whatever its class says.
        if len(element.xpath(".//p")) * 2 > paragraphs:
            continue
        element.drop_tree()


def _is_date_line(line: str) -> bool:
    """A line that only prints the publication date: a labelled date ("প্রকাশ: ..."), or a date
    with a time or weekday. A bare date ("১ জানুয়ারি ২০০৭") may head a story's own section."""
    # The cheap tests first: most lines have no label, clock or weekday, and parsing dates is
    # the costly part.
    if not (_DATE_LABEL.search(line) or _CLOCK.search(line) or _WEEKDAY.search(line)):
        return False
    return bool(find_dates(line)) and not _DATE_WORDS.sub("", _strip_months(line)).strip()


_DATE_LABEL = re.compile(_N(r"প্রকাশ|আপডেট|হালনাগাদ"))
_CLOCK = re.compile(r"[0-9০-৯]{1,2}\s*[:.]\s*[0-9০-৯]{2}")
_WEEKDAY = re.compile(_N(r"শনিবার|রবিবার|রোববার|সোমবার|মঙ্গলবার|বুধবার|বৃহস্পতিবার|শুক্রবার"))


_MONTHS = re.compile(
    _N(
        r"জানুয়ারি|জানুয়ারী|ফেব্রুয়ারি|ফেব্রুয়ারী|মার্চ|এপ্রিল|মে|জুন|জুলাই|আগস্ট|আগষ্ট|সেপ্টেম্বর|"
        r"অক্টোবর|নভেম্বর|ডিসেম্বর|ই|শে|লা|রা"
    )
)


def _strip_months(line: str) -> str:
    return _MONTHS.sub("", line)


def clean_lines(text: str, title: str | None = None, extra: Iterable[re.Pattern[str]] = ()) -> str:
    """Drop boilerplate lines from trafilatura's output (see the module docstring)."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    patterns = list(extra)
    kept: list[str] = []
    for number, line in enumerate(lines):
        if (
            _READ_MORE.match(line)
            or _WIDGETS.match(line)
            or _CAPTION.match(line)
            or _FOOTER.search(line)
            or _is_date_line(line)
            or any(p.search(line) for p in patterns)
        ):
            continue
        if number < 3 and _BYLINE.match(line):
            continue
        if title and number < 3 and line.endswith(title):
            continue  # the headline (maybe with its kicker) repeated at the top of the body
        kept.append(_PHOTO_CREDIT.sub("", line).strip())
    while kept and _DESK_CODE.match(kept[-1]) and "/" in kept[-1]:
        kept.pop()  # desk codes close the story: "/এমপি/", "ওডি/এসসা"
    return "\n".join(line for line in kept if line)

"""The copy decision: is a candidate (found through the index) a copy of the new text?

"Copy" follows the settled reading of the real gold set (``tests/resources/dedup/README.md``):
one text is derived from the other, in the same words — the same article under another URL,
re-headlined or lightly edited, an update or re-lead that keeps most of the earlier text (also
the next day), a teaser, one passage of a long article, a statement reproduced verbatim. Not
copies: a daily template's other issue (identical words, other numbers), a digest that quotes
the lead, items that share only an outlet's fixed boilerplate (the budget-speech paragraph under
ten budget stories), a later development that keeps only some background paragraphs.

None of the rules looks at the lead: a re-led copy and a copy with a new intro or byline pass on
whole-text containment. The rules, in the order applied (thresholds in :class:`CopyThresholds`,
chosen on the development split of the real pairs; the README's dedup section gives the
evidence):

1. **containment** of the shorter text in the longer. Containment rather than resemblance, so
   that a teaser inside a long text and a text grown by a same-day update are found; many
   follow-ups reusing background also pass, and the next rules handle them.
2. **templates**: headlines with different dates ('৭ অক্টোবর' / '৮ অক্টোবর'); or, 20 h or more
   apart, the same headline series (digits and dates masked) under another headline, or the same
   words with other numbers (too few of the shorter text's numbers found in the longer). Prayer
   times and the gold price repeat their text verbatim every day; the yuan rate and the weather
   repeat it with new figures.
3. **same text**: a resemblance at ``same_text`` is a copy whatever else holds (republication, a
   section move) — except between lead-only items, whose identical text may be the one opening
   sentence of two different articles (rule 7).
4. **digests** (round-up headline on either side) are not copies of the items they quote.
5. **boilerplate**: the shared index keys must be *exclusive* to the pair: the mean over them of
   1 / (articles holding the key) must reach ``exclusive``; items sharing an outlet's fixed
   paragraph share keys that many articles hold.
6. **later day**: more than ``later_hours`` apart needs a fair share of the text in common
   (``later_resemblance``, Jaccard) or the same headline (``later_same_title``): a next-day
   update that keeps most of the earlier text is a copy, a development that keeps only its
   background is not.
7. **lead-only items** (the shorter text has fewer than ``SHORT_WORDS`` words: a feed teaser of a
   headline and one sentence): the headlines must agree too. Identical leads under different
   headlines were read as different stories of one event, paraphrased headlines as copies.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.dedup.fingerprint import Fingerprint, overlap


@dataclass(frozen=True)
class CopyThresholds:
    containment: float = 0.60
    same_text: float = 0.90
    exclusive: float = 0.20
    later_hours: float = 12.0
    later_resemblance: float = 0.40
    later_same_title: float = 0.70
    short_title: float = 0.40
    numbers_agree: float = 0.90
    other_day_hours: float = 20.0


DEFAULT = CopyThresholds()


@dataclass(frozen=True)
class CopyFeatures:
    containment: float  # share of the shorter text's shingles found in the longer
    resemblance: float  # Jaccard of the two shingle sets
    exclusive: float  # mean over the shared index keys of 1 / (articles holding the key)
    hours_apart: float | None  # None: a date is unknown
    short: bool  # the shorter text is a lead-only item (under SHORT_WORDS words)
    both_short: bool
    title_similarity: float
    numbers_agree: float  # share of the shorter text's numbers and dates found in the longer
    template: bool  # another issue of a daily template (see ``features``)
    digest: bool


def title_similarity(a: Fingerprint, b: Fingerprint) -> float:
    ta, tb = a.title_words, b.title_words
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def _dates(numbers: frozenset[int]) -> set[int]:
    return {n for n in numbers if n < 0}


def features(
    new: Fingerprint,
    new_hours: float | None,
    old: Fingerprint,
    old_hours: float | None,
    exclusive: float,
    t: CopyThresholds = DEFAULT,
) -> CopyFeatures:
    c_new, c_old, jaccard = overlap(new.sample, old.sample)
    containment = c_new if new.n_shingles <= old.n_shingles else c_old
    hours = abs(new_hours - old_hours) if new_hours is not None and old_hours is not None else None
    da, db = _dates(new.title_numbers), _dates(old.title_numbers)
    other_day = hours is not None and hours >= t.other_day_hours
    short, long_ = (new, old) if new.n_shingles <= old.n_shingles else (old, new)
    agree = len(short.numbers & long_.numbers) / len(short.numbers) if short.numbers else 1.0
    retitled = new.title_words != old.title_words
    # Another issue of a template: headlines dated differently; or, on another day, the same
    # headline series retitled, or the same words with other numbers (rates, temperatures).
    same_series = new.series == old.series and new.series != 0
    template = bool(da and db and not (da & db)) or (
        other_day and ((retitled and same_series) or agree < t.numbers_agree)
    )
    return CopyFeatures(
        containment=containment,
        resemblance=jaccard,
        exclusive=exclusive,
        hours_apart=hours,
        short=new.short or old.short,
        both_short=new.short and old.short,
        title_similarity=title_similarity(new, old),
        numbers_agree=agree,
        template=template,
        digest=new.digest or old.digest,
    )


def is_copy(f: CopyFeatures, t: CopyThresholds = DEFAULT) -> bool:
    return reason(f, t) == "copy"


def reason(f: CopyFeatures, t: CopyThresholds = DEFAULT) -> str:
    """'copy', or the name of the rule that rejected the pair (for review and error analysis)."""
    if f.containment < t.containment:
        return "containment"
    if f.template:
        return "template"
    if f.resemblance >= t.same_text and not f.both_short:
        return "copy"
    if f.digest:
        return "digest"
    if f.exclusive < t.exclusive:
        return "boilerplate"
    if (
        f.hours_apart is not None
        and f.hours_apart > t.later_hours
        and f.resemblance < t.later_resemblance
        and f.title_similarity < t.later_same_title
    ):
        return "later_day"
    if f.short and f.title_similarity < t.short_title:
        return "lead_only_titles"
    return "copy"

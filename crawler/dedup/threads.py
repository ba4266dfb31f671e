"""Story threads: the same event across outlets (and within one) over a few days.

A thread is the second level above copy clusters: every copy is in its source's thread, and an
article written in its own words joins the thread of the stored articles that report the same
event. The earliest member is the thread's first report.

Representation (:class:`Profile`): a TF-IDF vector of the article's *content terms* —
light-stemmed words of headline and body, the headline counted ``TITLE_WEIGHT`` times (a headline
names the event), plus numbers of two or more digits (a toll, a score, a seat count) — reduced to
its ``TOP_TERMS`` heaviest terms. Bengali has no capitals, so named entities are approximated by
*rarity*: a name, a place, an unusual noun has a high inverse document frequency, a function
word none. A small gazetteer of Bangladesh's districts finds *places*: two local reports of the
same kind of event in different districts are different events.

Candidates come from the ``INDEX_TERMS`` most salient terms of each article (its heaviest terms
that some earlier article also used) posted under its day: a new article looks up its own within
``WINDOW_DAYS`` days, so the cost follows a few days' volume, not the corpus. (The rarest words of
a text are mostly one-off spellings and find fewer of the same stories.)

Decision (:func:`link_score`, :class:`ThreadThresholds`, chosen on the development pairs):

* a pairwise cosine ≥ ``link`` to a member links the article to that member's thread; the bar
  rises with fewer than ``min_shared`` posted terms in common (``link_weak``), 20 h or more apart
  (``link_later``), when both name districts and none in common (``link_places``), and for daily
  bulletins (``link_routine``: weather, gold price, rates, air quality, horoscopes), which
  moreover never link across days;
* never across a template's issues (the same masked headline on another day, other dates in the
  headlines) nor more than ``WINDOW_DAYS`` days apart;
* digests never join, seed or bridge a thread: they name a dozen stories and would glue them;
* and the thread as a whole must be about the article: cosine with its *centroid* (the running
  sum of its members' vectors, ``CENTROID_TERMS`` heaviest terms) ≥ ``centroid``.

Assignment is incremental: a new article joins the thread with the best centroid cosine; if it
passes ``merge`` with two threads, they merge, so a story first reported in two threads is united
once an article bridges them. Pure single-link clustering drifts from story to story through
chains of pairwise links; the centroid test and the stricter merge bar keep each thread one story.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from crawler.dedup.text import Tokens, term_of

TOP_TERMS = 48  # terms kept in an article's vector
INDEX_TERMS = 10  # salient terms posted for candidates
CENTROID_TERMS = 64
WINDOW_DAYS = 3
MAX_CANDIDATES = 16
TITLE_WEIGHT = 3
DF_BITS = 22  # hashed document-frequency table: 4M counters

_DISTRICTS = """ঢাকা গাজীপুর নারায়ণগঞ্জ নরসিংদী মানিকগঞ্জ মুন্সীগঞ্জ মুন্সিগঞ্জ টাঙ্গাইল কিশোরগঞ্জ ফরিদপুর
গোপালগঞ্জ মাদারীপুর রাজবাড়ী শরীয়তপুর চট্টগ্রাম কক্সবাজার রাঙামাটি বান্দরবান খাগড়াছড়ি কুমিল্লা
ব্রাহ্মণবাড়িয়া চাঁদপুর নোয়াখালী ফেনী লক্ষ্মীপুর রাজশাহী নাটোর নওগাঁ চাঁপাইনবাবগঞ্জ পাবনা সিরাজগঞ্জ বগুড়া
জয়পুরহাট খুলনা বাগেরহাট সাতক্ষীরা যশোর ঝিনাইদহ মাগুরা নড়াইল কুষ্টিয়া চুয়াডাঙ্গা মেহেরপুর বরিশাল পটুয়াখালী
ভোলা পিরোজপুর বরগুনা ঝালকাঠি সিলেট মৌলভীবাজার হবিগঞ্জ সুনামগঞ্জ রংপুর দিনাজপুর কুড়িগ্রাম গাইবান্ধা
নীলফামারী লালমনিরহাট ঠাকুরগাঁও পঞ্চগড় ময়মনসিংহ জামালপুর নেত্রকোনা শেরপুর"""
# The capital is left out: national news names Dhaka everywhere.
PLACE_TERMS = np.array(
    sorted({term_of(p) for p in _DISTRICTS.split()} - {term_of("ঢাকা")}), dtype=np.int64
)
PLACE_WORDS = 60  # places are read from the headline and the first words only


@dataclass(frozen=True)
class Profile:
    """An article as the thread level keeps it."""

    terms: np.ndarray  # int64 term hashes, sorted (at most TOP_TERMS)
    weights: np.ndarray  # float32, L2-normalised TF-IDF weights of ``terms``
    posted: np.ndarray  # int64: the INDEX_TERMS salient terms (the postings)
    places: frozenset[int]
    series: int
    title_dates: frozenset[int]
    digest: bool
    short: bool  # a feed teaser
    routine: bool = False  # daily bulletin headline (digest.routine_title)


class DocumentFrequency:
    """Hashed document frequencies (a fixed array): IDF without a vocabulary table.

    Collisions only raise a term's count (it looks a little more common than it is). Saved as a
    blob with the index, and rebuilt by counting the stored articles' terms."""

    def __init__(self, counts: np.ndarray | None = None, n_docs: int = 0) -> None:
        self.counts = counts if counts is not None else np.zeros(1 << DF_BITS, dtype=np.uint32)
        self.n_docs = n_docs
        self.mask = (1 << DF_BITS) - 1

    def slots(self, hashes: np.ndarray) -> np.ndarray:
        return hashes & self.mask

    def add(self, vocabulary: np.ndarray) -> None:
        """Count one article's distinct terms (``vocabulary`` is unique)."""
        self.counts[self.slots(vocabulary)] += 1  # unique slots but for rare collisions
        self.n_docs += 1


def profile_tokens(tok: Tokens, df: DocumentFrequency) -> tuple[Profile, np.ndarray]:
    """The article's thread profile, weighted by the document frequencies seen so far, and its
    distinct terms (for the document frequencies once it is filed)."""
    terms = np.concatenate((tok.body_terms, np.repeat(tok.title_terms, TITLE_WEIGHT)))
    hashes, tf = np.unique(terms[terms != 0], return_counts=True)
    counts = df.counts[df.slots(hashes)]
    w = (1.0 + np.log(tf)) * (np.log((df.n_docs + 1.0) / (counts + 1.0)) + 1.0)
    order = np.argsort(-w, kind="stable")[:TOP_TERMS]
    top_w = w[order]
    norm = float(np.sqrt(np.dot(top_w, top_w))) or 1.0
    # Posted terms: the heaviest of the vector (salient names, places, numbers of this story),
    # skipping words seen in no earlier article (typos and one-off coinages match nothing).
    posted = hashes[order][counts[order] > 0][:INDEX_TERMS]
    top = hashes[order]
    by_term = np.argsort(top)
    opening = np.concatenate((tok.title_terms, tok.body_terms[:PLACE_WORDS]))
    at = np.minimum(np.searchsorted(PLACE_TERMS, opening), len(PLACE_TERMS) - 1)
    places = frozenset(opening[PLACE_TERMS[at] == opening].tolist())
    return (
        Profile(
            terms=top[by_term],
            weights=(top_w[by_term] / norm).astype(np.float32),
            posted=posted,
            places=places,
            series=tok.series,
            title_dates=frozenset(n for n in tok.title_numbers if n < 0),
            digest=tok.digest,
            short=tok.n_words < 40,
            routine=tok.routine,
        ),
        hashes,
    )


def add_vectors(
    ta: np.ndarray, wa: np.ndarray, tb: np.ndarray, wb: np.ndarray, keep: int = CENTROID_TERMS
) -> tuple[np.ndarray, np.ndarray]:
    """Sum of two sparse vectors (sorted term hashes, weights), truncated to the ``keep``
    heaviest terms and sorted by term again: a thread's centroid is the running sum of its
    members' vectors."""
    terms = np.concatenate((ta, tb))
    weights = np.concatenate((wa, wb)).astype(np.float32)
    uniq, inv = np.unique(terms, return_inverse=True)
    sums = np.zeros(len(uniq), dtype=np.float32)
    np.add.at(sums, inv, weights)
    order = np.sort(np.argsort(-sums, kind="stable")[:keep])
    return uniq[order], sums[order]


def cosines(p: Profile, terms: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Cosine of ``p`` with each row of ``terms``/``weights`` (rows padded with term 0 and weight
    0; rows need not be normalised: each is divided by its norm)."""
    at = np.minimum(np.searchsorted(p.terms, terms), max(len(p.terms) - 1, 0))
    if not len(p.terms):
        return np.zeros(len(terms))
    hit = (p.terms[at] == terms) & (terms != 0)
    dots = (np.where(hit, p.weights[at], 0.0) * weights).sum(axis=1, dtype=np.float64)
    norms = np.sqrt((weights.astype(np.float64) ** 2).sum(axis=1))
    return np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)


@dataclass(frozen=True)
class ThreadThresholds:
    link: float = 0.30  # pairwise cosine to some member of the thread
    link_weak: float = 0.45  # ... when fewer than min_shared posted terms are shared
    min_shared: int = 2
    link_later: float = 0.40  # ... when the two are other_day_hours or more apart
    link_places: float = 0.70  # ... when they name different districts
    link_routine: float = 0.50  # ... when one is a daily bulletin (and never on another day)
    centroid: float = 0.25  # cosine to the thread's centroid (guards against chaining)
    merge: float = 0.45  # centroid cosine to both threads for a merge
    window_hours: float = WINDOW_DAYS * 24.0
    other_day_hours: float = 20.0


DEFAULT = ThreadThresholds()


@dataclass(frozen=True)
class LinkFeatures:
    cosine: float
    shared: int  # posted terms in common
    hours_apart: float | None
    template: bool
    place_conflict: bool
    digest: bool
    routine: bool


def link_features(
    a: Profile,
    ha: float | None,
    b: Profile,
    hb: float | None,
    cosine: float,
    shared: int,
    t: ThreadThresholds = DEFAULT,
) -> LinkFeatures:
    hours = abs(ha - hb) if ha is not None and hb is not None else None
    other_day = hours is not None and hours >= t.other_day_hours
    template = bool(a.title_dates and b.title_dates and not (a.title_dates & b.title_dates)) or (
        other_day and a.series == b.series and a.series != 0
    )
    return LinkFeatures(
        cosine=cosine,
        shared=shared,
        hours_apart=hours,
        template=template,
        place_conflict=bool(a.places and b.places and not (a.places & b.places)),
        digest=a.digest or b.digest,
        routine=a.routine or b.routine,
    )


def link_score(f: LinkFeatures, t: ThreadThresholds = DEFAULT) -> float:
    """The pair's cosine if the rules allow a link at all, else 0."""
    if f.digest or f.template:
        return 0.0
    if f.hours_apart is not None and f.hours_apart > t.window_hours:
        return 0.0
    later = f.hours_apart is not None and f.hours_apart >= t.other_day_hours
    if f.routine and later:
        return 0.0
    need = t.link
    if f.routine:
        need = max(need, t.link_routine)
    if later:
        need = max(need, t.link_later)
    if f.shared < t.min_shared:
        need = max(need, t.link_weak)
    if f.place_conflict:
        need = max(need, t.link_places)
    return f.cosine if f.cosine >= need else 0.0

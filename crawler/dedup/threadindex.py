"""The thread level's state: who is in which thread, filed incrementally, kept in the index file.

A thread's id is its first report's article id (``crawler.dedup.stage.doc_id`` of its URL), so
it does not depend on the order articles arrived in; when an earlier article joins, or two
threads merge, the thread takes the first report's id and the old id becomes an **alias**
(``thread_alias``; :meth:`ThreadIndex.resolve`). :class:`Filed` tells the caller which ids were
renamed, so the articles table can follow.

Memory holds a time window: candidates are always within ``WINDOW_DAYS`` days of the new article,
so each day's profiles and salient-term postings are loaded from ``thread_docs`` when first
needed and the least recently used days are dropped (``crawler.dedup.buckets``). Threads touched
recently keep their centroid in memory; a thread of one article has no row in ``threads`` (most
threads: its article's vector is its centroid). Rows are buffered and written by
:meth:`ThreadIndex.write` inside the stage's checkpoint transaction.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np

from crawler.dedup.buckets import Arrays, Window
from crawler.dedup.threads import (
    DEFAULT,
    MAX_CANDIDATES,
    TOP_TERMS,
    WINDOW_DAYS,
    DocumentFrequency,
    Profile,
    ThreadThresholds,
    add_vectors,
    cosines,
    link_features,
    link_score,
)

FLAG_DIGEST, FLAG_SHORT, FLAG_ROUTINE = 1, 2, 4
_NONE = np.zeros(0, dtype=np.int64)
DAYS_IN_MEMORY = 8
THREADS_IN_MEMORY = 10_000
TERM_CAP = 64  # postings of one salient term per day looked at, the latest


@dataclass
class Member:
    thread: int  # as filed: resolve through the aliases
    hours: float | None
    day: int
    profile: Profile


@dataclass
class ThreadState:
    first_doc: int
    first_day: int
    first_hours: float | None
    size: int
    terms: np.ndarray  # centroid: sorted term hashes
    weights: np.ndarray


@dataclass(frozen=True)
class Filed:
    thread: int
    renames: tuple[int, ...] = ()  # thread ids that are now part of ``thread``


def earlier(hours: float | None, than: float | None) -> bool:
    """The first report is the earliest dated member (a dated article is earlier than an undated
    one; of equal times, the one filed first stays first)."""
    return hours is not None and (than is None or hours < than)


def _ints(text: str) -> frozenset[int]:
    return frozenset(int(x) for x in text.split())


class ThreadIndex:
    def __init__(self, conn: sqlite3.Connection, t: ThreadThresholds = DEFAULT) -> None:
        self.conn, self.t = conn, t
        df = conn.execute("select value from state where key = 'df'").fetchone()
        n = conn.execute("select value from state where key = 'n_docs'").fetchone()
        counts = np.frombuffer(df[0], dtype=np.uint32).copy() if df else None
        self.df = DocumentFrequency(counts, int(n[0]) if n else 0)
        self.alias: dict[int, int] = dict(conn.execute("select old, new from thread_alias"))
        self.window = Window(self._load, DAYS_IN_MEMORY, self._dropping)
        self.members: dict[int, Member] = {}
        self.day_members: dict[int, list[int]] = {}
        self.states: OrderedDict[int, ThreadState] = OrderedDict()
        self.dirty: set[int] = set()
        self.deleted: set[int] = set()
        self.rows: dict[tuple[int, int], tuple[Any, ...]] = {}
        self.new_alias: list[tuple[int, int]] = []

    # -- memory ------------------------------------------------------------------------------
    def _load(self, day: int) -> Arrays:
        terms, docs, listed = [], [], self.day_members.setdefault(day, [])
        for doc, thread, hours, flags, series, t, w, posted, places, dates in self.conn.execute(
            "select doc, thread, hours, flags, series, terms, weights, posted, places,"
            " title_dates from thread_docs where day = ?",
            [day],
        ):
            profile = Profile(
                terms=np.frombuffer(t, dtype=np.int64),
                weights=np.frombuffer(w, dtype=np.float32),
                posted=np.frombuffer(posted, dtype=np.int64),
                places=_ints(places),
                series=series,
                title_dates=_ints(dates),
                digest=bool(flags & FLAG_DIGEST),
                short=bool(flags & FLAG_SHORT),
                routine=bool(flags & FLAG_ROUTINE),
            )
            self.members[doc] = Member(thread, hours, day, profile)
            listed.append(doc)
            if not profile.digest:
                terms.append(profile.posted)
                docs.append(np.full(len(profile.posted), doc, dtype=np.int64))
        if not terms:
            return _NONE, _NONE, _NONE
        keys = np.concatenate(terms)
        return keys, np.concatenate(docs), np.zeros(len(keys), dtype=np.int64)

    def _dropping(self, day: int) -> None:
        if any(d == day for d, _ in self.rows):
            self.write()
        for doc in self.day_members.pop(day, ()):
            self.members.pop(doc, None)

    def resolve(self, thread: int) -> int:
        while thread in self.alias:
            thread = self.alias[thread]
        return thread

    def member(self, doc: int, day: int) -> Member | None:
        if day not in self.window.loaded:
            self.window.cover(day, day)
        return self.members.get(doc)

    def _locate(self, doc: int, day: int) -> tuple[int, Member] | None:
        """An article's day and entry: ``day`` if it is there, else any day in memory."""
        found = self.member(doc, day)
        return (found.day, found) if found is not None else None

    def state(self, thread: int, day: int) -> ThreadState | None:
        """A thread's state; ``day``: the day of a member, which for a thread of one article
        (no row) is that article."""
        found = self.states.get(thread)
        if found is not None:
            self.states.move_to_end(thread)
            return found
        row = self.conn.execute(
            "select first_doc, first_day, first_hours, size, centroid_terms, centroid_weights"
            " from threads where thread = ?",
            [thread],
        ).fetchone()
        if row is not None:
            first, first_day, first_hours, size, terms, weights = row
            found = ThreadState(
                first, first_day, first_hours, size,
                np.frombuffer(terms, dtype=np.int64), np.frombuffer(weights, dtype=np.float32),
            )  # fmt: skip
        else:
            located = self._locate(thread, day)
            if located is None:
                return None
            d, m = located
            found = ThreadState(thread, d, m.hours, 1, m.profile.terms, m.profile.weights)
        self._keep(thread, found)
        return found

    def _keep(self, thread: int, state: ThreadState) -> None:
        self.states[thread] = state
        self.states.move_to_end(thread)
        while len(self.states) > THREADS_IN_MEMORY:
            old, dropped = self.states.popitem(last=False)
            if old in self.dirty:
                self._write_state(old, dropped)
                self.dirty.discard(old)

    # -- filing --------------------------------------------------------------------------------
    def candidates(self, profile: Profile, day: int) -> list[tuple[int, int, int]]:
        """(doc, day, posted terms shared) of the articles within the window sharing salient
        terms with ``profile``, most shared first (of a term many articles hold, only the latest
        ``TERM_CAP`` of each day count: a big story's newest members are its best candidates)."""
        if not len(profile.posted):
            return []
        first, last = day - WINDOW_DAYS, day + WINDOW_DAYS
        self.window.cover(first, last)
        _, all_docs, days, _ = self.window.find(profile.posted, first, last, TERM_CAP)
        if not len(all_docs):
            return []
        uniq, at, shared = np.unique(all_docs, return_index=True, return_counts=True)
        on = days[at]
        best = np.lexsort((uniq, on, -shared))[:MAX_CANDIDATES]
        return list(zip(uniq[best].tolist(), on[best].tolist(), shared[best].tolist(), strict=True))

    def file(
        self,
        doc: int,
        day: int,
        hours: float | None,
        profile: Profile,
        vocabulary: np.ndarray,
        copy_of: tuple[int, int] | None = None,
    ) -> Filed:
        """File a new article; ``copy_of``: (doc, day) of a stored article it copies (a copy is
        in its source's thread, no scoring needed)."""
        renames: list[int] = []
        thread: int | None = None
        hint = day
        if profile.digest:
            thread = doc  # a digest is a thread of its own, and is not posted
        elif copy_of is not None:
            source = self.member(*copy_of)
            thread = self.resolve(source.thread) if source is not None else None
            hint = copy_of[1]
        if thread is None:
            thread = self._link(doc, day, hours, profile, renames)
        return self._store(doc, day, hours, profile, vocabulary, thread, renames, hint)

    def _link(
        self, doc: int, day: int, hours: float | None, profile: Profile, renames: list[int]
    ) -> int:
        found = self.candidates(profile, day)
        linked: dict[int, int] = {}
        if found:
            members = [(c, d, n, self.member(c, d)) for c, d, n in found]
            present = [(c, d, n, m) for c, d, n, m in members if m is not None]
            terms = np.zeros((len(present), TOP_TERMS), dtype=np.int64)
            weights = np.zeros((len(present), TOP_TERMS), dtype=np.float32)
            for i, (_, _, _, m) in enumerate(present):
                terms[i, : len(m.profile.terms)] = m.profile.terms
                weights[i, : len(m.profile.weights)] = m.profile.weights
            values = cosines(profile, terms, weights).tolist()
            for (_, d, n, m), cosine in zip(present, values, strict=True):
                if cosine < self.t.link:  # below every bar link_score can set
                    continue
                f = link_features(profile, hours, m.profile, m.hours, cosine, n, self.t)
                score = link_score(f, self.t)
                if score > 0:
                    linked.setdefault(self.resolve(m.thread), d)
        # A member is close: is the thread as a whole about this story? (the centroid test keeps
        # a chain of pairwise links from drifting from story to story)
        by_thread: dict[int, float] = {}
        for th, d in linked.items():
            state = self.state(th, d)
            if state is None:
                continue
            close = float(cosines(profile, state.terms[None, :], state.weights[None, :])[0])
            if close >= self.t.centroid:
                by_thread[th] = close
        if not by_thread:
            return doc
        ranked = sorted(by_thread, key=lambda th: (-by_thread[th], th))
        thread = ranked[0]
        for other in ranked[1:]:
            if by_thread[other] >= self.t.merge and by_thread[ranked[0]] >= self.t.merge:
                thread = self._merge(thread, other, linked, renames)
        return thread

    def _merge(self, a: int, b: int, days: dict[int, int], renames: list[int]) -> int:
        """Unite two threads; the one whose first report is earlier keeps its id."""
        sa, sb = self.state(a, days.get(a, 0)), self.state(b, days.get(b, 0))
        if sa is None or sb is None:
            return a
        keep, drop, sk, sd = a, b, sa, sb
        if earlier(sb.first_hours, sa.first_hours):
            keep, drop, sk, sd = b, a, sb, sa
        terms, weights = add_vectors(sk.terms, sk.weights, sd.terms, sd.weights)
        merged = ThreadState(
            sk.first_doc, sk.first_day, sk.first_hours, sk.size + sd.size, terms, weights
        )
        self._rename(drop, keep, renames)
        self._keep(keep, merged)
        self.dirty.add(keep)
        return keep

    def _rename(self, old: int, new: int, renames: list[int]) -> None:
        self.alias[old] = new
        self.new_alias.append((old, new))
        self.states.pop(old, None)
        self.dirty.discard(old)
        self.deleted.add(old)
        renames.append(old)

    def _store(
        self,
        doc: int,
        day: int,
        hours: float | None,
        profile: Profile,
        vocabulary: np.ndarray,
        thread: int,
        renames: list[int],
        hint: int,
    ) -> Filed:
        if thread != doc:
            state = self.state(thread, hint)
            if state is None:  # its row was lost: the article starts it again
                state = ThreadState(doc, day, hours, 0, profile.terms[:0], profile.weights[:0])
            terms, weights = add_vectors(state.terms, state.weights, profile.terms, profile.weights)
            state = ThreadState(
                state.first_doc, state.first_day, state.first_hours, state.size + 1,
                terms, weights,
            )  # fmt: skip
            if earlier(hours, state.first_hours):
                state.first_doc, state.first_day, state.first_hours = doc, day, hours
                self._rename(thread, doc, renames)
                thread = doc
            self._keep(thread, state)
            self.dirty.add(thread)
            self.deleted.discard(thread)
        self._put(doc, day, hours, profile, thread)
        self.df.add(vocabulary)
        return Filed(thread, tuple(renames))

    def adopt(
        self,
        doc: int,
        day: int,
        hours: float | None,
        profile: Profile,
        vocabulary: np.ndarray,
        thread: int,
    ) -> None:
        """File an article in the thread the database says it is in (refilling the index)."""
        thread = self.resolve(thread)
        if thread != doc or self.states.get(thread) is not None:
            state = self.state(thread, day)
            if state is None:
                self._keep(thread, ThreadState(doc, day, hours, 1, profile.terms, profile.weights))
            else:
                terms, weights = add_vectors(
                    state.terms, state.weights, profile.terms, profile.weights
                )
                first = earlier(hours, state.first_hours)
                self._keep(thread, ThreadState(
                    doc if first else state.first_doc, day if first else state.first_day,
                    hours if first else state.first_hours, state.size + 1, terms, weights,
                ))  # fmt: skip
            self.dirty.add(thread)
        self._put(doc, day, hours, profile, thread)
        self.df.add(vocabulary)

    def _put(self, doc: int, day: int, hours: float | None, p: Profile, thread: int) -> None:
        if day not in self.window.loaded:
            self.window.cover(day, day)
        if doc not in self.members:
            self.day_members.setdefault(day, []).append(doc)
        self.members[doc] = Member(thread, hours, day, p)
        if not p.digest:
            self.window.add(p.posted.tolist(), doc, day)
        flags = (FLAG_DIGEST * p.digest) | (FLAG_SHORT * p.short) | (FLAG_ROUTINE * p.routine)
        self.rows[(day, doc)] = (
            day, doc, thread, hours, flags, p.series, p.terms.tobytes(), p.weights.tobytes(),
            p.posted.tobytes(), " ".join(map(str, sorted(p.places))),
            " ".join(map(str, sorted(p.title_dates))),
        )  # fmt: skip

    # -- writes --------------------------------------------------------------------------------
    def _write_state(self, thread: int, s: ThreadState) -> None:
        self.conn.execute(
            "insert or replace into threads values (?, ?, ?, ?, ?, ?, ?)",
            [thread, s.first_doc, s.first_day, s.first_hours, s.size,
             s.terms.astype(np.int64).tobytes(), s.weights.astype(np.float32).tobytes()],
        )  # fmt: skip

    def write(self) -> None:
        """Write the buffered rows, thread states and aliases (the caller commits)."""
        self.conn.executemany(
            "insert or replace into thread_docs (day, doc, thread, hours, flags, series, terms,"
            " weights, posted, places, title_dates) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self.rows[key] for key in sorted(self.rows)],
        )
        self.conn.executemany(
            "delete from threads where thread = ?", [(t,) for t in sorted(self.deleted)]
        )
        for thread in sorted(self.dirty):
            self._write_state(thread, self.states[thread])
        self.conn.executemany("insert or replace into thread_alias values (?, ?)", self.new_alias)
        self.rows, self.dirty, self.deleted, self.new_alias = {}, set(), set(), []

    def save_frequencies(self) -> None:
        self.conn.execute(
            "insert or replace into state values ('df', ?)", [self.df.counts.tobytes()]
        )
        self.conn.execute("insert or replace into state values ('n_docs', ?)", [self.df.n_docs])

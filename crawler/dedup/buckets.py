"""Postings of the days in memory: key → articles, as sorted arrays plus a dict of recent ones.

Both levels look their candidates up among the articles of a few days around the new one (the
copy level's winnowed keys, the thread level's salient terms), so those days' postings live in
memory and SQLite only keeps what reloads them. They are aligned numpy arrays sorted by key
(article, day, and one integer of the level's own: ``extra``): a lookup is one vectorised binary
search for all the query's keys, filtered to the days asked for, and its result stays in arrays,
so that a key many articles hold costs no Python loop. Postings added since the arrays were last
sorted sit in a dict, merged into the arrays once it holds a fair share of them.

Days are loaded when first asked for and the least recently used are dropped beyond a capacity
(:meth:`Window.cover`); ``before_drop`` lets the owner write what it has not written yet.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable

import numpy as np

_EMPTY = np.zeros(0, dtype=np.int64)
# Recent postings are merged into the sorted arrays at this many, or this share of them: a merge
# copies the arrays once, and lookups walk the recent ones in Python.
MERGE_AT, MERGE_SHARE = 4096, 8
Arrays = tuple[np.ndarray, np.ndarray, np.ndarray]  # keys, articles, extra


class Window:
    def __init__(
        self,
        load: Callable[[int], Arrays],
        capacity: int,
        before_drop: Callable[[int], None] | None = None,
    ) -> None:
        self.load, self.capacity, self.before_drop = load, capacity, before_drop
        self.loaded: OrderedDict[int, None] = OrderedDict()
        self.keys = self.docs = self.days = self.extra = _EMPTY
        self.recent: dict[int, list[tuple[int, int, int]]] = {}
        self.n_recent = 0
        self.covered: tuple[int, int] | None = None  # the days of the last cover() call

    def __len__(self) -> int:
        return len(self.keys) + self.n_recent

    # -- days ----------------------------------------------------------------------------------
    def cover(self, first: int, last: int) -> None:
        """Make sure the days ``first`` to ``last`` are in memory."""
        if self.covered == (first, last):
            return  # every article of a day asks for the same days: nothing would change
        self.covered = (first, last)
        missing = [d for d in range(first, last + 1) if d not in self.loaded]
        for d in range(first, last + 1):
            self.loaded[d] = None
            self.loaded.move_to_end(d)
        if missing:
            parts = [self.load(d) for d in missing]
            days = [
                np.full(len(p[0]), d, dtype=np.int64) for d, p in zip(missing, parts, strict=True)
            ]
            self._sort(
                np.concatenate([self.keys, *(p[0] for p in parts)]),
                np.concatenate([self.docs, *(p[1] for p in parts)]),
                np.concatenate([self.days, *days]),
                np.concatenate([self.extra, *(p[2] for p in parts)]),
            )
        drop = [d for d in self.loaded if not first <= d <= last][
            : max(0, len(self.loaded) - self.capacity)
        ]
        if drop:
            for d in drop:
                if self.before_drop is not None:
                    self.before_drop(d)
                del self.loaded[d]
            self._merge()
            keep = ~np.isin(self.days, drop)
            self.keys, self.docs = self.keys[keep], self.docs[keep]
            self.days, self.extra = self.days[keep], self.extra[keep]

    def _sort(
        self, keys: np.ndarray, docs: np.ndarray, days: np.ndarray, extra: np.ndarray
    ) -> None:
        order = np.argsort(keys, kind="stable")  # stable: a key's articles in filing order
        self.keys, self.docs, self.days, self.extra = (
            keys[order],
            docs[order],
            days[order],
            extra[order],
        )

    # -- postings ------------------------------------------------------------------------------
    def add(self, keys: Iterable[int], doc: int, day: int, extra: int = 0) -> None:
        recent = self.recent
        posting = (doc, day, extra)
        for key in keys:
            held = recent.get(key)
            if held is None:
                recent[key] = [posting]
            else:
                held.append(posting)
            self.n_recent += 1
        if self.n_recent > max(MERGE_AT, len(self.keys) // MERGE_SHARE):
            self._merge()

    def _merge(self) -> None:
        """Move the recent postings into the sorted arrays: they are sorted alone and inserted (a
        linear pass, not a sort of everything), so the dict, which lookups walk in Python, can be
        emptied more often."""
        if not self.n_recent:
            return
        n = self.n_recent
        keys = np.fromiter((k for k, held in self.recent.items() for _ in held), np.int64, n)
        rows = np.array([p for held in self.recent.values() for p in held], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        keys, rows = keys[order], rows[order]
        # after the equal keys already there: a key's articles stay in filing order
        at = np.searchsorted(self.keys, keys, "right")
        self.keys = np.insert(self.keys, at, keys)
        self.docs = np.insert(self.docs, at, rows[:, 0])
        self.days = np.insert(self.days, at, rows[:, 1])
        self.extra = np.insert(self.extra, at, rows[:, 2])
        self.recent, self.n_recent = {}, 0

    def find(
        self, query: np.ndarray, first: int, last: int, cap: int = 0
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every posting of the (int64) ``query`` keys on the days ``first`` to ``last``: (index
        of the key in ``query``, article, day, extra), as arrays. ``cap``: only a key's ``cap``
        latest postings there (0: all)."""
        parts: list[np.ndarray] = []
        if len(self.keys):
            left = np.searchsorted(self.keys, query, "left")
            lengths = np.searchsorted(self.keys, query, "right") - left
            hit = np.flatnonzero(lengths)
            if len(hit):
                lengths = lengths[hit]
                # positions of every posting of every hit key, in one vector
                at = np.repeat(left[hit] - np.cumsum(lengths) + lengths, lengths)
                at += np.arange(len(at))
                days = self.days[at]
                on = (days >= first) & (days <= last)
                at = at[on]
                parts = [np.repeat(hit, lengths)[on], self.docs[at], days[on], self.extra[at]]
        if self.recent:
            get = self.recent.get
            found = [
                (i, *posting)
                for i, key in enumerate(query.tolist())
                for posting in get(key, ())
                if first <= posting[1] <= last
            ]
            if found:
                rows = np.array(found, dtype=np.int64)
                columns = [rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]]
                parts = (
                    [np.concatenate(p) for p in zip(parts, columns, strict=True)]
                    if parts
                    else columns
                )
        if not parts:
            return _EMPTY, _EMPTY, _EMPTY, _EMPTY
        which, docs, days, extra = parts
        if cap and len(which) > cap and np.bincount(which).max() > cap:
            # a key's latest ``cap`` postings: by day, then article (whatever the memory layout)
            order = np.lexsort((docs, days, which))
            which, docs, days, extra = which[order], docs[order], days[order], extra[order]
            new_key = np.empty(len(which), dtype=bool)
            new_key[0] = True
            np.not_equal(which[1:], which[:-1], out=new_key[1:])
            starts = np.flatnonzero(new_key)
            sizes = np.diff(starts, append=len(which))
            keep = np.repeat(starts + sizes, sizes) - np.arange(len(which)) <= cap
            which, docs, days, extra = which[keep], docs[keep], days[keep], extra[keep]
        return which, docs, days, extra

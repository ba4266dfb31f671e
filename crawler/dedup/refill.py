"""The dedup index beside a database: opened, caught up with the articles table, or rebuilt.

The index (``<db>-dedup``, ``crawler.dedup.cache``) is a cache of the articles table. When it is
opened for a crawl, stored articles it lacks (stored before it existed, after its last
checkpoint, or all of them when it was deleted as damaged) are filed again: in the thread the
table gives them, or — an article with no thread yet, stored before threads existed — judged
afresh and given one. :func:`rebuild` starts from an empty index and replays every stored article
in publication order, then writes every article's thread again (``prohori threads --rebuild``):
the same threads an incremental crawl in that order files. Copy clusters are the table's: a copy
is filed in the thread of its cluster's earliest member.

The database is only read and written through its :class:`~crawler.store.storage.Storage`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from crawler.dedup.cache import cache_path, close_cache, database_identity, open_cache
from crawler.dedup.copies import DEFAULT as COPY_DEFAULT
from crawler.dedup.copies import CopyThresholds
from crawler.dedup.stage import DedupStage, doc_id, thread_name, thread_number, when
from crawler.dedup.threads import DEFAULT as THREAD_DEFAULT
from crawler.dedup.threads import ThreadThresholds
from crawler.store.articles import summarize_thread
from crawler.store.storage import Storage

logger = logging.getLogger(__name__)

BATCH = 1000  # articles per checkpoint of the index (and per write of thread ids)
_COLUMNS = "rowid, canonical_url, title, text, published, fetched_at, cluster_id, thread_id"


def open_stage(
    storage: Storage,
    copy_thresholds: CopyThresholds = COPY_DEFAULT,
    thread_thresholds: ThreadThresholds = THREAD_DEFAULT,
) -> DedupStage:
    """The stage over the index file of ``storage``'s database, caught up with its articles."""
    conn = open_cache(cache_path(storage.path), database_identity(storage.conn))
    stage = DedupStage(conn, copy_thresholds, thread_thresholds)
    catch_up(storage, stage)
    return stage


def close_stage(stage: DedupStage, storage: Storage) -> None:
    stage.checkpoint(_last_row(storage), frequencies=True)
    close_cache(stage.conn)


def _last_row(storage: Storage) -> int:
    with storage.snapshot() as db:
        return int(db.execute("select coalesce(max(rowid), 0) from articles").fetchone()[0])


def _rows(storage: Storage, after: int) -> Iterator[tuple[object, ...]]:
    """Stored articles past row ``after``, in row order, a batch per read (memory stays flat)."""
    while True:
        with storage.snapshot() as db:
            batch = db.execute(
                f"select {_COLUMNS} from articles where rowid > ? order by rowid limit ?",
                [after, BATCH],
            ).fetchall()
        if not batch:
            return
        yield from batch
        after = batch[-1][0]


def catch_up(storage: Storage, stage: DedupStage) -> int:
    """File the stored articles the index lacks; returns how many."""
    added, last, fresh = 0, stage.covered, {}
    clusters: dict[str, tuple[int, int]] = {}
    for rowid, url, title, text, published, fetched, cluster, thread in _rows(storage, last):
        last = int(str(rowid))
        hours, day = when(_str(published), _str(fetched))
        if stage.contains(str(url), day):
            continue
        if thread:
            stage.adopt(str(url), _str(title) or "", _str(text) or "", hours, day,
                        thread_number(str(thread)))  # fmt: skip
        else:
            found = stage.examine(str(url), _str(title) or "", _str(text) or "", hours, day)
            filed = stage.file(found, clusters.get(str(cluster)))
            fresh[str(url)] = filed.thread
        if cluster is not None:
            clusters.setdefault(str(cluster), (doc_id(str(url)), day))
        added += 1
        if added % BATCH == 0:
            stage.checkpoint()
    if fresh:
        write_threads(storage, stage, fresh)
    stage.checkpoint(last, frequencies=added > 0)
    if added:
        logger.info("dedup index: %d stored articles filed", added)
    return added


def write_threads(storage: Storage, stage: DedupStage, filed: dict[str, int]) -> None:
    """Write the articles' threads (through the merges that followed) and the threads' rows."""
    names = {url: thread_name(stage.threads.resolve(t)) for url, t in filed.items()}
    with storage.write() as db:
        db.conn.executemany(
            "update articles set thread_id = ? where canonical_url = ?",
            [(name, url) for url, name in names.items()],
        )
        for name in sorted(set(names.values())):
            summarize_thread(db, name)
        db.execute(
            "delete from threads where thread_id not in"
            " (select thread_id from articles where thread_id is not null)"
        )


def rebuild(storage: Storage) -> int:
    """An empty index, every stored article filed again in publication order, and every
    article's thread written again; returns the number of articles."""
    path = cache_path(storage.path)
    path.unlink(missing_ok=True)
    conn = open_cache(path, database_identity(storage.conn))
    stage = DedupStage(conn)
    with storage.snapshot() as db:
        rows = db.execute(f"select {_COLUMNS} from articles").fetchall()
    order = []
    for row in rows:
        hours, day = when(_str(row[4]), _str(row[5]))
        order.append(((hours if hours is not None else day * 24.0 + 12.0), int(str(row[0])), row))
    order.sort(key=lambda entry: entry[:2])
    filed: dict[str, int] = {}
    clusters: dict[str, tuple[int, int]] = {}
    for n, (_, _, (_, url, title, text, published, fetched, cluster, _)) in enumerate(order, 1):
        hours, day = when(_str(published), _str(fetched))
        found = stage.examine(str(url), _str(title) or "", _str(text) or "", hours, day)
        filed[str(url)] = stage.file(found, clusters.get(str(cluster))).thread
        if cluster is not None:
            clusters.setdefault(str(cluster), (doc_id(str(url)), day))
        if n % BATCH == 0:
            stage.checkpoint()
    with storage.write() as db:
        db.execute("update articles set thread_id = null")
        db.execute("delete from threads")
    write_threads(storage, stage, filed)
    close_stage(stage, storage)
    return len(order)


def _str(value: object) -> str | None:
    return None if value is None else str(value)

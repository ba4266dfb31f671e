"""prohori reclassify: stored articles brought to the current model, resumably, reviews kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crawler.classify.cache import default_model
from crawler.classify.reclassify import reclassify
from crawler.store import DatabaseLocked, Storage
from tests.conftest import prohori, status_json

VERDICT = "canonical_url, relevant, score, partners, topics, evidence, model_version"


def verdicts(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    rows = conn.execute(f"select {VERDICT} from articles order by canonical_url").fetchall()
    conn.close()
    return rows


def age(db: Path) -> tuple[list[str], str]:
    """Make every verdict look like an older model's, with two labels wrong; returns the
    flagged URLs the crawl stored and the URL wrongly flagged."""
    conn = sqlite3.connect(db)
    flagged = [u for (u,) in conn.execute("select canonical_url from articles where relevant=1")]
    wrong = conn.execute(
        "select canonical_url from articles where relevant = 0 order by canonical_url limit 1"
    ).fetchone()[0]
    conn.execute("update articles set model_version = 'prohori-clf-3+0123456789', score = 0.5")
    conn.execute("update articles set relevant = 0 where canonical_url = ?", [flagged[0]])
    conn.execute("update articles set relevant = 1 where canonical_url = ?", [wrong])
    conn.commit()
    conn.close()
    return flagged, wrong


def test_reclassify_restores_the_current_models_verdicts_and_keeps_reviews(
    fresh_review_db: Path,
) -> None:
    before = verdicts(fresh_review_db)
    assert {row[-1] for row in before} == {default_model().version}
    conn = sqlite3.connect(fresh_review_db)
    conn.execute(
        "insert into reviews (canonical_url, decision, reviewer, note, decided_at) "
        "select canonical_url, 'irrelevant', 'amina', 'checked', '2026-11-23T10:00:00' "
        "from articles where relevant = 1 limit 1"
    )
    conn.commit()
    reviews = conn.execute("select * from reviews order by id").fetchall()
    conn.close()
    flagged, _ = age(fresh_review_db)
    stale = prohori("status", "--db", str(fresh_review_db), check=False).stdout
    assert f"{len(before)} articles carry another model's verdict" in stale
    assert status_json(fresh_review_db)["model"]["stale"] == len(before)

    out = prohori("reclassify", "--db", str(fresh_review_db)).stdout
    assert f"re-scored {len(before)} articles with {default_model().version}" in out
    assert "1 newly flagged, 1 no longer flagged" in out
    assert verdicts(fresh_review_db) == before
    conn = sqlite3.connect(fresh_review_db)
    assert conn.execute("select * from reviews order by id").fetchall() == reviews
    # The full-text index is untouched by verdict updates and still consistent.
    conn.execute("insert into articles_fts(articles_fts) values ('integrity-check')")
    conn.close()
    assert len(flagged) >= 5
    assert status_json(fresh_review_db)["model"] == {
        "current": default_model().version,
        "articles_by_model": {default_model().version: len(before)},
        "stale": 0,
    }
    assert "reclassify" not in prohori("status", "--db", str(fresh_review_db), check=False).stdout

    again = prohori("reclassify", "--db", str(fresh_review_db)).stdout
    assert "re-scored 0 articles" in again
    forced = prohori("reclassify", "--db", str(fresh_review_db), "--all").stdout
    assert f"re-scored {len(before)} articles" in forced and "0 newly flagged" in forced


def test_an_interrupted_run_keeps_its_batches_and_resumes(fresh_review_db: Path) -> None:
    before = verdicts(fresh_review_db)
    age(fresh_review_db)
    db = Storage(fresh_review_db, timeout=0.2)
    model = default_model()
    blocker = sqlite3.connect(fresh_review_db, timeout=0)

    def lock_after_first_batch(_: int) -> None:
        blocker.execute("begin immediate")  # a crawl takes the write lock

    with pytest.raises(DatabaseLocked, match="locked"):
        reclassify(db, model, batch=40, progress=lock_after_first_batch)
    blocker.rollback()
    blocker.close()
    done = [row for row in verdicts(fresh_review_db) if row[-1] == model.version]
    assert len(done) == 40  # the first batch was committed, the second lost nothing

    outcome = reclassify(db, model, batch=40)
    assert outcome.scored == len(before) - 40
    assert verdicts(fresh_review_db) == before
    db.close()


def test_reclassify_errors_are_clear(tmp_path: Path, fresh_review_db: Path) -> None:
    missing = prohori("reclassify", "--db", str(tmp_path / "none.db"), check=False)
    assert missing.returncode != 0 and "no database" in missing.stderr
    assert not (tmp_path / "none.db").exists()
    bad = tmp_path / "bad.pkl"
    bad.write_bytes(b"not a model")
    result = prohori("reclassify", "--db", str(fresh_review_db), "--model", str(bad), check=False)
    assert result.returncode != 0 and "cannot use the model" in result.stderr
    holder = sqlite3.connect(fresh_review_db)
    holder.execute("begin exclusive")
    try:
        # --all: work to do, so the write lock is needed (with nothing stale, nothing waits).
        locked = prohori(
            "reclassify", "--db", str(fresh_review_db), "--all", "--wait", "0.2", check=False
        )
    finally:
        holder.rollback()
        holder.close()
    assert locked.returncode != 0 and "locked by another process" in locked.stderr
    for result in (missing, locked):
        assert "Traceback" not in result.stderr


def test_a_threshold_of_ones_own_is_recorded_with_the_verdicts(fresh_review_db: Path) -> None:
    version = default_model().version
    flagged = sum(bool(row[1]) for row in verdicts(fresh_review_db))
    low = prohori("reclassify", "--db", str(fresh_review_db), "--threshold", "0.01").stdout
    assert f"with {version}@0.01" in low
    rows = verdicts(fresh_review_db)
    assert {row[-1] for row in rows} == {f"{version}@0.01"}
    assert status_json(fresh_review_db)["model"]["stale"] == len(rows)
    assert sum(bool(row[1]) for row in rows) > flagged  # a lower cut flags more
    back = prohori("reclassify", "--db", str(fresh_review_db)).stdout
    assert f"re-scored {len(rows)} articles with {version}:" in back
    assert status_json(fresh_review_db)["model"]["stale"] == 0

"""``prohori classify``, ``train`` and ``reclassify``: the relevance model on the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import open_storage, usable_model


@click.command()
@click.option(
    "--input",
    "input_file",
    required=True,
    type=click.File("r", encoding="utf-8"),
    help='JSON lines with "id", "title" and "text" ("-" for standard input).',
)
@click.option(
    "--model",
    "model_path",
    default=None,
    type=click.Path(dir_okay=False),
    help="A model file from 'prohori train' (default: the shipped model).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=None,
    help="Flag at or above this score (default: the model's own threshold).",
)
def classify(input_file: Any, model_path: str | None, threshold: float | None) -> None:
    """Classify stories for relevance: one JSON line out per line in.

    Output keys: id, relevant, score, partners, topics, evidence, model_version. A headline with
    its lead works as well as a full article. A line that is not an object with an id and a
    title or text is reported on stderr and skipped; the others are classified, and the exit
    status is then 1.

    \b
    Example:
        prohori classify --input stories.jsonl > verdicts.jsonl
        echo '{"id": 1, "title": "...", "text": "..."}' | prohori classify --input -
    """
    model = usable_model(model_path, None)
    batch: list[tuple[Any, str, str]] = []

    def flush() -> None:
        verdicts = model.judge_many([(title, text) for _, title, text in batch], threshold)
        for (story_id, _, _), v in zip(batch, verdicts, strict=True):
            click.echo(
                json.dumps(
                    {
                        "id": story_id,
                        "relevant": v.relevant,
                        "score": v.score,
                        "partners": v.partners,
                        "topics": v.topics,
                        "evidence": v.evidence,
                        "model_version": v.model_version,
                    },
                    ensure_ascii=False,
                )
            )
        batch.clear()

    bad = 0
    for number, line in enumerate(input_file, start=1):
        if not line.strip():
            continue  # blank lines (a trailing newline) are not stories
        problem = _story_problem(line)
        if problem:
            # One bad line must not cost the rest of a long file: say which, go on, exit 1.
            click.echo(f"line {number} of {input_file.name} skipped: {problem}", err=True)
            bad += 1
            continue
        row = json.loads(line)
        batch.append((row["id"], row.get("title") or "", row.get("text") or ""))
        if len(batch) >= 256:
            flush()
    flush()
    if bad:
        raise click.ClickException(
            f"{bad} line(s) skipped; each line must be a JSON object with id, title, text"
        )


def _story_problem(line: str) -> str | None:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not JSON ({exc.msg})"
    if not isinstance(row, dict):
        return "not a JSON object"
    if row.get("id") is None:
        return 'no "id" to join the verdict back to'
    wrong = [k for k in ("title", "text") if not isinstance(row.get(k) or "", str)]
    if wrong:
        return f"{' and '.join(wrong)} must be text"
    if not (row.get("title") or row.get("text")):
        return "neither title nor text"
    return None


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option(
    "--out",
    default=None,
    type=click.Path(dir_okay=False),
    help="Where to write the model (default: next to the database).",
)
@click.option(
    "--force", is_flag=True, help="Adopt the new model even if it is worse on the frozen test."
)
def train(db: str, out: str | None, force: bool) -> None:
    """Retrain the relevance model on the shipped labels plus this database's reviews.

    Before the new model is adopted, the way it was made (these labels and reviews) is measured
    on the frozen test beside the way the model in use now was made (its reviews, or none for
    the shipped model); both are printed with 95 % intervals. The new model is adopted when it
    is not worse there (F2 on full texts), or with --force; otherwise nothing changes and the
    exit status is 1. The newest model adopted on a database is the one its crawls and
    `reclassify` use from then on. Measuring takes a few minutes (it trains models without the
    frozen items); the current model's figures are cached.

    \b
    Example:
        prohori train --db news.db && prohori reclassify --db news.db
    """
    from datetime import UTC, datetime

    from crawler.classify.cache import save
    from crawler.classify.examples import review_examples, training_data
    from crawler.classify.model import train as fit
    from crawler.classify.retrain import compare, f2

    storage = open_storage(db, create=False)
    with storage.snapshot() as database:
        reviewed = review_examples(database)
        current = database.execute(
            "select version, trained_at from models order by trained_at desc limit 1"
        ).fetchone()
        current_reviews = review_examples(database, until=current[1]) if current else []
    current_name = f"current ({current[0] if current else 'the shipped model'}, "
    current_name += f"{len(current_reviews)} reviews)"
    comparison = compare(current_reviews, reviewed)
    for line in comparison.lines(current_name, f"candidate ({len(reviewed)} reviews)"):
        click.echo(line)
    if not comparison.adopt and not force:
        click.echo(
            f"kept the current model: the candidate is worse on the frozen test (F2 "
            f"{f2(comparison.candidate.headline):.3f} < {f2(comparison.current.headline):.3f}); "
            "review more stories, or adopt it anyway with --force"
        )
        sys.exit(1)
    examples = training_data() + reviewed
    model = fit(examples)
    path = Path(out) if out else Path(db).with_suffix(".model.pkl")
    save(model, path)
    frozen = comparison.candidate.headline
    metrics = {
        **model.metrics,
        "frozen_precision": round(frozen.precision, 4),
        "frozen_recall": round(frozen.recall, 4),
        "frozen_precision_ci": [round(x, 4) for x in frozen.precision_ci],
        "frozen_recall_ci": [round(x, 4) for x in frozen.recall_ci],
        "frozen_n": frozen.n,
        "frozen_positives": frozen.positives,
    }
    with storage.write() as database:
        database.table("models").upsert(
            {
                "version": model.version,
                "path": str(path.resolve()),
                "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "threshold": model.threshold,
                "examples": len(examples),
                "reviews": len(reviewed),
                "metrics": json.dumps(metrics),
            },
            pk="version",
        )
    verb = "adopted (forced)" if force and not comparison.adopt else "adopted"
    click.echo(
        f"{verb} {model.version}, trained on {len(examples)} examples ({len(reviewed)} reviews);"
        f" threshold {model.threshold} -> {path}"
    )


@click.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option(
    "--model",
    "model_path",
    default=None,
    type=click.Path(dir_okay=False),
    help="A model file (default: the one a crawl would use: newest trained on --db, else shipped).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=None,
    help="Flag at or above this score (default: the model's own threshold); with --all it "
    "applies to articles this model scored before too.",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Re-score every article, also those already scored by this model.",
)
@click.option(
    "--wait",
    type=click.FloatRange(0),
    default=30.0,
    show_default=True,
    help="Seconds to wait for a database another process (a crawl) is writing.",
)
def reclassify(
    db: str, model_path: str | None, threshold: float | None, everything: bool, wait: float
) -> None:
    """Re-score stored articles with the current model (after 'prohori train' or an upgrade).

    Only articles scored by another model version are re-scored, in batches that are each
    committed, so an interrupted run goes on where it stopped when run again. Review decisions
    are kept as they are.

    \b
    Example:
        prohori train --db news.db && prohori reclassify --db news.db
    """
    import sqlite3

    from rich.progress import Progress

    from crawler.classify.reclassify import Outcome, pending
    from crawler.classify.reclassify import reclassify as rescore
    from crawler.store import DatabaseLocked

    storage = open_storage(db, create=False, timeout=wait)
    model = usable_model(model_path, storage.db)
    version = model.label_version(threshold)
    total = pending(storage.db, version, everything)
    outcome = Outcome(version)
    try:
        with Progress(transient=True) as progress:
            task = progress.add_task("re-scoring", total=total)
            outcome = rescore(
                storage,
                model,
                threshold,
                everything,
                progress=lambda n: progress.advance(task, n),
            )
    except (sqlite3.OperationalError, DatabaseLocked) as exc:
        done = total - pending(storage.db, version, False) if not everything else None
        kept = f"{done} articles re-scored and kept; " if done is not None else ""
        raise click.ClickException(f"{exc}: {kept}run the same command again to go on") from exc
    click.echo(
        f"re-scored {outcome.scored} articles with {outcome.model_version}: "
        f"{outcome.newly_flagged} newly flagged, {outcome.unflagged} no longer flagged"
    )
    for kind in ("flagged", "unflagged"):
        for title in outcome.examples[kind][:10]:
            click.echo(f"  {'+' if kind == 'flagged' else '-'} {title}")

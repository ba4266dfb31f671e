"""``prohori classify``, ``train`` and ``reclassify``: the relevance model on the command line."""

from __future__ import annotations

import json
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
def train(db: str, out: str | None) -> None:
    """Retrain the relevance model on the shipped labels plus this database's reviews.

    The newest model trained on a database is the one its crawls use from then on.

    \b
    Example:
        prohori train --db news.db
    """
    from datetime import UTC, datetime

    from crawler.classify.cache import save
    from crawler.classify.examples import review_examples, training_data
    from crawler.classify.model import train as fit

    storage = open_storage(db, create=False)
    with storage.snapshot() as database:
        reviewed = review_examples(database)
    examples = training_data() + reviewed
    model = fit(examples)
    path = Path(out) if out else Path(db).with_suffix(".model.pkl")
    save(model, path)
    with storage.write() as database:
        database.table("models").upsert(
            {
                "version": model.version,
                "path": str(path.resolve()),
                "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "threshold": model.threshold,
                "examples": len(examples),
                "reviews": len(reviewed),
                "metrics": json.dumps(model.metrics),
            },
            pk="version",
        )
    click.echo(
        f"trained {model.version} on {len(examples)} examples ({len(reviewed)} reviews);"
        f" threshold {model.threshold}; cross-validated precision "
        f"{model.metrics['cv_precision']}, recall {model.metrics['cv_recall']} -> {path}"
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

"""Trained models on disk: saving, loading, the cached shipped model, and which model to use."""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path
from typing import Any

from crawler.classify.examples import training_data
from crawler.classify.model import RelevanceModel, train
from crawler.classify.version import MODEL_NAME, model_key

log = logging.getLogger(__name__)


def save(model: RelevanceModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(pickle.dumps(model))
    os.replace(tmp, path)  # never leave a half-written model behind


def load(path: Path) -> RelevanceModel:
    # A pickle runs code when loaded: only load model files you wrote ('prohori train').
    try:
        model = pickle.loads(path.read_bytes())
    except (
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        IndexError,
        KeyError,
        TypeError,
    ) as exc:
        raise ValueError(f"{path} is not a Prohori relevance model ({exc})") from exc
    if not isinstance(model, RelevanceModel):
        raise ValueError(f"{path} is not a Prohori relevance model")
    if not model.version.startswith(MODEL_NAME + "+"):  # other features: it cannot score
        raise ValueError(f"{path} holds {model.version}; retrain it with 'prohori train'")
    return model


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "prohori"


def default_model() -> RelevanceModel:
    """The model trained on the shipped labels, cached on disk after the first use under the key
    of everything that shapes it (``model_key``)."""
    examples = training_data()
    path = cache_dir() / f"{MODEL_NAME}-{model_key(examples)[:16]}.pkl"
    if path.exists():
        try:
            return load(path)
        except (OSError, ValueError) as exc:  # unreadable, or written by other libraries
            log.warning("cached model %s is unusable (%s); training it again", path, exc)
    model = train(examples)
    try:
        save(model, path)
    except OSError as exc:  # a read-only home: train again next time
        log.warning("cannot cache the model at %s (%s)", path, exc)
    return model


def resolve_model(path: str | None, db: Any | None = None) -> RelevanceModel:
    """The model file given, else the newest one trained on the database (an open
    ``sqlite_utils.Database``), else the default."""
    if path:
        return load(Path(path))
    row = None
    if db is not None:
        row = db.execute("select path from models order by trained_at desc limit 1").fetchone()
    if row and Path(row[0]).exists():
        try:
            return load(Path(row[0]))
        except ValueError as exc:
            # A model trained by an older Prohori cannot score with today's features; the
            # crawl goes on with the shipped model rather than stopping.
            logging.getLogger(__name__).warning(
                "%s; using the shipped model until then (prohori train --db)", exc
            )
    return default_model()

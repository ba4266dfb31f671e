"""What a trained model depends on, and the key it is cached under.

The key (``model_key``) is a sha256 of the classifier's code, its training settings, the
libraries' versions and the training examples: editing the lexicon, a label or the holdout list
gives a new key, so a cached model of the old code is never served.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

import crawler.text.bangla.normalize
from crawler.classify.examples import LEAD_CHARS, Example

MODEL_NAME = "prohori-clf-5"
SEED = 0
# Training settings (part of the cache key). ``views``: besides each labelled story as given,
# train on its headline + lead and its headline alone (``training_views``), weighted
# ``view_weight`` each, so that the model scores all three kinds of input.
TRAINING: dict[str, Any] = {"C": 4.0, "views": True, "view_weight": 0.5}


def fingerprint(examples: Sequence[Example]) -> str:
    """A digest of the examples as training sees them (id, label, title, text)."""
    digest = hashlib.sha256()
    for e in examples:
        digest.update(f"{e.id}\t{int(e.relevant)}\t{e.title}\t{e.text}\n".encode())
    return digest.hexdigest()


def shaping_sources() -> list[Path]:
    """The code that turns examples into a model: this package's modules and the text
    normalisation they all apply."""
    package = Path(__file__).resolve().parent
    return [*sorted(package.glob("*.py")), Path(crawler.text.bangla.normalize.__file__).resolve()]


def settings() -> dict[str, Any]:
    """The training settings and library versions a model depends on."""
    import scipy
    import sklearn

    return {
        "model": MODEL_NAME,
        "seed": SEED,
        "training": TRAINING,
        "lead_chars": LEAD_CHARS,
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
    }


def model_key(examples: Sequence[Example], sources: Sequence[Path] | None = None) -> str:
    """sha256 of everything that shapes a trained model: the source of the code
    (``shaping_sources``), the training settings and library versions, and the examples (the
    label files minus the held-out items, plus any reviews). Editing the lexicon, a label or the
    holdout list gives a new key, so a cached model of the old code is never served."""
    digest = hashlib.sha256()
    for path in sources if sources is not None else shaping_sources():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps(settings(), sort_keys=True).encode())
    digest.update(fingerprint(examples).encode())
    return digest.hexdigest()

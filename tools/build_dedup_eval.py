"""Build the near-duplicate evaluation set from real texts in ``../shared`` (developer tool).

    python tools/build_dedup_eval.py ../shared tests/resources/dedup/eval.jsonl

Positives are real articles and a copy with the edits syndication makes (new headline, dropped
or added paragraphs, agency or credit lines, different boilerplate, a few words changed);
negatives are pairs of *different* real articles that look alike: the same outlet's stories on
the same event and its follow-ups (e.g. a day of coverage of one death; the gold price rising,
then falling), found as the most similar pairs by word shingles. Deterministic
(``random.Random(7)``).
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
import unicodedata
from itertools import combinations
from pathlib import Path
from typing import Any

CREDITS = [
    "সূত্র: বাসস",
    "(বাসস)",
    "সূত্র: রয়টার্স",
    "/এমএইচ/",
    "ওডি/এসসা",
    "সূত্র: এএফপি, আল-জাজিরা",
    "-নিজস্ব প্রতিবেদক",
    "ঢাকা, ২৩ নভেম্বর (বাসস):",
]
BOILERPLATE = [
    "আরও পড়ুনঃ  নির্বাচনের আগে মাঠে নামছে ইসি",
    "Source link",
    "Facebook Comments Box",
    "শেয়ার করুন",
    "মন্তব্য করুন",
    "spot_img",
]
SWAPS = {
    "বলেন": "জানান",
    "জানিয়েছেন": "বলেছেন",
    "করেছে": "করেছেন",
    "হয়েছে": "হয়",
    "এ সময়": "এসময়",
    "তিনি": "তিনি আরও",
    "সোমবার": "গতকাল সোমবার",
    "প্রায়": "প্রায় প্রায়",
}
_WORDS = re.compile(r"[\u0980-\u09ff\w]+")  # \w alone splits at vowel signs


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for block in (b.strip() for b in text.split("\n")):
        if not block:
            continue
        sentences = [s for s in re.split(r"(?<=[।?!])\s+", block) if s]
        out += [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return out


def load(shared: Path) -> list[dict[str, Any]]:
    articles = []
    rows = csv.DictReader((shared / "corpus/prothomalo-2024-articles.csv").open(encoding="utf-8"))
    for i, row in enumerate(rows):
        if len(row["Article Body"]) > 900:
            articles.append(
                {
                    "id": f"prothomalo-csv:{i + 2}",
                    "title": nfc(row["Headline"]),
                    "paras": paragraphs(nfc(row["Article Body"])),
                    "published": row["Date Published"],
                }
            )
    data = json.loads((shared / "corpus/bdnewspaperscraper-articles.json").read_text("utf-8"))
    for a in data:
        if a["source_language"] == "Bengali" and len(a["article"] or "") > 900:
            body = re.sub(r"((?:[^।]+।\s*))\1", r"\1", nfc(a["article"]))  # scraper repeats
            articles.append(
                {
                    "id": f"bdnewspaperscraper:{a['id']}",
                    "title": nfc(a["headline"]),
                    "paras": paragraphs(body),
                    "published": a["publication_date"] or "",
                }
            )
    return [a for a in articles if len(a["paras"]) >= 4]


def edit(article: dict[str, Any], other: dict[str, Any], rng: random.Random) -> tuple[Any, str]:
    paras = list(article["paras"])
    kinds = rng.sample(["headline", "drop", "add", "credit", "boilerplate", "words"], k=3)
    title = article["title"]
    for kind in kinds:
        if kind == "headline":
            title = rng.choice(other["paras"][0].split("।")[:1]) or other["title"]
        elif kind == "drop":
            # Copies cut the tail or a middle paragraph; the lead carries the news and stays.
            del paras[rng.choice([len(paras) - 1, len(paras) // 2])]
        elif kind == "add":
            paras.insert(rng.randrange(1, len(paras)), "এর আগে " + other["paras"][-1])
        elif kind == "credit":
            paras.append(rng.choice(CREDITS))
            paras[0] = rng.choice(CREDITS) + " " + paras[0]
        elif kind == "boilerplate":
            for line in rng.sample(BOILERPLATE, 3):
                paras.insert(rng.randrange(0, len(paras) + 1), line)
        elif kind == "words":
            text = "\n".join(paras)
            for old, new in rng.sample(sorted(SWAPS.items()), 4):
                text = text.replace(old, new, 1)
            paras = text.split("\n")
    return {"title": title, "text": "\n".join(paras)}, "+".join(sorted(kinds))


def words3(text: str) -> set[str]:
    words = _WORDS.findall(text.lower())
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def main(shared_dir: str, out_file: str) -> None:
    rng = random.Random(7)
    articles = load(Path(shared_dir))
    pairs = []
    for article in rng.sample(articles, 300):
        other = rng.choice([a for a in articles if a is not article])
        copy, kinds = edit(article, other, rng)
        pairs.append(
            {
                "label": "duplicate",
                "kind": kinds,
                "a_id": article["id"],
                "a": {"title": article["title"], "text": "\n".join(article["paras"])},
                "b": copy,
                "b_id": f"edited copy of {article['id']}",
            }
        )
    # Hard negatives: the most alike pairs of different articles (same event, follow-ups).
    grams = [words3("\n".join(a["paras"])) for a in articles]
    scored = []
    for i, j in combinations(range(len(articles)), 2):
        if articles[i]["title"] == articles[j]["title"]:
            continue  # the same story scraped twice: not a negative
        union = len(grams[i] | grams[j]) or 1
        jaccard = len(grams[i] & grams[j]) / union
        scored.append((jaccard, i, j))
    scored.sort(reverse=True)
    for jaccard, i, j in scored[:300]:
        a, b = articles[i], articles[j]
        pairs.append(
            {
                "label": "distinct",
                "kind": f"alike (3-gram Jaccard {jaccard:.3f})",
                "a_id": a["id"],
                "a": {"title": a["title"], "text": "\n".join(a["paras"])},
                "b_id": b["id"],
                "b": {"title": b["title"], "text": "\n".join(b["paras"])},
            }
        )
    Path(out_file).parent.mkdir(parents=True, exist_ok=True)
    with open(out_file, "w", encoding="utf-8") as fh:
        for pair in pairs:
            fh.write(json.dumps(pair, ensure_ascii=False) + "\n")
    print(f"{len(pairs)} pairs -> {out_file}; hardest negative Jaccard {scored[0][0]:.3f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

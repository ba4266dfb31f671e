"""Relevance classification: is a story about Russia's military ties? (see lexicon.py)."""

from crawler.classify.lexicon import MODEL_VERSION, Judgement, rule_judgement

__all__ = ["MODEL_VERSION", "Judgement", "rule_judgement"]

"""Prohori (প্রহরী): a crawler for Bengali news on Russia's military ties."""

__version__ = "0.1.0"

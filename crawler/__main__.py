"""``python -m crawler`` runs the ``prohori`` command line."""

from crawler.cli import main

main()

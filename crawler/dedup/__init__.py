"""Stage 300: exact duplicates, syndicated copies and their clusters (URLs, fingerprints,
the near-duplicate index, the decisions)."""

"""Language packs: one folder per language (`<lang>/lexicon.toml`, draft templates)."""

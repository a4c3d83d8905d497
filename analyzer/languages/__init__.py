"""Language packs: one folder per language (`<lang>/lexicon.toml`, `language.toml`,
`drafts.toml`), read by one loader (`pack`) and validated by the models of `schema`.
See README.md in this folder."""

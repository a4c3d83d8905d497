"""The `impasse` command line. Thin: arguments in, library calls out."""

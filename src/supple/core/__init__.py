"""Pure-Python heart of Supple: no Qt, no pydub, no sqlite3 (checked by import-linter)."""

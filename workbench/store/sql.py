"""Small helpers for writing SQL text (every engine the store's SQL runs on reads these)."""

from __future__ import annotations


def quote(value: object) -> str:
    """``value`` as a SQL string literal: ``O'Brien`` → ``'O''Brien'``."""
    return "'" + str(value).replace("'", "''") + "'"

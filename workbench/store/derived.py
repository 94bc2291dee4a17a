"""Tables derived from the data tables (caches such as the KPI engine's contacts rollup,
``workbench.kpi.rollup``), refreshed by the store's own writers.

The store sits below the KPI layer, so a derived table registers how to refresh itself here
and ``undo_import`` and ``Store.open`` call ``refresh`` inside their transaction. Correctness
never depends on it: each derived table carries the fingerprint of the data it was built from
and its readers check it; a missed refresh only makes the next read slower.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

_REFRESH: dict[str, Callable[[Any], None]] = {}


def register(name: str, refresh: Callable[[Any], None]) -> None:
    """Have ``refresh(con)`` called after the store's own changes of its data."""
    _REFRESH[name] = refresh


def refresh(con: Any) -> None:
    """Refresh every registered derived table through ``con`` (the caller's transaction)."""
    for name, fn in _REFRESH.items():
        log.debug("refreshing %s", name)
        fn(con)

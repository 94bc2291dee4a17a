"""Refresh a view when the filters or the store change — at once if it is shown, else on show."""

from __future__ import annotations

from typing import Any


class RefreshWhenVisible:
    """Mixin for a view (put it before ``QWidget``): hidden views only mark themselves stale.

    The view defines ``refresh()`` (which clears ``_dirty``) and connects the context's
    signals to ``_on_context_changed``.
    """

    _dirty = True

    def _on_context_changed(self, *_: object) -> None:
        if self.isVisible():  # type: ignore[attr-defined]
            self.refresh()  # type: ignore[attr-defined]
        else:
            self._dirty = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if self._dirty:
            self.refresh()  # type: ignore[attr-defined]

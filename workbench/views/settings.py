"""The window's remembered preferences (QSettings in an INI file in the user config folder).

Kept here: window geometry, the last view, the filter bar's state, recent files, the watched
folder, the interface language, the centre name and the intraday mode. Settings that change
numbers (targets, formula options) live in the store, not here.

``Settings(path)`` takes the file explicitly; ``Settings.default()`` uses
``<user config dir>/workbench.ini`` (platformdirs, so tests redirect it with XDG_CONFIG_HOME).
Values are read defensively: a damaged or foreign value falls back to the default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from workbench.paths import APP_AUTHOR, APP_NAME

MAX_RECENT = 8
PERIOD_MODES: tuple[str, ...] = ("latest_month", "today", "week", "month", "custom")


def default_settings_path() -> Path:
    """``workbench.ini`` in the per-user config folder (not created)."""
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "workbench.ini"


class Settings:
    """Typed accessors over one ``QSettings`` INI file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    @classmethod
    def default(cls) -> Settings:
        return cls(default_settings_path())

    def sync(self) -> None:
        self._qs.sync()

    # ---- raw -----------------------------------------------------------------------------
    def value(self, key: str, default: Any = None) -> Any:
        return self._qs.value(key, default)

    def set_value(self, key: str, value: Any) -> None:
        self._qs.setValue(key, value)

    def _str(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return value if isinstance(value, str) else default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return default

    def _int(self, key: str, default: int) -> int:
        try:
            return int(self._qs.value(key, default))
        except (TypeError, ValueError):
            return default

    def _list(self, key: str) -> list[str]:
        value = self._qs.value(key, [])
        if isinstance(value, str):
            return [value] if value else []
        if isinstance(value, list | tuple):
            return [str(v) for v in value if v]
        return []

    # ---- window --------------------------------------------------------------------------
    @property
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("window/state", value)

    @property
    def last_view(self) -> str:
        return self._str("window/last_view", "dashboard")

    @last_view.setter
    def last_view(self, value: str) -> None:
        self._qs.setValue("window/last_view", value)

    # ---- filters -------------------------------------------------------------------------
    def filter_state(self) -> dict:
        """``{"mode", "start", "end", "queue", "channel"}`` as saved (strings, '' = none)."""
        mode = self._str("filters/mode", "latest_month")
        return {
            "mode": mode if mode in PERIOD_MODES else "latest_month",
            "start": self._str("filters/start"),
            "end": self._str("filters/end"),
            "queue": self._str("filters/queue"),
            "channel": self._str("filters/channel"),
        }

    def set_filter_state(self, state: dict) -> None:
        for key in ("mode", "start", "end", "queue", "channel"):
            self._qs.setValue(f"filters/{key}", str(state.get(key) or ""))

    # ---- files ---------------------------------------------------------------------------
    @property
    def recent_files(self) -> list[str]:
        return self._list("files/recent")[:MAX_RECENT]

    def add_recent_file(self, path: str | Path) -> list[str]:
        """Put ``path`` first in the recent files (no duplicates); returns the new list."""
        text = str(Path(path))
        files = [text, *[f for f in self.recent_files if f != text]][:MAX_RECENT]
        self._qs.setValue("files/recent", files)
        return files

    def clear_recent_files(self) -> None:
        self._qs.setValue("files/recent", [])

    @property
    def watched_folder(self) -> str:
        return self._str("live/watched_folder")

    @watched_folder.setter
    def watched_folder(self, value: str | Path | None) -> None:
        self._qs.setValue("live/watched_folder", str(value or ""))

    @property
    def intraday(self) -> bool:
        return self._bool("live/intraday", False)

    @intraday.setter
    def intraday(self, value: bool) -> None:
        self._qs.setValue("live/intraday", bool(value))

    @property
    def intraday_interval_s(self) -> int:
        return max(10, self._int("live/intraday_interval_s", 60))

    @intraday_interval_s.setter
    def intraday_interval_s(self, value: int) -> None:
        self._qs.setValue("live/intraday_interval_s", int(value))

    # ---- identity ------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self._str("ui/language")

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("ui/language", value)

    @property
    def centre_name(self) -> str:
        return self._str("ui/centre_name")

    @centre_name.setter
    def centre_name(self, value: str) -> None:
        self._qs.setValue("ui/centre_name", value)

"""Settings that belong to a store live in the store; user-wide ones in ``Settings``.

The watched folder and the centre name are the store's (its ``settings`` table): opening the
real store after the demo store never watches the demo's folder or shows the demo's centre.
Language, window geometry, intraday mode and recent files stay user-wide (QSettings).
The first time a watched folder's files would be imported into a store, the window asks once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
from typing import Any

from PySide6.QtWidgets import QMessageBox

from workbench.views.i18n import current_lang
from workbench.views.window_text import MainWindow

log = logging.getLogger(__name__)

WATCHED_FOLDER = "watched_folder"
CENTRE_NAME = "centre_name"
#: the watched folder whose imports into this store the user agreed to
WATCH_CONFIRMED = "watched_folder_confirmed"


def _setting(store: Any, key: str) -> str:
    try:
        return str(store.setting(key, "") or "")
    except Exception:  # a store without the table (never after migration 2): no setting
        log.warning("could not read setting %s", key, exc_info=True)
        return ""


def centre_name(store: Any) -> str:
    return _setting(store, CENTRE_NAME)


def watched_folder(store: Any) -> str:
    return _setting(store, WATCHED_FOLDER)


def apply_live_settings(window: Any) -> None:
    """Watch this store's folder (if any) and run the intraday timer if it is on."""
    store = window.ctx.store
    since = None
    with contextlib.suppress(Exception):
        since = store.last_import_at()
    folder = watched_folder(store) if not store.read_only else ""
    window.watcher.set_folder(folder or None, since=since)
    window.intraday.set_interval(window.settings.intraday_interval_s)
    if window.settings.intraday:
        window.intraday.start()
    else:
        window.intraday.stop()


def watched_import(window: Any, paths: list[str]) -> None:
    """Import files from the watched folder; the first time for this store, ask once."""
    store = window.ctx.store
    folder = watched_folder(store)
    if folder and _setting(store, WATCH_CONFIRMED) != folder:
        answer = QMessageBox.question(
            window,
            MainWindow.tr("Watched folder"),
            MainWindow.tr("Import new exports from %1 into the store %2 from now on?")
            .replace("%1", folder)
            .replace("%2", str(store.path or "")),
        )
        if answer != QMessageBox.StandardButton.Yes:
            store.set_setting(WATCHED_FOLDER, "")
            window.watcher.set_folder(None)
            return
        store.set_setting(WATCH_CONFIRMED, folder)
    window.ctx.request_import(paths)


def ask_preferences(window: Any) -> None:
    """Settings → Preferences… with this store's folder and centre name."""
    from workbench.views.preferences import Preferences, PreferencesDialog

    current = dataclasses.replace(
        Preferences.from_settings(window.settings, current_lang()),
        watched_folder=watched_folder(window.ctx.store),
        centre_name=centre_name(window.ctx.store),
    )
    dialog = PreferencesDialog(current, window)
    if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
        apply_preferences(window, dialog.preferences())


def apply_preferences(window: Any, prefs: Any) -> None:
    """Save and apply edited preferences (a language change rebuilds the window)."""
    old_lang = current_lang()
    prefs.save(window.settings)
    store = window.ctx.store
    if not store.read_only:
        store.set_setting(CENTRE_NAME, prefs.centre_name)
        if prefs.watched_folder != watched_folder(store):
            store.set_setting(WATCHED_FOLDER, prefs.watched_folder)
            # chosen here by the user for this store: that is the one confirmation
            store.set_setting(WATCH_CONFIRMED, prefs.watched_folder)
    window.intraday_action.setChecked(prefs.intraday)
    apply_live_settings(window)
    window.update_title()
    if prefs.language != old_lang:
        window.languageChangeRequested.emit(prefs.language)

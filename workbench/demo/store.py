"""The demo store ``workbench --demo`` opens: created once, through the real importer.

Which months hold which kind (why the interval summary covers the *previous* month): the KPI
engine prefers contact-level data on the days it exists, so an ACD summary of the same days
would never show. The demo therefore has the call detail, agent hours, bot sessions,
campaigns and quality for ``DEMO_MONTH`` (2026-10) and the ACD platform's 15-minute summary
report for the month before (2026-09), as a centre has when it switched from summary reports
to call detail: the dashboard's month comparison and the daily trend then show both kinds.

The store is built under a temporary name and renamed when complete, so an interrupted first
run never leaves a half-filled demo behind; later runs reuse the finished store.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.demo.generate import DEMO_MONTH
from workbench.domain import KIND_NAMES
from workbench.errors import InputRejected
from workbench.i18n import _
from workbench.paths import demo_store_path

if TYPE_CHECKING:
    from workbench.store import Store

log = logging.getLogger(__name__)

DEMO_META_KEY = "demo_month"
FILES_DIR_NAME = "demo-files"


def demo_files_dir(store_path: Path) -> Path:
    """The folder beside the demo store holding the generated exports."""
    return store_path.parent / FILES_DIR_NAME


def _has_data(path: Path) -> bool:
    """True when ``path`` is a store holding any imported rows (then it is reused as is)."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    from workbench.store import Store

    with Store.open(path) as store:
        return _store_has_data(store)


def _store_has_data(store) -> bool:
    counts = store.row_counts()
    return bool(store.meta(DEMO_META_KEY)) or any(counts.get(k, 0) > 0 for k in KIND_NAMES)


def ensure_demo_store(
    path: Path | Store | None = None,
    *,
    contacts: int = 30_000,
    seed: int = 7,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Create the demo store at ``path`` (default ``paths.demo_store_path()``) unless it has data.

    Writes the synthetic month as .xlsx files into ``demo-files/`` beside the store and
    imports them with ``workbench.importing.import_files``, kind by kind. Returns the
    store's path. Raises ``InputRejected`` if the importer refuses a demo file (a bug).
    """
    from workbench.store import Store

    say = progress or (lambda _msg: None)
    if isinstance(path, Store):  # an open store (the GUI's): fill it in place when empty
        store = path
        if store.path is None:
            raise ValueError("the demo needs a store on disk")
        if _store_has_data(store):
            return store.path
        files = _write_files(store.path, contacts, seed, say)
        _import_files(store, files, say)
        return store.path
    path = Path(path) if path is not None else demo_store_path()
    if _has_data(path):
        return path
    files = _write_files(path, contacts, seed, say)
    if path.exists():  # an empty store: fill it in place
        _import_into(path, files, say)
    else:  # build under a temporary name so an interrupted run leaves nothing half-done
        partial = path.with_name(path.name + ".partial")
        _remove_store_files(partial)
        _import_into(partial, files, say)
        partial.rename(path)
    say(_("demo store ready: {path}").format(path=path))
    return path


def _write_files(
    store_path: Path, contacts: int, seed: int, say: Callable[[str], None]
) -> list[Path]:
    from workbench.demo import generate_month

    store_path.parent.mkdir(parents=True, exist_ok=True)
    files_dir = demo_files_dir(store_path)
    if files_dir.exists():
        shutil.rmtree(files_dir)
    say(
        _("writing the demo month {month} as Excel files in {folder}").format(
            month=DEMO_MONTH, folder=files_dir
        )
    )
    return generate_month(files_dir, month=DEMO_MONTH, contacts=contacts, seed=seed)


def _import_into(store_path: Path, files: list[Path], say: Callable[[str], None]) -> None:
    from workbench.store import Store

    with Store.open(store_path) as store:
        _import_files(store, files, say)


def _import_files(store, files: list[Path], say: Callable[[str], None]) -> None:
    """Import the demo files kind by kind through the real import job; mark the store."""
    from workbench.demo.writers import LAYOUTS
    from workbench.importing import import_files

    for kind in KIND_NAMES:
        prefix = LAYOUTS[kind].file_stem.split("{")[0]
        mine = [f for f in files if f.name.startswith(prefix)]
        if not mine:
            continue
        say(_("importing {kind}: {files}").format(kind=kind, files=", ".join(f.name for f in mine)))
        result = import_files(store, mine, kind=kind)
        for file_result in result.files:
            if file_result.status == "rejected":
                raise InputRejected(
                    _("the demo file was rejected: {error}").format(error=file_result.error),
                    file=file_result.path,
                    hint=_("this is a bug in the demo generator or the importer"),
                )
            log.info(
                "demo import %s: %s rows, %s rejected, skipped %s",
                file_result.path,
                file_result.rows,
                file_result.rejected,
                file_result.skipped,
            )
    store.set_meta(DEMO_META_KEY, DEMO_MONTH)
    store.con.execute("CHECKPOINT")


def _remove_store_files(path: Path) -> None:
    """Remove a leftover partial store (ours) and its write-ahead log."""
    for candidate in (path, path.with_name(path.name + ".wal")):
        if candidate.exists():
            candidate.unlink()

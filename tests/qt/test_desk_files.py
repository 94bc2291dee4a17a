"""Unreadable files are not a mapping question (#14 item 4): a PDF, a half-copied workbook and
a file another program holds get a dialog with the cause and what to do; the mapping dialog is
only for readable tables whose fields are missing, and it never stays open for a file that was
then imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from desk_helpers import contacts_store, make_window, wait_idle
from gui_store import CONTACT_HEADERS, _save, contact_rows, settle, track, write_contacts
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.views.context import AppContext
from workbench.views.live import FolderWatcher
from workbench.views.mapping_dialog import MappingDialog
from workbench.workers.imports import ImportController


def visible_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]  # fmt: skip


def test_pdf_and_half_copied_workbook_get_a_cause_not_a_mapping(qtbot, tmp_path) -> None:
    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "a")
    window = make_window(store, tmp_path / "s.ini", qtbot)
    pdf = tmp_path / "月报.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    whole = write_contacts(tmp_path / "whole.xlsx", per_day=30, days=2).read_bytes()
    half = tmp_path / "复制中.xlsx"
    half.write_bytes(whole[: len(whole) // 2])
    with qtbot.waitSignal(window.importer.unreadable, timeout=30000) as got:
        window.ctx.request_import([str(pdf), str(half)])
    assert window.importer.wait(30)
    wait_idle()
    assert window.importer.mapping_dialog is None  # no mapping offered for either
    problems = {Path(p.path).name: p.message for p in got.args[0]}
    assert "PDF report, not a data export" in problems["月报.pdf"]
    assert "incomplete or damaged" in problems["复制中.xlsx"]
    boxes = visible_boxes()
    assert boxes and "月报.pdf" in boxes[-1].text() and "复制中.xlsx" in boxes[-1].text()
    assert " — " in boxes[-1].text()  # the cause — what to do
    for box in boxes:
        box.close()
    window.close()
    wait_idle()
    store.close()


def test_the_mapping_dialog_closes_when_its_file_is_then_imported(qtbot, store, tmp_path):
    ctx = AppContext(store)
    controller = ImportController(ctx)
    path = tmp_path / "watched.xlsx"
    odd = ["记录标识", *CONTACT_HEADERS[1:]]
    _save(path, odd, contact_rows(per_day=5, days=1))  # headers not recognised yet
    with qtbot.waitSignal(controller.finished, timeout=30000):
        controller.import_files([path])
    assert controller.wait(10)
    dialog = controller.mapping_dialog
    assert isinstance(dialog, MappingDialog) and dialog.isVisible()
    track(dialog)
    # the export tool finishes writing the real file, the watched folder imports it
    write_contacts(path, per_day=5, days=1)
    with qtbot.waitSignal(controller.finished, timeout=30000) as done:
        controller.import_files([path])
    assert done.args[0].files[0].status == "imported"
    assert not dialog.isVisible()
    settle()


def test_a_file_held_by_another_program_is_reported_as_locked() -> None:
    """The operating system's real refusal to open a file (as Windows refuses a file Excel
    holds), checked in a process that is not root: root may read anything."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="wb-held-", dir="/tmp"))
    try:
        folder.chmod(0o755)
        held = folder / "held.xlsx"
        held.write_bytes(b"PK\x03\x04")
        held.chmod(0)
        root = Path(__file__).resolve().parents[2]
        code = (f"import sys; sys.path.insert(0, {str(root)!r}); "
                "from workbench.file_check import file_problem; "
                "sys.stdout.write(repr(file_problem(sys.argv[1])))")  # fmt: skip
        if os.geteuid() == 0:  # a system interpreter the unprivileged user can run
            argv, kwargs = [shutil.which("python3", path="/usr/bin:/usr/local/bin")], {
                "user": "nobody"}  # fmt: skip
        else:
            argv, kwargs = [sys.executable], {}
        env = {"WORKBENCH_LANG": "en", "PATH": "/usr/bin:/bin"}
        done = subprocess.run([*argv, "-I", "-c", code, str(held)], capture_output=True,
                              text=True, timeout=60, env=env, cwd="/tmp", **kwargs)  # fmt: skip
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("('locked', 'held.xlsx: the file is open in another program")
    assert "close it there" in done.stdout


def test_the_watched_folder_tries_a_locked_file_again(qtbot, tmp_path) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    watcher = FolderWatcher(debounce_ms=50, poll_ms=60000)
    watcher.set_folder(folder)
    export = write_contacts(folder / "今日.xlsx", per_day=5, days=1)
    with qtbot.waitSignal(watcher.filesReady, timeout=5000) as first:
        watcher.scan()
    assert first.args == [[str(export)]]
    assert watcher.scan() == []  # known: not reported again by itself
    assert watcher.retry(export)  # the import found it locked
    with qtbot.waitSignal(watcher.filesReady, timeout=5000) as again:
        pass
    assert again.args == [[str(export)]]
    assert not watcher.retry(tmp_path / "elsewhere.xlsx")
    watcher.set_folder(None)


@pytest.mark.parametrize(("lang", "reading"), [("en", "Reading"), ("zh_CN", "正在读取")])
def test_read_progress_during_a_large_import(qtbot, tmp_path, lang, reading) -> None:
    """While a large file is read the bar moves and says what it reads, how big, how long
    (in Chinese too: the read step is known by its field, not by its English words)."""
    from test_desk_process import big_csv

    store = contacts_store(tmp_path / "main.duckdb", tmp_path / "a")
    window = make_window(store, tmp_path / "s.ini", qtbot, lang=lang)
    path = big_csv(tmp_path / "大文件.csv", per_day=1500, days=30)
    seen: list[tuple[str, int]] = []

    def look() -> bool:
        message = window.statusBar().currentMessage()
        if message.startswith(f"{reading} 大文件.csv"):
            seen.append((message, window.progress.maximum()))
        return bool(seen)

    window.ctx.request_import([str(path)])
    qtbot.waitUntil(look, timeout=60000)
    message, maximum = seen[0]
    assert " MB" in message and "—" in message and maximum == 0  # a moving bar, not 0 %
    assert window.importer.wait(120)
    wait_idle()
    assert reading not in window.statusBar().currentMessage()
    window.close()
    wait_idle()
    store.close()

"""The error dialogs and the import summary, in Chinese, as a supervisor sees them (#16).

With the window in zh_CN: a file refused on import, a store held by another Workbench, a full
disk, an unexpected error, and the summary of an import with a rejected row. Each text must
hold Chinese and no English words except the names the test allows explicitly (file names,
paths, sheet names, the product's name, a Python exception's own words); the messages the
pure layers (store, io_safety) write are checked as well. Each picture is saved for a person to look
at (also under ``$WORKBENCH_SCREENSHOTS``, e.g. ``docs/screenshots``, when set).
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from desk_helpers import make_window, wait_idle
from gui_store import CONTACT_HEADERS, _save, contact_rows
from openpyxl import Workbook
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.errors import StoreLocked
from workbench.io_safety import disk_error
from workbench.paths import log_file
from workbench.store import Store
from workbench.views.errors import show_error, store_question
from workbench.views.i18n import install_translator

pytestmark = pytest.mark.qt_no_exception_capture

# copies for people to look at (``docs/screenshots/`` in the repository) only when asked:
# WORKBENCH_SCREENSHOTS=docs/screenshots pytest tests/qt/…
SHOTS = os.environ.get("WORKBENCH_SCREENSHOTS")
CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{4,}")
ALWAYS_ALLOWED = ("Workbench", "Sheet")  # the product's name; openpyxl's sheet name


def english_words(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Runs of 4+ ASCII letters left once the allowed names are taken out."""
    for name in sorted((*allowed, *ALWAYS_ALLOWED), key=len, reverse=True):
        text = text.replace(name, " ")
    return WORD.findall(text)


def assert_chinese(text: str, allowed: tuple[str, ...] = ()) -> None:
    assert CJK.search(text), text
    assert english_words(text, allowed) == [], text


def save_shot(widget, name: str, tmp_path: Path, *, fit: bool = True) -> None:
    if fit:
        widget.adjustSize()
    for target in (tmp_path / name, *([Path(SHOTS) / name] if SHOTS else [])):
        target.parent.mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(target)), target


def visible_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


@pytest.fixture
def window(store: Store, tmp_path: Path, qtbot):
    w = make_window(store, tmp_path / "s.ini", qtbot, lang="zh_CN")
    yield w
    for box in visible_boxes():
        box.close()
    wait_idle()
    install_translator("en")


def test_refused_file_dialog_in_chinese(window, qtbot, tmp_path: Path) -> None:
    empty = tmp_path / "十月话单.xlsx"
    wb = Workbook()
    wb.active.append(CONTACT_HEADERS)  # headers, and not one row below them
    wb.save(empty)
    window.ctx.request_import([str(empty)])
    qtbot.waitUntil(lambda: bool(visible_boxes()), timeout=30000)
    (box,) = visible_boxes()
    assert box.windowTitle() == "部分文件未导入"
    assert "表头下方没有数据行" in box.text()
    assert_chinese(box.windowTitle() + box.text(), (str(empty), empty.name))
    save_shot(box, "error-file-refused-zh.png", tmp_path)
    box.close()


HOLDER = textwrap.dedent(
    """
    import sys
    from workbench.store import Store
    store = Store.open(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    store.close()
    """
)


def test_store_held_by_another_workbench_in_chinese(window, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "分行.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked) as caught:
            Store.open(path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)
    exc = caught.value
    box = store_question("read_only", exc, window)
    qtbot.addWidget(box)
    box.open()
    assert box.windowTitle() == "存储不可用"
    assert "只读副本" in box.text()
    assert "数据库" in str(exc)  # the store's own message, in the window's language
    assert_chinese(box.windowTitle() + box.text(), (str(path),))
    save_shot(box, "error-store-held-zh.png", tmp_path)
    box.close()


def test_disk_full_and_unexpected_error_dialogs_in_chinese(window, tmp_path: Path) -> None:
    target = tmp_path / "月报.xlsx"
    full = disk_error(OSError(errno.ENOSPC, "No space left on device"), target, needed=2**20)
    box = show_error(window, full)
    assert box.windowTitle() == "无法写入文件"
    assert "磁盘" in str(full)  # io_safety's own message, in the window's language
    assert_chinese(box.windowTitle() + "：" + box.text(), (str(target),))
    save_shot(box, "error-disk-full-zh.png", tmp_path)
    box.close()

    bug = ZeroDivisionError("division by zero")
    box = show_error(window, bug)
    assert box.windowTitle() == "意外错误"
    assert str(log_file()) in box.text()
    assert_chinese(
        box.windowTitle() + box.text(), ("ZeroDivisionError: division by zero", str(log_file()))
    )
    save_shot(box, "error-unexpected-zh.png", tmp_path)
    box.close()


def test_import_summary_in_chinese(window, qtbot, tmp_path: Path) -> None:
    rows = contact_rows(per_day=8, days=1)
    rows.append(list(rows[0]))  # the same contact id twice: one row rejected
    path = _save(tmp_path / "十月话单.xlsx", CONTACT_HEADERS, rows)
    window.ctx.navigate("imports", None)
    view = window.view("imports")
    with qtbot.waitSignal(view.controller.finished, timeout=30000):
        window.ctx.request_import([str(path)])
    wait_idle()
    text = view.outcome.text()
    assert "导入 8 行" in text or "8 行" in text, text
    assert "重复" in text, text
    # the scale warning names the command line's flag (importing's message: a code identifier)
    assert_chinese(text, (path.name, "--csat-scale 5|10|labels"))
    status = window.statusBar().currentMessage()
    assert_chinese(status, (path.name,))
    window.resize(1200, 700)
    wait_idle()
    save_shot(window, "import-summary-zh.png", tmp_path, fit=False)

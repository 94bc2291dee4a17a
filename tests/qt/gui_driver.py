"""Drives the real ``workbench gui`` start-up (``run_gui``: QApplication, event loop, disposal)
in a child process, for the tests that must see the process end and the store lock freed.

    python gui_driver.py SCENARIO STORE [FILE]

Scenarios act through timers once the loop runs and print ``EVENT …`` lines on stdout:
``close-cancel`` closes the window during the import of FILE and answers "Cancel the import";
``close-wait`` answers "Wait", so the window closes itself once the import is over;
``language`` switches to Chinese through the preferences path and reports after 3 s that the
application still runs, then quits with status 7;
``monthly`` opens FILE as a monthly file, reports where its window lies on the screen and which
target it judges answer_rate against, closes it, then quits through the main window.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.views.app import build_app, run_gui


def main_window():
    from workbench.views.main_window import MainWindow

    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    visible = [w for w in found if w.isVisible()]
    return (visible or found or [None])[-1]


def say(text: str) -> None:
    print("EVENT", text, flush=True)


def close_during_import(answer: str) -> None:
    def try_close() -> None:
        window = main_window()
        if window is None or not window.importer.busy:
            QTimer.singleShot(50, try_close)
            return
        say("closing during import")
        QTimer.singleShot(300, answer_box)
        window.close()
        say(f"close returned, visible={window.isVisible()}")

    def answer_box() -> None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]  # fmt: skip
        if not boxes:
            say("no question asked")
            return
        box = boxes[0]
        say(f"asked: {box.text()}")
        for button in box.buttons():
            if button.property("answer") == answer:
                button.click()
                say(f"answered {answer}")
                return
        say("no such answer")

    QTimer.singleShot(0, try_close)


def switch_language() -> None:
    def switch() -> None:
        from workbench.views.preferences import Preferences

        window = main_window()
        prefs = Preferences.from_settings(window.settings, "en")
        prefs = Preferences(
            "zh_CN", prefs.watched_folder, prefs.centre_name, prefs.intraday,
            prefs.intraday_interval_s,
        )  # fmt: skip
        window.apply_preferences(prefs)
        say("language switched")

    began = time.monotonic()

    def report() -> None:
        from workbench.i18n import language

        window = main_window()
        # the rebuild in the other language can take seconds on a busy machine: wait for it
        # (up to 60 s), then say what runs; the loop must still be running either way
        switched = language() == "zh_CN" and window.nav.item(0).text() != "Dashboard"
        if not switched and time.monotonic() - began < 60:
            QTimer.singleShot(250, report)
            return
        say(f"still running: nav={window.nav.item(0).text()} messages={language()}")
        QApplication.instance().exit(7)

    QTimer.singleShot(500, switch)
    QTimer.singleShot(3500, report)


def open_monthly(path: str) -> None:
    def open_it() -> None:
        window = main_window()
        window.temporaryWindowOpened.connect(
            lambda child: QTimer.singleShot(1500, lambda: report(child))
        )
        window.open_monthly(path)

    def report(child) -> None:
        from workbench.kpi import targets

        area = child.screen().availableGeometry()
        frame = child.frameGeometry()
        say(
            f"screen {area.width()}x{area.height()} window {frame.x()},{frame.y()} "
            f"{frame.width()}x{frame.height()} inside={area.contains(frame)}"
        )
        target = targets.current_profile(child.ctx.store.con).targets.get("answer_rate")
        say(f"monthly target answer_rate >= {target.low if target else None}")
        child.close()
        QTimer.singleShot(500, lambda: main_window().close())

    QTimer.singleShot(300, open_it)


def refuse_second_instance() -> None:
    """Answer "No" to the read-only copy, then acknowledge the refusal: both are dialogs."""

    def answer() -> None:
        boxes = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]  # fmt: skip
        if not boxes:
            QTimer.singleShot(100, answer)
            return
        box = boxes[0]
        say(f"dialog: {box.windowTitle()} | {box.text().splitlines()[0]}")
        no = box.button(QMessageBox.StandardButton.No)
        (no or box.button(QMessageBox.StandardButton.Ok)).click()
        if no is not None:
            QTimer.singleShot(100, answer)

    QTimer.singleShot(200, answer)


if __name__ == "__main__":
    scenario, store = sys.argv[1], sys.argv[2]
    files = sys.argv[3:]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    build_app([sys.argv[0]], lang="en")
    if scenario == "language":
        switch_language()
    elif scenario == "second":
        refuse_second_instance()
    elif scenario == "monthly":
        open_monthly(files.pop())
    else:
        close_during_import(scenario.split("-", 1)[1])
    try:
        code = run_gui(store, "en", files, False)
    except Exception as exc:  # as ``workbench gui`` does: the error's exit status
        say(f"refused {type(exc).__name__}")
        sys.exit(getattr(exc, "exit_code", 1))
    say(f"exit {code}")
    sys.exit(code)

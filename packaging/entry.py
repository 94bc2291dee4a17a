"""Entry script of the frozen bundle (PyInstaller runs this; the source install uses __main__).

Two executables are built from it (workbench.spec): the windowed one (``Workbench.exe`` on
Windows, ``workbench`` elsewhere) and, on Windows only, the console ``workbench-cli.exe`` for
scheduled imports and exports. A windowed Windows process has no stdout/stderr (``None``): we
give it harmless ones so ``--version`` or a one-line error cannot crash it, and when it ends
with an error before or instead of a window (store locked by another Workbench, a file that
cannot be opened with "Open with Workbench"…) the one-line message is shown in a message box
rather than lost. The log file still gets every detail.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import sys


def _message_box(text: str) -> None:
    """A native error box (Windows only; elsewhere there is always a terminal or a log)."""
    if sys.platform != "win32":
        return
    import ctypes

    mb_iconerror, mb_setforeground = 0x10, 0x10000
    ctypes.windll.user32.MessageBoxW(
        None, text[:2000], "Workbench", mb_iconerror | mb_setforeground
    )


def run() -> int:
    """Run the CLI/GUI; returns its exit status."""
    windowed = sys.stdout is None or sys.stderr is None
    errors = io.StringIO()
    if windowed:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        sys.stderr = errors
    from workbench.__main__ import main

    try:
        main()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    status = code if isinstance(code, int) else (0 if code is None else 1)
    lines = errors.getvalue().strip().splitlines()
    if windowed and status != 0 and lines:
        _message_box("\n".join(lines[-12:]))  # the error is last; progress notes come before
    return status


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(run())

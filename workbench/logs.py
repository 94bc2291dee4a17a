"""The rotating log file: every traceback goes here, never to the user's terminal."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from workbench.paths import log_file

_configured: Path | None = None


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send ``logging`` to the rotating file in the user log folder; returns its path.

    Returns None (and logs nowhere) when the folder cannot be written: a read-only profile
    must not stop the tool.
    """
    global _configured
    path = log_file()
    if _configured == path:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_workbench", False)]:
        root.removeHandler(old)
        old.close()
    handler._workbench = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    _configured = path
    return path

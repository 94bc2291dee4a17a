"""``workbench screenshot`` renders a view of a real store to a PNG of the requested size."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from desk_helpers import contacts_store
from PySide6.QtGui import QColor, QImage


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shot")
    store = contacts_store(folder / "main.duckdb", folder / "files")
    store.close()
    return folder / "main.duckdb"


def _run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "workbench", "screenshot", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(("view", "lang"), [("dashboard", "zh_CN"), ("trends", "en")])
def test_screenshot_writes_a_png_of_the_requested_size(store_file, tmp_path, view, lang) -> None:
    out = tmp_path / f"{view}.png"
    done = _run("--store", str(store_file), "--view", view, "--out", str(out),
                "--size", "1024x700", "--lang", lang)  # fmt: skip
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)
    # not a blank picture: many distinct colours (text, tiles, curves)
    colours = {QColor(image.pixel(x, y)).rgb() for x in range(0, 1024, 7) for y in range(0, 700, 7)}
    assert len(colours) > 20


def test_screenshot_refuses_a_bad_size_and_a_missing_store(tmp_path) -> None:
    done = _run("--view", "dashboard", "--out", str(tmp_path / "x.png"), "--size", "big")
    assert done.returncode == 2
    assert "--size" in done.stderr
    done = _run("--store", str(tmp_path / "none.duckdb"), "--view", "dashboard",
                "--out", str(tmp_path / "x.png"))  # fmt: skip
    assert done.returncode == 4
    assert not (tmp_path / "x.png").exists()

"""Render the application icon into ``packaging/icons/workbench.{ico,png}`` for the executables
and the installer.

The design is the app's own window icon, ``resources/icons/workbench.svg`` (one source for the
window, the taskbar, the Start menu and Explorer). Run again when it changes (the outputs are
committed; the build does not need to draw anything):
``QT_QPA_PLATFORM=offscreen python packaging/make_icon.py``.

The ``.ico`` holds 16–48 px images as classic 32-bit DIBs (what every Windows shell and Inno
Setup read) and the 256 px one as PNG (the Vista+ convention), written by hand because Qt's ICO
writer stores a single image.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(__file__).resolve().parent / "icons"
SVG = Path(__file__).resolve().parents[1] / "resources" / "icons" / "workbench.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    """The icon at ``size`` px, rendered from the SVG (or a plain fallback tile without it)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer = QSvgRenderer(str(SVG))
    if renderer.isValid():
        renderer.render(p, QRectF(0, 0, size, size))
    else:
        s = size / 256.0
        tile = QPainterPath()
        tile.addRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 48 * s, 48 * s)
        p.fillPath(tile, QColor("#2a66c8"))
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """A 32-bit BITMAPINFOHEADER image (height doubled for the AND mask), bottom-up BGRA."""
    w, h = image.width(), image.height()
    header = struct.pack("<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(h - 1, -1, -1):
        row = bytearray()
        for x in range(w):
            argb = image.pixel(x, y)
            row += struct.pack("<I", argb)  # little-endian 0xAARRGGBB = B, G, R, A
        rows.append(bytes(row))
    mask_row = b"\x00" * (((w + 31) // 32) * 4)  # alpha decides; the AND mask is all "opaque"
    return header + b"".join(rows) + mask_row * h


def ico_bytes(images: list[QImage]) -> bytes:
    """An ICO file holding ``images`` (DIB below 256 px, PNG at 256)."""
    blobs = [png_bytes(i) if i.width() >= 256 else dib_bytes(i) for i in images]
    offset = 6 + 16 * len(images)
    directory = struct.pack("<HHH", 0, 1, len(images))
    for image, blob in zip(images, blobs, strict=True):
        side = image.width() if image.width() < 256 else 0
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    return directory + b"".join(blobs)


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    images = [draw(size) for size in SIZES]
    (ICON_DIR / "workbench.ico").write_bytes(ico_bytes([i for i in images if i.width() != 128]))
    (ICON_DIR / "workbench.png").write_bytes(png_bytes(images[-1]))
    print(f"wrote {ICON_DIR / 'workbench.ico'} and {ICON_DIR / 'workbench.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

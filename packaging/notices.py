"""THIRD-PARTY-NOTICES.txt for the bundle: every distribution whose code the bundle carries,
with its version, licence and the licence files it ships (for the bank's software inventory).

workbench.spec calls :func:`write_notices` with the top-level module names PyInstaller
collected, so the list follows what is really in the bundle.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

OWN = {"workbench"}
QT_NOTE = """\
Qt 6 and PySide6/Shiboken6 are used under the GNU Lesser General Public License v3.
They are shipped unmodified as separate shared libraries (_internal/PySide6, _internal/shiboken6
and, on Linux, the libQt6*.so links in _internal/); a user may replace them with compatible
builds. Their sources are published by the Qt Project (https://download.qt.io/).
"""


def distributions_for(top_level_names: Iterable[str]) -> list[metadata.Distribution]:
    """The installed distributions providing these top-level modules, sorted by name."""
    providers = metadata.packages_distributions()
    names: set[str] = set()
    for top in top_level_names:
        names.update(providers.get(top, []))
    dists: dict[str, metadata.Distribution] = {}
    for name in names:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key not in OWN:
            dists[key] = dist
    return [dists[key] for key in sorted(dists)]


def licence_of(dist: metadata.Distribution) -> str:
    """SPDX expression, else the License field, else the licence classifiers."""
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    field = (meta.get("License") or "").strip()
    if field and "\n" not in field and len(field) < 100:
        return field
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []]
    licences = [
        c
        for c, full in zip(classifiers, meta.get_all("Classifier") or [], strict=True)
        if full.startswith("License ::")
    ]
    return ", ".join(licences) or "see the licence text below"


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of the licence files recorded in the distribution."""
    texts = []
    for file in dist.files or []:
        name = str(file)
        upper = name.upper()
        in_meta = ".dist-info/" in name
        if in_meta and any(word in upper for word in ("LICEN", "COPYING", "NOTICE")):
            try:
                text = Path(str(file.locate())).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            texts.append((name, text))
    return texts


def notices_text(top_level_names: Iterable[str]) -> str:
    """The whole notices file."""
    dists = distributions_for(top_level_names)
    parts = [
        "Workbench — third-party software in this bundle",
        "=" * 48,
        "",
        f"Python {sys.version.split()[0]} — PSF-2.0 (Python Software Foundation License)",
    ]
    parts += [f"{d.metadata['Name']} {d.version} — {licence_of(d)}" for d in dists]
    parts += ["", QT_NOTE]
    python_licence = Path(sys.base_prefix) / "LICENSE.txt"
    candidates = [python_licence, *Path(sys.base_prefix).glob("lib/python3*/LICENSE.txt")]
    for path in candidates:
        if path.is_file():
            parts += [
                "",
                "-" * 72,
                f"Python: {path.name}",
                "-" * 72,
                path.read_text(errors="replace"),
            ]
            break
    for dist in dists:
        for name, text in licence_texts(dist):
            header = f"{dist.metadata['Name']} {dist.version}: {name}"
            parts += ["", "-" * 72, header, "-" * 72, text.rstrip()]
    return "\n".join(parts) + "\n"


def write_notices(path: Path, top_level_names: Iterable[str]) -> Path:
    """Write THIRD-PARTY-NOTICES.txt to ``path``; returns it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notices_text(top_level_names), encoding="utf-8")
    return path

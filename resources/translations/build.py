"""Update the .ts sources from the code and compile them to the .qm files the package ships.

    python resources/translations/build.py            # lupdate + lrelease
    python resources/translations/build.py --check    # exit 1 if a zh_CN string is untranslated

``pyside6-lupdate`` scans every ``tr()`` / ``QCoreApplication.translate`` /
``QT_TRANSLATE_NOOP`` in workbench/views, workbench/models and workbench/workers and merges
new strings into ``workbench_zh_CN.ts`` and ``workbench_en.ts`` (existing translations are
kept, vanished ones dropped). Translate the new ``<message>`` entries of the zh_CN file (Qt
Linguist, or any editor) — or add them to ``zh_CN.json`` (``"source": "译文"``, or
``"Context|source"`` when one context needs its own wording), which fills every unfinished
message — then run this again: ``pyside6-lrelease`` writes the ``.qm`` files beside the
sources. Commit all of them. English needs no translations: its file exists so that the
language can be installed like any other.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SOURCES = ("workbench/views", "workbench/models", "workbench/workers")
LANGS = ("zh_CN", "en")


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if not found:
        sys.exit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def source_files() -> list[str]:
    files = []
    for folder in SOURCES:
        files += sorted(str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*.py"))
    return files


def ts_path(lang: str) -> Path:
    return HERE / f"workbench_{lang}.ts"


def lupdate() -> None:
    files = source_files()
    for lang in LANGS:
        subprocess.run(
            [_tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none",
             "-target-language", lang, "-ts", str(ts_path(lang))],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip


def fill(lang: str = "zh_CN") -> int:
    """Translate unfinished messages of ``lang`` from ``<lang>.json``; returns how many."""
    glossary_path = HERE / f"{lang}.json"
    if not glossary_path.exists():
        return 0
    glossary = json.loads(glossary_path.read_text(encoding="utf-8"))
    tree = ET.parse(ts_path(lang))
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None or translation.get("type") not in ("unfinished",):
                continue
            text = glossary.get(f"{name}|{source}", glossary.get(source))
            if text is None:
                continue
            if message.get("numerus") == "yes":
                for child in list(translation):
                    translation.remove(child)
                form = ET.SubElement(translation, "numerusform")
                form.text = text
            else:
                translation.text = text
            del translation.attrib["type"]
            filled += 1
    if filled:
        ET.indent(tree)
        tree.write(ts_path(lang), encoding="utf-8", xml_declaration=True)
    return filled


def lrelease() -> None:
    for lang in LANGS:
        subprocess.run(
            [_tool("pyside6-lrelease"), str(ts_path(lang)), "-qm",
             str(HERE / f"workbench_{lang}.qm")],
            check=True, capture_output=True,
        )  # fmt: skip


def untranslated(lang: str = "zh_CN") -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    root = ET.parse(ts_path(lang)).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or translation.get("type") in ("unfinished", "vanished")
                or (not (translation.text or "").strip() and not list(translation))
            ):
                missing.append((name, message.findtext("source") or ""))
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="update and compile the translations")
    parser.add_argument("--check", action="store_true", help="only check for missing zh_CN")
    parser.add_argument("--no-update", action="store_true", help="compile without lupdate")
    args = parser.parse_args(argv)
    if args.check:
        missing = untranslated()
        for context, source in missing:
            print(f"untranslated: [{context}] {source}")
        return 1 if missing else 0
    if not args.no_update:
        lupdate()
    if fill("zh_CN") and not args.no_update:
        lupdate()  # back to lupdate's own layout, so rebuilding gives no diff
    lrelease()
    missing = untranslated()
    print(f"compiled {', '.join(LANGS)}; {len(missing)} zh_CN string(s) untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Messages of the pure layers (errors, import summaries, workbook text) in the user's language.

Widgets translate through Qt (``.ts``/``.qm``); everything below them — readers, store, jobs,
KPI engine, exporters and the command line — uses this catalogue, which needs no Qt:

    from workbench.i18n import _
    raise InputRejected(_("no data rows below the header"), hint=_("check the sheet"))
    _("{rows:,} rows stored").format(rows=n)

The English text is the message id (gettext style). Chinese lives in
``resources/messages/zh_CN/*.json`` (``{"English id": "中文"}``), one file per area so that
work on different areas never edits the same file; every file of the folder is read.
``tests/unit/test_messages.py`` fails when a ``_("…")`` in the code has no Chinese entry or
when the placeholders of the two differ.

The language is process-wide: ``set_language`` (the command line's ``--lang``, the window's
preference), else ``$WORKBENCH_LANG``, else the system locale (``zh*`` → Chinese), else English.
Format placeholders in the id (``{path}``) are filled after translation, so word order may
change in Chinese.
"""

from __future__ import annotations

import json
import locale
import os
from functools import cache
from importlib import resources

LANGUAGES = ("zh_CN", "en")
_current: str | None = None


def normalise(lang: str | None) -> str | None:
    """``zh``, ``zh_CN.UTF-8``, ``zh-Hans`` → ``zh_CN``; ``en_US`` → ``en``; None stays None."""
    if not lang:
        return None
    lowered = lang.lower()
    if lowered.startswith("zh"):
        return "zh_CN"
    if lowered in ("c", "posix") or lowered.startswith("en"):
        return "en"
    return "en"


def system_language() -> str:
    """The language the environment asks for: ``$WORKBENCH_LANG``, the locale, else English."""
    wanted = normalise(os.environ.get("WORKBENCH_LANG"))
    if wanted:
        return wanted
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            return normalise(value.split(":")[0]) or "en"
    try:
        code = locale.getlocale()[0]
    except ValueError:
        code = None
    return normalise(code) or "en"


def set_language(lang: str | None) -> str:
    """Make ``lang`` (or, with None, the system's language) the language of every message."""
    global _current
    _current = normalise(lang) or system_language()
    return _current


def language() -> str:
    """The current message language (``zh_CN`` or ``en``)."""
    return _current or system_language()


def is_chinese(lang: str | None = None) -> bool:
    """True when ``lang`` (default: the current language) is Chinese."""
    return (normalise(lang) or language()) == "zh_CN"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every translation of ``lang``: the union of ``resources/messages/<lang>/*.json``."""
    folder = resources.files("workbench.resources").joinpath("messages", lang)
    merged: dict[str, str] = {}
    if not folder.is_dir():
        return merged
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            merged.update(json.loads(entry.read_text(encoding="utf-8")))
    return merged


def translate(message: str, lang: str | None = None) -> str:
    """``message`` in ``lang`` (default: the current language); the id itself when absent."""
    lang = normalise(lang) or language()
    if lang == "en":
        return message
    return catalogue(lang).get(message) or message


def _(message: str) -> str:
    """Translate a message id into the current language (see the module docstring)."""
    return translate(message)


def N_(message: str) -> str:
    """Mark a message id for the catalogue without translating it now (tables of texts)."""
    return message

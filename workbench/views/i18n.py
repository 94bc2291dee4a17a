"""Language for the window: choosing it, installing the Qt translators, formatting for views.

The language is ``"zh_CN"`` or ``"en"`` (the names ``KpiDef.name(lang)`` and
``format_value(..., lang)`` take). It is chosen from ``--lang``, else the saved preference,
else the system locale, and kept on the ``QApplication`` (``current_lang()``), so views do not
need it passed around. Translations are the ``.qm`` files in ``resources/translations``
(``workbench_zh_CN.qm``, ``workbench_en.qm``) plus Qt's own (``qtbase_zh_CN.qm``) for the
standard dialogs' buttons.

Formatting helpers (``fmt_int``, ``fmt_percent``, ``fmt_date``, ``fmt_datetime``,
``fmt_change``) follow the language's ``QLocale``; KPI values go through the engine's
``format_value`` (``kpi_text``) so a value reads the same in the window, the CLI and the export.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLibraryInfo, QLocale, QTranslator

from workbench.i18n import set_language as set_message_language
from workbench.paths import resource_path

log = logging.getLogger(__name__)

LANGS: tuple[str, ...] = ("zh_CN", "en")
_PROPERTY = "workbench_lang"


def normalise_lang(lang: str | None) -> str | None:
    """``zh``, ``zh-CN``, ``zh_Hans_CN`` → ``zh_CN``; ``en_US`` → ``en``; unknown → None."""
    if not lang:
        return None
    text = lang.replace("-", "_").lower()
    if text.startswith("zh"):
        return "zh_CN"
    if text.startswith("en"):
        return "en"
    return None


def system_lang() -> str:
    """The system locale's language if we have it, else English."""
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def choose_lang(cli_lang: str | None, saved_lang: str | None) -> str:
    """``--lang``, else the saved preference, else the system locale."""
    return normalise_lang(cli_lang) or normalise_lang(saved_lang) or system_lang()


def qlocale(lang: str | None = None) -> QLocale:
    """The ``QLocale`` used to format numbers and dates for ``lang`` (default: current)."""
    lang = lang or current_lang()
    if lang == "zh_CN":
        return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def current_lang() -> str:
    """The language installed on the running application (``en`` when none is)."""
    app = QCoreApplication.instance()
    value = app.property(_PROPERTY) if app is not None else None
    return value if value in LANGS else "en"


class _Translators:
    """The translators installed on the application, so a language switch can remove them."""

    def __init__(self) -> None:
        self.items: list[QTranslator] = []


def install_translator(lang: str) -> bool:
    """Install our and Qt's translations for ``lang`` on the running app; True when ours loaded."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing translators")
    holder: _Translators | None = getattr(app, "_workbench_translators", None)
    if holder is None:
        holder = _Translators()
        app._workbench_translators = holder  # type: ignore[attr-defined]
    for old in holder.items:
        app.removeTranslator(old)
    holder.items.clear()
    app.setProperty(_PROPERTY, lang)
    set_message_language(lang)  # the pure layers' messages (errors, summaries) follow
    QLocale.setDefault(qlocale(lang))
    ours = QTranslator(app)
    loaded = ours.load(f"workbench_{lang}", str(resource_path("translations")))
    if loaded:
        app.installTranslator(ours)
        holder.items.append(ours)
    else:
        log.warning("no translation file for %s", lang)
    if lang != "en":
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{lang}", qt_dir):
            app.installTranslator(qt)
            holder.items.append(qt)
    return loaded


# ---- formatting ----------------------------------------------------------------------------
def fmt_int(value: float | int | None, lang: str | None = None) -> str:
    """``12,345`` with the locale's grouping; ``—`` for no value."""
    if value is None:
        return "—"
    return qlocale(lang).toString(round(value))


def fmt_percent(fraction: float | None, decimals: int = 1, lang: str | None = None) -> str:
    """A fraction as a percentage: ``0.9418`` → ``94.2%``."""
    if fraction is None:
        return "—"
    return qlocale(lang).toString(fraction * 100, "f", decimals) + "%"


def fmt_date(day: date | None, lang: str | None = None, *, short: bool = False) -> str:
    """A day in the locale's form (``2026年10月5日`` / ``5 Oct 2026``; short: ``10/5`` …)."""
    if day is None:
        return "—"
    lang = lang or current_lang()
    qd = QDate(day.year, day.month, day.day)
    if short:
        return qlocale(lang).toString(qd, "M月d日" if lang == "zh_CN" else "d MMM")
    return qlocale(lang).toString(qd, "yyyy年M月d日" if lang == "zh_CN" else "d MMM yyyy")


def fmt_datetime(moment: datetime | None, lang: str | None = None) -> str:
    """A wall-clock moment: ``2026-10-05 14:03`` (ISO-like in both languages, unambiguous)."""
    if moment is None:
        return "—"
    qdt = QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QDateTime.fromString(moment.strftime("%H:%M:%S"), "HH:mm:ss").time(),
    )
    return qlocale(lang).toString(qdt, "yyyy-MM-dd HH:mm")


def fmt_change(delta: float | None, unit: str, lang: str | None = None) -> str:
    """A change against the previous period: ``+1.2 pp`` for ratios, ``−3 s``, ``+5.0%``."""
    if delta is None:
        return "—"
    loc = qlocale(lang)
    if unit == "ratio":
        shown, text = round(abs(delta) * 100, 1), "{} " + QCoreApplication.translate("i18n", "pp")
        number = loc.toString(shown, "f", 1)
    elif unit == "s":
        shown, text = round(abs(delta)), "{} s"
        number = loc.toString(shown)
    elif unit in ("score", "points"):
        shown, text = round(abs(delta), 2), "{}"
        number = loc.toString(shown, "f", 2)
    else:
        shown, text = round(abs(delta)), "{}"
        number = loc.toString(shown)
    # the sign follows what is shown: a change that rounds to nothing reads ±0
    sign = "±" if shown == 0 else ("+" if delta > 0 else "−")
    return text.format(sign + number)


def kpi_text(kpi: object, value: float | None, lang: str | None = None) -> str:
    """A KPI value as the engine formats it (``94.2%``, ``1:05``, ``¥12,345``)."""
    from workbench.kpi.engine import format_value

    return format_value(kpi, value, lang or current_lang())  # type: ignore[arg-type]


def kpi_name(kpi: object, lang: str | None = None) -> str:
    """The catalogue name of a ``KpiDef`` (or id) in the current language."""
    if isinstance(kpi, str):
        from workbench.kpi.catalogue import get

        kpi = get(kpi)
    return kpi.name(lang or current_lang())  # type: ignore[attr-defined]

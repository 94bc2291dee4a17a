"""Verifying a compliance workbook offline: against its own manifest, and optionally the store.

``verify_workbook(path)`` recomputes every sheet's digest from the workbook's values and
compares it with the Manifest sheet, naming each changed cell as ``Sheet!B7``; the manifest's
own digest covers the manifest. With a store it also recomputes the digests of the store rows
behind the workbook and every indicator (with the period, options and target profile version
recorded in the manifest) and names the tables and indicators that drifted.
"""

from __future__ import annotations

import json
import math
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from workbench.domain import Filters, KpiOptions
from workbench.errors import UsageError
from workbench.exporters import manifest as mf
from workbench.exporters.labels import MANIFEST_SHEET_NAMES, label

# DIGEST_COL is 1-based (column F): in a row of values the digest is ``cells[DIGEST_COL - 1]``
from workbench.exporters.workbook.manifest_sheet import DIGEST_COL
from workbench.exporters.workbook.styles import FIRST_DATA_ROW, from_cell
from workbench.i18n import N_, _
from workbench.store import audit

_HINT_EDITED = N_("the workbook was changed after export; ask for a fresh export")
_HINT_STORE = N_("the data changed since the export; export the period again")


@dataclass(frozen=True)
class Problem:
    """One difference: a stable ``code`` for scripts and its line in the user's language."""

    code: str
    text: str


@dataclass(frozen=True)
class VerifyResult:
    """``ok`` when nothing differs; ``problems`` are one line each (``Sheet!B7: …``) in the
    user's language, ``codes`` the same problems as codes that never change with it."""

    ok: bool
    problems: tuple[str, ...] = ()
    sheets: tuple[str, ...] = ()
    store_checked: bool = False
    signature: str = "unsigned"  # unsigned | signed | verified | bad (security/signing.py)
    signed_by: str = ""
    codes: tuple[str, ...] = ()

    @classmethod
    def failed(cls, *problems: Problem, **kwargs: Any) -> VerifyResult:
        """A result from ``Problem``s (not ok when there is any)."""
        return cls(
            not problems,
            tuple(p.text for p in problems),
            codes=tuple(p.code for p in problems),
            **kwargs,
        )

    def to_json(self) -> dict:
        """``workbench verify --json`` (cli.md), plus ``codes`` parallel to ``problems``."""
        return {
            "ok": self.ok,
            "problems": list(self.problems),
            "codes": list(self.codes),
            "signature": self.signature,
            "signed_by": self.signed_by or None,
        }


@dataclass
class Manifest:
    """What the Manifest sheet records (see ``workbook.manifest_sheet``)."""

    meta: dict[str, str] = field(default_factory=dict)
    store: dict[str, tuple[int, str, tuple[str, ...]]] = field(default_factory=dict)
    sheets: list[dict[str, Any]] = field(default_factory=list)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rows: dict[str, list[str]] = field(default_factory=dict)
    own_digest: str | None = None
    end_row: int | None = None

    def recorded(self, key: str) -> mf.SheetDigest | None:
        entry = next((s for s in self.sheets if s["key"] == key), None)
        if entry is None:
            return None
        return mf.SheetDigest(
            entry["name"],
            entry["rows"],
            entry["cols"],
            tuple(self.rows.get(key, [])),
            self.columns.get(key, ()),
            entry["digest"],
        )


def _text(value: Any) -> str:
    return mf.canonical(value)


def read_manifest(rows: list[tuple]) -> Manifest:
    """Parse the Manifest sheet's rows (values only)."""
    m = Manifest()
    section = None
    for index, row in enumerate(rows, start=1):
        cells = [_text(v) for v in row]
        first = cells[0] if cells else ""
        if first.startswith("[") and first.endswith("]"):
            section = first[1:-1]
            if section == "end":
                m.own_digest = cells[1] if len(cells) > 1 else ""
                m.end_row = index
                break
            continue
        if not first or section is None:
            continue
        cells += [""] * 8
        if section == "meta":
            m.meta[first] = cells[1]
        elif section == "store":
            columns = tuple(c for c in cells[DIGEST_COL].split(",") if c)
            m.store[first] = (int(float(cells[1] or 0)), cells[DIGEST_COL - 1], columns)
        elif section == "sheets":
            m.sheets.append(
                {
                    "key": first,
                    "name": cells[1],
                    "rows": int(float(cells[2] or 0)),
                    "cols": int(float(cells[3] or 0)),
                    "digest": cells[DIGEST_COL - 1],
                    "tables": tuple(t for t in cells[DIGEST_COL].split(",") if t),
                    "store_digest": cells[DIGEST_COL + 1],
                }
            )
        elif section == "cells":
            digests = cells[DIGEST_COL - 1].split()
            if cells[1] == "columns":
                m.columns[first] = tuple(digests)
            else:
                m.rows.setdefault(first, []).extend(digests)
    return m


def verify_workbook(
    path: str | Path, store=None, *, public_key=None, password: str | None = None
) -> VerifyResult:
    """Check the workbook at ``path`` against its manifest (and ``store`` when given); its
    signature against ``public_key`` (an Ed25519 public key) when given."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from workbench.security.wrapping import is_encrypted_workbook, open_encrypted

    path = Path(path)
    if not path.is_file():
        raise UsageError(_("no such workbook"), file=path, hint=_("check the file name"))
    source: Any = path
    if password is not None and is_encrypted_workbook(path):
        source = open_encrypted(path, password)
    try:
        wb = load_workbook(source, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        text = _("not a readable xlsx workbook ({reason}) — {hint}")
        return VerifyResult.failed(
            Problem("unreadable", text.format(reason=exc, hint=_(_HINT_EDITED)))
        )
    try:
        return _verify(wb, store, public_key)
    finally:
        wb.close()


def _verify(wb, store, public_key=None) -> VerifyResult:
    from workbench.security import signing

    name = next((n for n in wb.sheetnames if n in MANIFEST_SHEET_NAMES), None)
    if name is None:
        text = _("no manifest sheet: this is not a Workbench compliance workbook")
        return VerifyResult.failed(Problem("no_manifest", text))
    manifest_rows = list(wb[name].iter_rows(values_only=True))
    m = read_manifest(manifest_rows)
    if m.end_row is None or not m.sheets:
        text = _("{sheet}: the manifest is incomplete — {hint}")
        return VerifyResult.failed(
            Problem("manifest_incomplete", text.format(sheet=name, hint=_(_HINT_EDITED)))
        )
    problems: list[Problem] = []
    own = mf.sheet_digest(name, manifest_rows[: m.end_row - 1]).digest
    if own != m.own_digest:
        text = _("{sheet}: the manifest itself was changed — {hint}")
        problems.append(Problem("manifest_changed", text.format(sheet=name, hint=_(_HINT_EDITED))))
    signed = signing.check(manifest_rows, m.end_row, own, public_key)
    if signed.status == "bad":
        text = f"{name}: {signed.problem} — {_(_HINT_EDITED)}"
        problems.append(Problem("signature_bad", text))
    values: dict[str, list[tuple]] = {}
    problems += _check_sheets(wb, m, name, values)
    if store is not None:
        problems += _check_store(store, m, values)
        broken = audit.check_chain(store.con)
        if broken is not None:
            problems.append(Problem("audit_chain_broken", broken.message()))
    return VerifyResult.failed(
        *problems,
        sheets=tuple(e["name"] for e in m.sheets),
        store_checked=store is not None,
        signature=signed.status,
        signed_by=signed.fingerprint,
    )


def _check_sheets(wb, m: Manifest, manifest_name: str, values: dict) -> list[Problem]:
    """Every sheet against its recorded digest, naming the changed cells; fills ``values``."""
    hint = _(_HINT_EDITED)
    problems: list[Problem] = []
    for entry in m.sheets:
        key, sheet = entry["key"], entry["name"]
        if sheet not in wb.sheetnames:
            text = _("{sheet}: sheet missing — {hint}").format(sheet=sheet, hint=hint)
            problems.append(Problem("sheet_missing", text))
            continue
        rows = list(wb[sheet].iter_rows(values_only=True))
        values[key] = rows
        actual = mf.sheet_digest(sheet, rows)
        if actual.digest == entry["digest"]:
            continue
        recorded = m.recorded(key)
        cells = mf.changed_cells(recorded, actual) if recorded else []
        if not cells:
            text = _("{sheet}: values changed — {hint}").format(sheet=sheet, hint=hint)
            problems.append(Problem("sheet_changed", text))
        for where in cells[:50]:
            sep = " " if where.startswith(("row", "column")) else "!"
            text = _("{where}: changed since export — {hint}")
            problems.append(
                Problem("cell_changed", text.format(where=sheet + sep + where, hint=hint))
            )
        if len(cells) > 50:
            text = _("{sheet}: {count} more cells changed").format(
                sheet=sheet, count=len(cells) - 50
            )
            problems.append(Problem("more_cells_changed", text))
    known = {e["name"] for e in m.sheets} | {manifest_name}
    for extra in wb.sheetnames:
        if extra not in known:
            text = _("{sheet}: sheet added after export — {hint}").format(sheet=extra, hint=hint)
            problems.append(Problem("sheet_added", text))
    return problems


# ---- against the store --------------------------------------------------------------------
def _close(a: float | None, b: float | None, unit: str = "") -> bool:
    if a is None or b is None:
        return a is None and b is None
    # durations come back from the workbook to the millisecond
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-3 if unit == "s" else 1e-9)


@dataclass(frozen=True)
class _Recorded:
    """The period, options, targets' version and language the manifest records."""

    start: date
    end: date
    options: KpiOptions
    version: int
    lang: str
    previous: tuple[date, date] | None


def _recorded(m: Manifest) -> _Recorded:
    """Raises KeyError, ValueError or TypeError when the manifest's meta cannot be read."""
    previous = None
    if m.meta.get("previous_start") and m.meta.get("previous_end"):
        previous = (
            date.fromisoformat(m.meta["previous_start"]),
            date.fromisoformat(m.meta["previous_end"]),
        )
    return _Recorded(
        start=date.fromisoformat(m.meta["period_start"]),
        end=date.fromisoformat(m.meta["period_end"]),
        options=KpiOptions(**json.loads(m.meta["options"])),
        version=int(m.meta.get("targets_version", "0")),
        lang=m.meta.get("lang", "zh_CN"),
        previous=previous,
    )


def _check_store(store, m: Manifest, values: dict[str, list[tuple]]) -> list[Problem]:
    """The store rows behind the workbook and every Summary indicator, recomputed."""
    from workbench.kpi import engine, targets

    try:
        rec = _recorded(m)
    except (KeyError, ValueError, TypeError) as exc:
        text = _("manifest: cannot read the period or options ({reason}) — {hint}")
        return [Problem("manifest_unreadable", text.format(reason=exc, hint=_(_HINT_EDITED)))]
    problems: list[Problem] = []
    con = store.cursor()
    try:
        with store.in_use(con):
            problems += _check_tables(con, m, rec)
            profile = targets.profile_version(con, rec.version)
            if rec.version and not profile.targets:
                text = _("store: target profile version {version} is not in this store")
                problems.append(Problem("targets_missing", text.format(version=rec.version)))

            def compute(start: date, end: date):
                filters = Filters(start=start, end=end)
                return engine.compute(con, filters, options=rec.options, profile=profile)

            report = compute(rec.start, rec.end)
            previous = compute(*rec.previous) if rec.previous else None
    finally:
        con.close()
    summary = values.get("summary", [])
    problems += _check_summary(summary, report, previous, rec.lang)
    expected = [k for k in m.meta.get("kpis", "").split(",") if k]
    seen = {row[0] for row in summary[FIRST_DATA_ROW - 1 :] if row and isinstance(row[0], str)}
    for kpi_id in expected:
        if kpi_id not in seen and report.value(kpi_id) is not None and summary:
            kv = report.value(kpi_id)
            if kv is not None and kv.value is not None:
                text = _("indicator {kpi_id}: missing from the summary sheet")
                problems.append(Problem("indicator_missing", text.format(kpi_id=kpi_id)))
    return problems


def _check_tables(con, m: Manifest, rec: _Recorded) -> list[Problem]:
    """The digest of each store table's rows of the period against the manifest's."""
    problems: list[Problem] = []
    for table, (rows, digest, columns) in m.store.items():
        try:
            now = mf.table_digest(con, table, rec.start, rec.end, columns)
        except Exception as exc:  # a table or column that no longer exists
            text = _("store: {table}: cannot be read as at export ({reason})")
            problems.append(Problem("store_unreadable", text.format(table=table, reason=exc)))
            continue
        if now.digest != digest:
            text = _(
                "store: {table}: rows of the period changed since export "
                "({then:,} then, {now:,} now) — {hint}"
            )
            text = text.format(table=table, then=rows, now=now.rows, hint=_(_HINT_STORE))
            problems.append(Problem("store_changed", text))
    return problems


#: what an indicator row compares, as its problem line names it
_WHAT = {
    "value": N_("value"),
    "numerator": N_("numerator"),
    "denominator": N_("denominator"),
    "previous": N_("previous period"),
}


def _check_summary(summary: list[tuple], report, previous, lang: str) -> list[Problem]:
    """Each Summary row's value, numerator, denominator, previous value and status."""
    from workbench.kpi import catalogue, engine

    problems: list[Problem] = []
    hint = _(_HINT_STORE)
    for row in summary[FIRST_DATA_ROW - 1 :]:
        kpi_id = row[0] if row else None
        if not isinstance(kpi_id, str) or kpi_id not in catalogue.ids():
            continue
        kpi = catalogue.get(kpi_id)
        row = tuple(row) + (None,) * 10
        now = report.value(kpi_id)
        if now is None:
            text = _("indicator {kpi_id}: no longer computed by this Workbench")
            problems.append(Problem("indicator_gone", text.format(kpi_id=kpi_id)))
            continue
        checks = [
            ("value", from_cell(kpi.unit, row[2]), now.value),
            ("numerator", _num(row[5]), now.numerator),
            ("denominator", _num(row[6]), now.denominator),
        ]
        if previous is not None:
            prev = previous.value(kpi_id)
            checks.append(("previous", from_cell(kpi.unit, row[7]), prev and prev.value))
        name = f"{kpi_id} ({kpi.name(lang)})"
        for what, then, current in checks:
            current = float(current) if current is not None else None
            unit = kpi.unit if what in ("value", "previous") else ""
            if _close(then, current, unit):
                continue
            if unit:
                shown = (
                    engine.format_value(kpi, then, lang),
                    engine.format_value(kpi, current, lang),
                )
            else:
                shown = _plain(then), _plain(current)
            text = _(
                "indicator {name}: {what} {then} in the workbook, {now} from the store — {hint}"
            )
            text = text.format(
                name=name, what=_(_WHAT[what]), then=shown[0], now=shown[1], hint=hint
            )
            problems.append(Problem("indicator_changed", text))
        status_text = label(lang, f"status.{now.status}") if now.target is not None else "—"
        if row[4] != status_text:
            text = _(
                "indicator {name}: status '{then}' in the workbook, '{now}' from the store — {hint}"
            )
            text = text.format(name=name, then=row[4], now=status_text, hint=hint)
            problems.append(Problem("status_changed", text))
    return problems


def _plain(value: float | None) -> str:
    return "—" if value is None else f"{value:,.6g}"


def _num(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan

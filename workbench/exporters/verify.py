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
from workbench.exporters.workbook import DIGEST_COL, FIRST_DATA_ROW, from_cell
from workbench.store import audit

_HINT_EDITED = "the workbook was changed after export; ask for a fresh export"
_HINT_STORE = "the data changed since the export; export the period again"


@dataclass(frozen=True)
class VerifyResult:
    """``ok`` when nothing differs; ``problems`` are one line each (``Sheet!B7: …``)."""

    ok: bool
    problems: tuple[str, ...] = ()
    sheets: tuple[str, ...] = ()
    store_checked: bool = False
    signature: str = "unsigned"  # unsigned | signed | verified | bad (security/signing.py)
    signed_by: str = ""

    def to_json(self) -> dict:
        """``workbench verify --json`` (cli.md)."""
        return {
            "ok": self.ok,
            "problems": list(self.problems),
            "signature": self.signature,
            "signed_by": self.signed_by or None,
        }


@dataclass
class Manifest:
    """What the Manifest sheet records (see ``workbook._manifest``)."""

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
        raise UsageError("no such workbook", file=path, hint="check the file name")
    source: Any = path
    if password is not None and is_encrypted_workbook(path):
        source = open_encrypted(path, password)
    try:
        wb = load_workbook(source, read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        return VerifyResult(False, (f"not a readable xlsx workbook ({exc}) — {_HINT_EDITED}",))
    try:
        return _verify(wb, store, public_key)
    finally:
        wb.close()


def _verify(wb, store, public_key=None) -> VerifyResult:
    from workbench.security import signing
    problems: list[str] = []
    name = next((n for n in wb.sheetnames if n in MANIFEST_SHEET_NAMES), None)
    if name is None:
        return VerifyResult(
            False, ("no manifest sheet: this is not a Workbench compliance workbook",)
        )
    manifest_rows = list(wb[name].iter_rows(values_only=True))
    m = read_manifest(manifest_rows)
    if m.end_row is None or not m.sheets:
        return VerifyResult(False, (f"{name}: the manifest is incomplete — {_HINT_EDITED}",))
    own = mf.sheet_digest(name, manifest_rows[: m.end_row - 1]).digest
    if own != m.own_digest:
        problems.append(f"{name}: the manifest itself was changed — {_HINT_EDITED}")
    signed = signing.check(manifest_rows, m.end_row, own, public_key)
    if signed.status == "bad":
        problems.append(f"{name}: {signed.problem} — {_HINT_EDITED}")

    values: dict[str, list[tuple]] = {}
    for entry in m.sheets:
        key, sheet = entry["key"], entry["name"]
        if sheet not in wb.sheetnames:
            problems.append(f"{sheet}: sheet missing — {_HINT_EDITED}")
            continue
        rows = list(wb[sheet].iter_rows(values_only=True))
        values[key] = rows
        actual = mf.sheet_digest(sheet, rows)
        if actual.digest == entry["digest"]:
            continue
        recorded = m.recorded(key)
        cells = mf.changed_cells(recorded, actual) if recorded else []
        if not cells:
            problems.append(f"{sheet}: values changed — {_HINT_EDITED}")
        for where in cells[:50]:
            sep = " " if where.startswith(("row", "column")) else "!"
            problems.append(f"{sheet}{sep}{where}: changed since export — {_HINT_EDITED}")
        if len(cells) > 50:
            problems.append(f"{sheet}: {len(cells) - 50} more cells changed")
    known = {e["name"] for e in m.sheets} | {name}
    for extra in wb.sheetnames:
        if extra not in known:
            problems.append(f"{extra}: sheet added after export — {_HINT_EDITED}")

    if store is not None:
        problems += _check_store(store, m, values)
        broken = audit.check_chain(store.con)
        if broken is not None:
            problems.append(broken.message())
    return VerifyResult(
        not problems,
        tuple(problems),
        tuple(e["name"] for e in m.sheets),
        store is not None,
        signed.status,
        signed.fingerprint,
    )


# ---- against the store --------------------------------------------------------------------
def _close(a: float | None, b: float | None, unit: str = "") -> bool:
    if a is None or b is None:
        return a is None and b is None
    # durations come back from the workbook to the millisecond
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-3 if unit == "s" else 1e-9)


def _check_store(store, m: Manifest, values: dict[str, list[tuple]]) -> list[str]:
    from workbench.kpi import catalogue, engine, targets

    problems: list[str] = []
    try:
        start = date.fromisoformat(m.meta["period_start"])
        end = date.fromisoformat(m.meta["period_end"])
        options = KpiOptions(**json.loads(m.meta["options"]))
        version = int(m.meta.get("targets_version", "0"))
        lang = m.meta.get("lang", "zh_CN")
    except (KeyError, ValueError, TypeError) as exc:
        return [f"manifest: cannot read the period or options ({exc}) — {_HINT_EDITED}"]
    con = store.cursor()
    try:
        with store.in_use(con):
            for table, (rows, digest, columns) in m.store.items():
                try:
                    now = mf.table_digest(con, table, start, end, columns)
                except Exception as exc:  # a table or column that no longer exists
                    problems.append(f"store: {table}: cannot be read as at export ({exc})")
                    continue
                if now.digest != digest:
                    problems.append(
                        f"store: {table}: rows of the period changed since export "
                        f"({rows:,} then, {now.rows:,} now) — {_HINT_STORE}"
                    )
            profile = targets.profile_version(con, version)
            if version and not profile.targets:
                problems.append(f"store: target profile version {version} is not in this store")
            report = engine.compute(
                con, Filters(start=start, end=end), options=options, profile=profile
            )
            previous = None
            if m.meta.get("previous_start") and m.meta.get("previous_end"):
                previous = engine.compute(
                    con,
                    Filters(
                        start=date.fromisoformat(m.meta["previous_start"]),
                        end=date.fromisoformat(m.meta["previous_end"]),
                    ),
                    options=options,
                    profile=profile,
                )
    finally:
        con.close()

    summary = values.get("summary", [])
    seen = set()
    for row in summary[FIRST_DATA_ROW - 1 :]:
        kpi_id = row[0] if row else None
        if not isinstance(kpi_id, str):
            continue
        try:
            kpi = catalogue.get(kpi_id)
        except KeyError:
            continue
        seen.add(kpi_id)
        row = tuple(row) + (None,) * 10
        now = report.value(kpi_id)
        if now is None:
            problems.append(f"indicator {kpi_id}: no longer computed by this Workbench")
            continue
        checks = [
            ("value", from_cell(kpi.unit, row[2]), now.value),
            ("numerator", _num(row[5]), now.numerator),
            ("denominator", _num(row[6]), now.denominator),
        ]
        prev = previous.value(kpi_id) if previous else None
        if previous is not None:
            checks.append(("previous period", from_cell(kpi.unit, row[7]), prev and prev.value))
        for what, then, current in checks:
            current = float(current) if current is not None else None
            unit = kpi.unit if what in ("value", "previous period") else ""
            if not _close(then, current, unit):
                shown = (
                    (engine.format_value(kpi, then, lang), engine.format_value(kpi, current, lang))
                    if unit
                    else (_plain(then), _plain(current))
                )
                problems.append(
                    f"indicator {kpi_id} ({kpi.name(lang)}): {what} {shown[0]} in the workbook, "
                    f"{shown[1]} from the store — {_HINT_STORE}"
                )
        status_text = label(lang, f"status.{now.status}") if now.target is not None else "—"
        if row[4] != status_text:
            problems.append(
                f"indicator {kpi_id} ({kpi.name(lang)}): status '{row[4]}' in the workbook, "
                f"'{status_text}' from the store — {_HINT_STORE}"
            )
    expected = [k for k in m.meta.get("kpis", "").split(",") if k]
    for kpi_id in expected:
        if kpi_id not in seen and report.value(kpi_id) is not None and summary:
            kv = report.value(kpi_id)
            if kv is not None and kv.value is not None:
                problems.append(f"indicator {kpi_id}: missing from the summary sheet")
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

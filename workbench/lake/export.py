"""``workbench lake export``: one store's months as Hive-partitioned Parquet in a lake folder.

Each kind is written by one DuckDB ``COPY … (FORMAT parquet, PARTITION_BY (centre, month))``
into a staging folder inside the lake, then every partition's file is moved into place with
``os.replace`` (same file system: atomic). A reader therefore sees a month either as it was or
as re-exported, never half of it. A partition is one month, so ``--from``/``--to`` are widened
to whole months; a month of the range that the store no longer holds for a kind loses its
partition for this centre. Other centres' partitions are never touched, so several centres'
exports into one folder form one lake. The centre's manifest (``_manifests/<code>.json``) lists
every file it owns with its rows and sha256, and is itself replaced atomically at the end.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from workbench.errors import UsageError
from workbench.i18n import _
from workbench.io_safety import atomic_write_text, disk_error
from workbench.lake import LAKE_SCHEMA_VERSION
from workbench.lake.schema import KINDS, store_columns, time_column
from workbench.security.storekeys import personal_data_key

MANIFESTS = "_manifests"
#: How the lake's Parquet is written: zstd with Parquet 2 pages (delta encodings: sorted times
#: and sequential ids take a third less space; benchmarks/bench_lake.py).
PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION v2"


def month_range(start: date | None, end: date | None) -> tuple[date | None, date | None]:
    """``start`` back to the first of its month, ``end`` on to the first of the next month."""
    lo = start.replace(day=1) if start else None
    hi = None
    if end:
        nxt = end.replace(day=28) + timedelta(days=4)
        hi = nxt.replace(day=1)
    return lo, hi


def _select(kind: str, code: str, key_hex: str) -> str:
    """The SELECT writing one kind to the lake (columns less import_id, agent names hashed)."""
    columns = dict(store_columns()[kind])
    parts = []
    for name in columns:
        if name == "agent_name":
            parts.append("CAST(NULL AS VARCHAR) AS agent_name")
        elif name == "agent_id" and "agent_name" in columns:
            parts.append(
                f"coalesce(agent_id, 'anon-' || left(sha256('{key_hex}' || agent_name), 16)) "
                "AS agent_id"
            )
        else:
            parts.append(name)
    ts = time_column(kind)
    parts.append(f"'{code}' AS centre")
    parts.append(f"strftime({ts}, '%Y-%m') AS month")
    return f"SELECT {', '.join(parts)} FROM {kind}"


def export_store(
    store: Any, lake: str | Path, start: date | None = None, end: date | None = None
) -> dict:
    """Write ``store``'s months in [start, end] (whole months) into ``lake``; the manifest."""
    lake = Path(lake)
    centre = store.centre()
    code = centre["code"]
    lo, hi = month_range(start, end)
    if lo and hi and lo >= hi:
        raise UsageError(
            _("the period starts after it ends ({start} > {end})").format(start=start, end=end),
            hint=_("swap --from and --to"),
        )
    try:
        lake.mkdir(parents=True, exist_ok=True)
        staging = lake / f".staging-{code}-{secrets.token_hex(4)}"
        staging.mkdir()
    except OSError as exc:
        raise disk_error(exc, lake) from exc
    key_hex = personal_data_key(store).hex()
    old = _read_manifest(lake / MANIFESTS / f"{code}.json")
    files: dict[str, dict] = dict(old.get("files", {}))
    try:
        for kind in KINDS:
            ts = time_column(kind)
            where, params = [], []
            if lo:
                where.append(f"{ts} >= ?")
                params.append(datetime.combine(lo, datetime.min.time()))
            if hi:
                where.append(f"{ts} < ?")
                params.append(datetime.combine(hi, datetime.min.time()))
            where_sql = " AND ".join(where) or "TRUE"
            months = [
                r[0]
                for r in store.con.execute(
                    f"SELECT DISTINCT strftime({ts}, '%Y-%m') FROM {kind} WHERE {where_sql}",
                    params,
                ).fetchall()
            ]
            written = {}
            if months:
                target = staging / kind
                store.con.execute(
                    f"COPY ({_select(kind, code, key_hex)} WHERE {where_sql} ORDER BY {ts}) "
                    f"TO '{_sql_path(target)}' ({PARQUET_OPTIONS}, "
                    "PARTITION_BY (centre, month), OVERWRITE_OR_IGNORE)",
                    params,
                )
                written = _move_partitions(target, lake / kind, code)
            _drop_missing(lake / kind, code, lo, hi, set(months), files, kind)
            for rel in [r for r, e in files.items() if e["kind"] == kind and e["month"] in months]:
                del files[rel]
            files.update(written)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return write_manifest(lake, centre, files, store.schema_version())


def write_manifest(lake: Path, centre: dict, files: dict[str, dict], store_version: int) -> dict:
    """Replace the centre's manifest (atomically) with ``files``; the manifest."""
    manifest = {
        "schema_version": LAKE_SCHEMA_VERSION,
        "store_schema_version": store_version,
        "centre": centre,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": dict(sorted(files.items())),
    }
    path = Path(lake) / MANIFESTS / f"{centre['code']}.json"
    atomic_write_text(path, json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def describe_file(lake: Path, path: Path) -> tuple[str, dict]:
    """A data file's manifest entry: ``(relative path, {kind, month, rows, sha256, bytes})``."""
    rel = path.relative_to(lake)
    return rel.as_posix(), {
        "kind": rel.parts[0],
        "month": rel.parts[2].removeprefix("month="),
        "rows": _parquet_rows(path),
        "sha256": _sha256(path),
        "bytes": path.stat().st_size,
    }


def _move_partitions(staged: Path, kind_dir: Path, code: str) -> dict[str, dict]:
    """Move each staged month's files over the lake's; ``{relative path: entry}``."""
    out = {}
    lake = kind_dir.parent
    for month_dir in sorted((staged / f"centre={code}").iterdir()):
        month = month_dir.name.removeprefix("month=")
        dest = kind_dir / f"centre={code}" / month_dir.name
        dest.mkdir(parents=True, exist_ok=True)
        new_names = set()
        for f in sorted(month_dir.glob("*.parquet")):
            _, entry = describe_file(staged.parent, f)
            entry["kind"], entry["month"] = kind_dir.name, month
            os.replace(f, dest / f.name)  # atomic: readers see the old file or the new one
            new_names.add(f.name)
            out[(dest / f.name).relative_to(lake).as_posix()] = entry
        for stale in dest.glob("*.parquet"):
            if stale.name not in new_names:
                stale.unlink()
    return out


def _drop_missing(
    kind_dir: Path,
    code: str,
    lo: date | None,
    hi: date | None,
    kept: set[str],
    files: dict[str, dict],
    kind: str,
) -> None:
    """Remove this centre's partitions of the range whose month the store no longer holds."""
    if lo is None or hi is None:
        return
    first, last = lo.strftime("%Y-%m"), (hi - timedelta(days=1)).strftime("%Y-%m")
    centre_dir = kind_dir / f"centre={code}"
    for month_dir in sorted(centre_dir.glob("month=*")) if centre_dir.exists() else []:
        month = month_dir.name.removeprefix("month=")
        if first <= month <= last and month not in kept:
            shutil.rmtree(month_dir, ignore_errors=True)
    for rel in [r for r, e in files.items() if e["kind"] == kind]:
        month = files[rel]["month"]
        if first <= month <= last and month not in kept:
            del files[rel]


def _read_manifest(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _parquet_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def read_manifests(lake: str | Path) -> list[dict]:
    """Every centre's manifest in the lake, by centre code."""
    folder = Path(lake) / MANIFESTS
    if not folder.is_dir():
        return []
    return [_read_manifest(p) for p in sorted(folder.glob("*.json"))]

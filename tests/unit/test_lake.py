"""The headquarters lake (issue 18): layout, manifest, atomic re-export, no personal data in
clear, and the same figures from the store, the lake on DuckDB and the lake on Spark.

Two small centres are built through the real importer from the demo generator (contacts and
every other kind in 2026-10, interval summaries in 2026-09), exported into one lake. The Spark
session is made once for this module (its start takes ~16 s on the reference machine).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from workbench.demo import build_month, generate_month
from workbench.domain import Filters, KpiOptions
from workbench.importing import import_files
from workbench.kpi import catalogue
from workbench.kpi.engine import compute
from workbench.kpi.targets import default_profile
from workbench.lake import LAKE_SCHEMA_VERSION
from workbench.lake.export import export_store, read_manifests
from workbench.lake.kpis import lake_report
from workbench.lake.schema import KINDS, store_columns
from workbench.lake.spark import bind, translate
from workbench.lake.views import lake_centres, open_lake
from workbench.store import Store

CONTACTS = 500
CENTRES = {"C01": ("上海中心", 7), "C02": ("北京中心", 11)}
SMALL_DATA_CONF = {
    "spark.sql.shuffle.partitions": "2",
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.adaptive.enabled": "false",
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -Dderby.system.home=/tmp",
}
PARTITION = re.compile(r"^(\w+)/centre=(C0[12])/month=(\d{4}-\d{2})/[\w.-]+\.parquet$")


@pytest.fixture(scope="module")
def centres(tmp_path_factory):
    """Two stores (C01, C02) filled through the importer; their demo tables for clear values."""
    out = {}
    for code, (name, seed) in CENTRES.items():
        folder = tmp_path_factory.mktemp(code)
        files = generate_month(folder / "files", contacts=CONTACTS, seed=seed)
        store = Store.open(folder / "store.duckdb")
        result = import_files(store, files)
        assert {f.status for f in result.files} == {"imported"}
        store.set_centre(code, name)
        out[code] = (store, build_month(contacts=CONTACTS, seed=seed))
    yield out
    for store, _ in out.values():
        store.close()


@pytest.fixture(scope="module")
def summaries_centre(tmp_path_factory):
    """C03: contacts in 2026-11, interval summaries for 2026-10 (when C01/C02 have contacts)."""
    folder = tmp_path_factory.mktemp("C03")
    files = generate_month(folder / "files", month="2026-11", contacts=300, seed=5)
    store = Store.open(folder / "store.duckdb")
    import_files(store, files)
    store.set_centre("C03", "广州中心")
    yield store
    store.close()


@pytest.fixture(scope="module")
def lake(centres, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lake")
    for store, _ in centres.values():
        export_store(store, folder)
    return folder


@pytest.fixture(scope="module")
def spark():
    from workbench.lake.spark import spark_session

    # small data: a quick JIT, no code generation and two shuffle partitions start faster
    session = spark_session("local[2]", conf=SMALL_DATA_CONF)
    yield session
    session.stop()


def _all(sql: str) -> list[tuple]:
    con = duckdb.connect()
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _first(sql: str) -> tuple | None:
    rows = _all(sql)
    return rows[0] if rows else None


def _one(sql: str):
    return _all(sql)[0][0]


def _files(lake: Path) -> list[str]:
    return sorted(
        p.relative_to(lake).as_posix()
        for p in lake.rglob("*.parquet")
        if not p.relative_to(lake).as_posix().startswith(".")
    )


# ---- centre --------------------------------------------------------------------------------
def test_centre_defaults_to_c01_and_is_validated(store):
    from workbench.errors import UsageError

    assert store.centre() == {"code": "C01", "name": ""}
    store.set_centre("SH-01", "上海")
    assert store.info()["centre"] == {"code": "SH-01", "name": "上海"}
    with pytest.raises(UsageError):
        store.set_centre("../x")


# ---- layout and manifest -------------------------------------------------------------------
def test_lake_layout_and_manifest(lake, centres):
    files = _files(lake)
    assert files, "nothing exported"
    for rel in files:
        assert PARTITION.match(rel), rel
    months = {PARTITION.match(r).group(3) for r in files}
    assert months == {"2026-09", "2026-10"}
    manifests = {m["centre"]["code"]: m for m in read_manifests(lake)}
    assert set(manifests) == {"C01", "C02"}
    assert lake_centres(lake) == ["C01", "C02"]
    listed = set()
    for code, manifest in manifests.items():
        store = centres[code][0]
        assert manifest["schema_version"] == LAKE_SCHEMA_VERSION
        assert manifest["store_schema_version"] == store.schema_version()
        assert manifest["centre"]["name"] == CENTRES[code][0]
        counts = store.row_counts()
        for kind in KINDS:
            rows = sum(f["rows"] for f in manifest["files"].values() if f["kind"] == kind)
            assert rows == counts[kind], (code, kind)
        for rel, entry in manifest["files"].items():
            data = (lake / rel).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            got = _one(f"SELECT count(*) FROM read_parquet('{lake / rel}')")
            assert got == entry["rows"]
            listed.add(rel)
    assert listed == set(files)
    # the files hold the store's columns less import_id; centre and month are in the path
    for kind in ("contacts", "campaigns"):
        rel = next(r for r in files if r.startswith(kind + "/"))
        columns = [
            r[0]
            for r in _all(
                f"DESCRIBE SELECT * FROM read_parquet('{lake / rel}', hive_partitioning = false)"
            )
        ]
        assert columns == [name for name, _ in store_columns()[kind]]


def test_lake_holds_no_phone_number_or_name_in_clear(lake, centres):
    """Every text value of every file, decoded: no customer phone, customer or agent name."""
    clear = set()
    for _, tables in centres.values():
        for kind in ("contacts", "campaigns", "agent_states"):
            for column in ("customer_ref", "agent_name"):
                if column in tables[kind].columns:
                    clear |= {str(v) for v in tables[kind][column] if v}
    assert len(clear) > 100
    # a mobile number standing alone (keyed hashes are hex and may hold 11 digits in a row)
    phone = re.compile(r"(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])")
    texts = set()
    for rel in _files(lake):
        described = _all(f"DESCRIBE SELECT * FROM '{lake / rel}'")
        for name, typ, *_ in described:
            if typ == "VARCHAR":
                rows = _all(f"SELECT DISTINCT {name} FROM '{lake / rel}'")
                texts |= {r[0] for r in rows if r[0]}
    assert texts & clear == set()
    assert not [t for t in texts if phone.search(t)]
    masked = _first(
        f"SELECT customer_masked FROM read_parquet('{lake}/contacts/*/*/*.parquet') "
        "WHERE customer_masked IS NOT NULL LIMIT 1"
    )
    assert masked and "*" in masked[0]


def test_reexport_replaces_a_month_atomically(centres, tmp_path, monkeypatch):
    """A failed re-export leaves the old partition whole; a good one replaces it."""
    store = centres["C01"][0]
    export_store(store, tmp_path)
    before = {rel: (tmp_path / rel).read_bytes() for rel in _files(tmp_path)}
    manifest_before = (tmp_path / "_manifests" / "C01.json").read_text()

    # the rename of the second partition fails: nothing already in the lake may change
    real_replace = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    store.con.execute(
        "CREATE TEMP TABLE kept AS SELECT * FROM contacts WHERE started_at >= '2026-10-15'"
    )
    store.con.execute("DELETE FROM contacts WHERE started_at >= '2026-10-15'")
    try:
        monkeypatch.setattr(os, "replace", failing)
        with pytest.raises(OSError):
            export_store(store, tmp_path, date(2026, 10, 1), date(2026, 10, 31))
        monkeypatch.setattr(os, "replace", real_replace)
        # each file is either the old one or the complete new one, never a torn one
        for rel, data in before.items():
            now = (tmp_path / rel).read_bytes()
            if now != data:
                assert _one(f"SELECT count(*) FROM '{tmp_path / rel}'") > 0
        assert (tmp_path / "_manifests" / "C01.json").read_text() == manifest_before
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".staging")]

        manifest = export_store(store, tmp_path, date(2026, 10, 1), date(2026, 10, 31))
        rows = sum(
            f["rows"]
            for f in manifest["files"].values()
            if f["kind"] == "contacts" and f["month"] == "2026-10"
        )
        in_store = store.con.execute(
            "SELECT count(*) FROM contacts WHERE started_at >= '2026-10-01'"
        ).fetchone()[0]
        assert rows == in_store
        con = open_lake(tmp_path)
        in_lake = con.execute("SELECT count(*) FROM contacts WHERE month = '2026-10'").fetchone()[0]
        assert in_lake == in_store
        # the September partition (interval summaries) was outside the range: untouched
        for rel, data in before.items():
            if "month=2026-09" in rel:
                assert (tmp_path / rel).read_bytes() == data
    finally:
        store.con.execute("INSERT INTO contacts SELECT * FROM kept")
        store.con.execute("DROP TABLE kept")


# ---- one catalogue, two engines ------------------------------------------------------------
def _pairs(a, b):
    assert [g.key for g in a.groups] == [g.key for g in b.groups]
    yield a.values, b.values
    for ga, gb in zip(a.groups, b.groups, strict=True):
        yield ga.values, gb.values


def _assert_same(a, b, rel: float = 1e-9) -> int:
    """Every indicator's value, numerator and denominator equal (to ``rel``); how many."""
    compared = 0
    for va, vb in _pairs(a, b):
        assert [v.kpi_id for v in va] == [v.kpi_id for v in vb]
        for x, y in zip(va, vb, strict=True):
            for p, q in (
                (x.value, y.value),
                (x.numerator, y.numerator),
                (x.denominator, y.denominator),
            ):
                if p is None or q is None:
                    assert p is q, (x, y)
                else:
                    assert p == pytest.approx(q, rel=rel, abs=1e-12), (x, y)
                    compared += 1
            assert x.status == y.status
    return compared


def test_lake_on_duckdb_gives_the_store_s_figures(lake, centres):
    for code, (store, _) in centres.items():
        from_store = compute(
            store.con, Filters(), by="month", options=KpiOptions(), profile=default_profile()
        )
        from_lake = lake_report(lake, engine="duckdb", by="month", centres=[code])
        assert _assert_same(from_store, from_lake) > 50
        # a period: the views prune to its months, the engine filters its days
        period = Filters(start=date(2026, 9, 20), end=date(2026, 10, 9))
        from_store = compute(
            store.con, period, by="day", options=KpiOptions(), profile=default_profile()
        )
        from_lake = lake_report(lake, by="day", filters=period, centres=[code])
        assert len(from_lake.groups) == 20
        assert _assert_same(from_store, from_lake) > 500


def test_by_centre_groups_each_centre(lake, centres):
    report = lake_report(lake, engine="duckdb", by="centre")
    assert [g.key for g in report.groups] == ["C01", "C02"]
    checked = 0
    for group in report.groups:
        store = centres[group.key][0]
        alone = compute(store.con, Filters(), options=KpiOptions(), profile=default_profile())
        # both centres have contact detail on the same days (intervals on others): each
        # centre's group is what its own store gives
        for v, expected in zip(group.values, alone.values, strict=True):
            if expected.value is None:
                assert v.value is None, v
            else:
                assert v.value == pytest.approx(expected.value, rel=1e-9), v
                checked += 1
    assert checked > 30


def test_each_centre_keeps_its_own_source_per_day(lake, centres, summaries_centre, tmp_path):
    """C03's October summaries count although C01 and C02 have October contacts."""
    import shutil

    mixed = tmp_path / "mixed"
    shutil.copytree(lake, mixed)
    export_store(summaries_centre, mixed)
    report = lake_report(mixed, by="centre")
    own = compute(summaries_centre.con, Filters(), options=KpiOptions(), profile=default_profile())
    c03 = next(g for g in report.groups if g.key == "C03")
    assert _assert_same_values(c03.values, own.values) > 20
    offered = sum(g.value("offered").value for g in report.groups)
    assert report.value("offered").value == offered
    by_month = lake_report(mixed, by="month", centres=["C01", "C03"])
    october = next(g for g in by_month.groups if g.key == "2026-10-01")
    alone = lake_report(mixed, by="month", centres=["C01"])
    c01_october = next(g for g in alone.groups if g.key == "2026-10-01")
    assert october.value("offered").value > c01_october.value("offered").value


def _assert_same_values(va, vb) -> int:
    compared = 0
    for x, y in zip(va, vb, strict=True):
        assert x.kpi_id == y.kpi_id
        for p, q in ((x.value, y.value), (x.numerator, y.numerator)):
            if p is None or q is None:
                assert p is q, (x, y)
            else:
                assert p == pytest.approx(q, rel=1e-9), (x, y)
                compared += 1
    return compared


@pytest.mark.parametrize("by", ["centre", "month"])
def test_spark_equals_duckdb_for_every_indicator(lake, spark, by):
    duck = lake_report(lake, engine="duckdb", by=by)
    on_spark = lake_report(lake, engine="spark", by=by, spark=spark)
    assert _assert_same(duck, on_spark) > 100
    with_values = {v.kpi_id for _, vals in _pairs(duck, duck) for v in vals if v.value is not None}
    # the demo rates satisfaction in words (满意…), so the numeric mean score has no data;
    # its bot sessions name no customer, so no hand-over to an agent can be linked
    no_data = {"csat_mean", "bot_transfer_answered"}
    assert with_values == set(catalogue.ids()) - no_data, set(catalogue.ids()) - with_values


def test_spark_equals_duckdb_with_filters(lake, spark):
    filters = Filters(start=date(2026, 9, 10), end=date(2026, 10, 20), queues=())
    duck = lake_report(lake, engine="duckdb", by="day", filters=filters, centres=["C02"])
    on_spark = lake_report(
        lake, engine="spark", by="day", filters=filters, centres=["C02"], spark=spark
    )
    assert len(duck.groups) == 41
    assert _assert_same(duck, on_spark) > 500


def test_translation_keeps_strings_and_rewrites_exists():
    sql = "SELECT EXISTS (SELECT 1 FROM t WHERE a = ? AND b = '?'), count_if(x) FROM t WHERE c < ?"
    bound = bind(sql, ["it's", 3])
    assert "'it''s'" in bound and "'?'" in bound and bound.endswith("c < 3")
    spark_sql = translate(sql, ["it's", 3])
    assert "EXISTS" not in spark_sql.upper()
    assert "LIMIT 1" in spark_sql.upper()
    with pytest.raises(ValueError):
        bind(sql, [1])


# ---- command line --------------------------------------------------------------------------
def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_cli_store_centre_lake_export_and_kpis(tmp_path, centres):
    store_file = tmp_path / "s.duckdb"
    store_file.write_bytes(centres["C02"][0].backup("test").read_bytes())
    done = _cli("store", "--store", str(store_file), "centre", "GZ", "广州中心")
    assert done.returncode == 0, done.stderr
    info = json.loads(_cli("store", "--store", str(store_file), "--json", "info").stdout)
    assert info["centre"] == {"code": "GZ", "name": "广州中心"}
    done = _cli("lake", "--store", str(store_file), "export", "--lake", str(tmp_path / "lake"))
    assert done.returncode == 0, done.stderr
    done = _cli("kpis", "--lake", str(tmp_path / "lake"), "--by", "centre", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [g["key"] for g in report["groups"]] == ["GZ"]
    bad = _cli("kpis", "--store", str(store_file), "--by", "centre")
    assert bad.returncode == 2, bad.stderr

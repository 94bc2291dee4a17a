"""The headquarters view on a real lake: league ranked as the engine's figures say, the centre
filter, trend lines per centre, and the lake's files left untouched (read-only)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from gui_store import settle, track

from workbench.lake.kpis import lake_report
from workbench.lake.league import LEAGUE_KPIS, rank
from workbench.store import Store
from workbench.views.centres import CentresView
from workbench.views.context import AppContext

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_lake.py"


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_lake", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_lake"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lake")
    _bench_module().generate(folder, centres=4, months=3, per_month=800)
    return folder


def test_league_filter_and_trends(qtbot, lake: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in lake.rglob("*") if p.is_file()}
    store = Store.memory()
    try:
        view = track(CentresView(AppContext(store)))
        qtbot.addWidget(view)
        view.resize(1366, 768)
        view.show()
        view.open_lake(lake)
        assert view.wait(60)

        engine = lake_report(lake, by="centre", kpi_ids=LEAGUE_KPIS)
        assert [g.key for g in view.model.rows()] == ["C01", "C02", "C03", "C04"]
        # rows appear best first on the answer rate, labelled with rank and manifest name
        shown = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
        value = {g.key: g.value("answer_rate").value for g in engine.groups}
        order = rank(engine, "answer_rate")
        assert [value[k] for k in order] == sorted(value.values(), reverse=True)
        codes = [label.rsplit("(", 1)[1].rstrip(")") for label in shown]
        assert [value[c] for c in codes] == sorted(value.values(), reverse=True)
        assert shown[0].startswith("1. ")
        assert "上海远程银行中心" in " ".join(shown)
        assert view.centre_box.count() == 5
        assert len(view.data.trends) == 4
        assert view.plot.isVisible()
        curves = view.plot.getPlotItem().listDataItems()
        assert len(curves) == 4 and all(len(c.getData()[0]) == 3 for c in curves)
        assert "94" in view.benchmarks.text()  # the 2024 industry answer rate

        # one centre chosen: one row, one line, and the strip shows that centre's figure
        with qtbot.waitSignal(view._runner.resultReady, timeout=60000):
            view.centre_box.setCurrentIndex(view.centre_box.findData("C03"))
        assert [g.key for g in view.model.rows()] == ["C03"]
        assert len(view.plot.getPlotItem().listDataItems()) == 1
        c03 = next(g for g in engine.groups if g.key == "C03").value("answer_rate").value
        assert f"{c03 * 100:.1f}%" in view.strip.value_text("answer_rate")

        # ranked on a lower-is-better indicator: ascending
        with qtbot.waitSignal(view._runner.resultReady, timeout=60000):
            view.kpi_box.setCurrentIndex(LEAGUE_KPIS.index("asa"))
        assert view.data.kpi_id == "asa"
        after = {p: p.stat().st_mtime_ns for p in lake.rglob("*") if p.is_file()}
        assert after == before
    finally:
        settle()
        store.close()


def test_without_a_lake_it_says_what_to_do(qtbot, monkeypatch) -> None:
    monkeypatch.delenv("WORKBENCH_LAKE", raising=False)
    store = Store.memory()
    try:
        view = track(CentresView(AppContext(store)))
        qtbot.addWidget(view)
        view.show()
        view.refresh()
        assert "lake export" in view.status_label.text()
        assert not view.plot.isVisible()  # no chart of nothing
    finally:
        settle()
        store.close()

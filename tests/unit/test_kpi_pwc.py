"""The real path (file → importer → store → engine) on the public PwC call-centre sample.

Reference figures are the ones published for this dataset (kpis.md, "Reference figures").
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workbench.domain import Filters, KpiOptions
from workbench.importing import import_files
from workbench.kpi.engine import compute, format_value

PWC_SAMPLE = Path(__file__).parents[1] / "data" / "pwc-call-centre-2021q1.xlsx"


@pytest.fixture(scope="module")
def pwc_store(tmp_path_factory):
    from workbench.store import Store

    store = Store.open(tmp_path_factory.mktemp("pwc") / "store.duckdb")
    result = import_files(store, [PWC_SAMPLE])
    assert [f.status for f in result.files] == ["imported"]
    yield store
    store.close()


def test_reference_figures(pwc_store):
    report = compute(pwc_store.con, Filters())
    v = {x.kpi_id: x for x in report.values}
    assert v["offered"].value == 5000
    assert v["answered"].value == 4054
    assert (v["abandon_rate"].numerator, v["abandon_rate"].denominator) == (946, 5000)
    assert v["abandon_rate"].value == pytest.approx(0.1892)
    assert v["answer_rate"].value == pytest.approx(4054 / 5000)
    assert v["asa"].value == pytest.approx(67.52, abs=0.005)
    assert v["aht"].value == pytest.approx(224.92, abs=0.005)  # talk only: no hold, no ACW
    assert (v["fcr"].numerator, v["fcr"].denominator) == (3646, 4054)
    assert v["fcr"].value == pytest.approx(0.8994, abs=0.00005)
    assert v["csat_mean"].value == pytest.approx(3.40, abs=0.005)
    assert v["csat"].value == pytest.approx(0.4990, abs=0.00005)
    # no contact-level ACW, complaints, agent states, bots or campaigns in this file
    for kpi_id in ("acw", "complaint_rate", "occupancy", "bot_share", "campaign_reach"):
        assert v[kpi_id].value is None and v[kpi_id].status == "no_data", kpi_id
    assert (report.start, report.end) == (date(2021, 1, 1), date(2021, 3, 31))
    assert format_value("asa", v["asa"].value) == "1:08"
    assert format_value("abandon_rate", v["abandon_rate"].value) == "18.9%"


def test_months_add_up_to_the_quarter(pwc_store):
    report = compute(pwc_store.con, Filters(), by="month")
    assert [g.key for g in report.groups] == ["2021-01-01", "2021-02-01", "2021-03-01"]
    offered = sum(g.value("offered").value for g in report.groups)
    wait_sum = sum(g.value("asa").numerator for g in report.groups)
    answered = sum(g.value("asa").denominator for g in report.groups)
    assert offered == 5000 and answered == 4054
    assert wait_sum / answered == pytest.approx(report.value("asa").value)
    january = compute(pwc_store.con, Filters(start=date(2021, 1, 1), end=date(2021, 1, 31)))
    assert january.value("offered").value == report.groups[0].value("offered").value


def test_by_agent_and_options(pwc_store):
    report = compute(pwc_store.con, Filters(), by="agent")
    assert len(report.groups) >= 8
    answered = sum(g.value("answered").value or 0 for g in report.groups)
    assert answered == 4054
    sl60 = compute(pwc_store.con, Filters(), options=KpiOptions(sl_threshold_s=60))
    sl20 = compute(pwc_store.con, Filters())
    assert sl60.value("service_level").value > sl20.value("service_level").value

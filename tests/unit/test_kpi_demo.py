"""The demo month through the real path (generated .xlsx → importer → store → engine), checked
against figures computed independently from the generator's own rows with numpy."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from workbench.demo import build_month, generate_month
from workbench.domain import Filters
from workbench.importing import import_files
from workbench.kpi.engine import compute

CONTACTS = 1500


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from workbench.store import Store

    folder = tmp_path_factory.mktemp("demo")
    tables = build_month(contacts=CONTACTS)
    files = generate_month(folder, contacts=CONTACTS)
    store = Store.open(folder / "store.duckdb")
    result = import_files(store, files)
    assert {f.status for f in result.files} == {"imported"}
    yield tables, store
    store.close()


def _month(tables, kind) -> tuple[date, date]:
    stamps = tables[kind]["period_start" if kind == "intervals" else "started_at"].astype(
        "datetime64[D]"
    )
    return stamps.min().astype(object), stamps.max().astype(object)


def test_contact_month_matches_the_generator(demo):
    tables, store = demo
    c = tables["contacts"]
    start, end = _month(tables, "contacts")
    v = {x.kpi_id: x for x in compute(store.con, Filters(start=start, end=end)).values}
    answered = c["answered"].astype(bool)
    wait = c["wait_s"].astype(float)
    assert v["offered"].value == len(c) == CONTACTS
    assert v["answered"].value == answered.sum()
    assert v["service_level"].value == pytest.approx((answered & (wait <= 20)).sum() / len(c))
    assert v["asa"].value == pytest.approx(wait[answered].mean(), abs=0.01)
    handle = (c["talk_s"] + c["hold_s"] + c["acw_s"]).astype(float)[answered]
    assert v["aht"].value == pytest.approx(handle.mean(), rel=1e-3)
    labels = np.array([x if x is not None else "未评价" for x in c["csat"]], dtype=object)
    rated = labels != "未评价"
    satisfied = np.isin(labels, ["满意", "非常满意"])
    assert v["csat"].value == pytest.approx(satisfied.sum() / rated.sum())
    assert v["bot_sessions"].value == len(tables["bot_sessions"])
    assert v["campaign_touches"].value == len(tables["campaigns"])
    assert v["qa_score"].value == pytest.approx(np.mean(tables["quality"]["score"]), abs=0.01)


def test_interval_month_is_weighted(demo):
    tables, store = demo
    i = tables["intervals"]
    start, end = _month(tables, "intervals")
    report = compute(store.con, Filters(start=start, end=end), by="day")
    v = {x.kpi_id: x for x in report.values}
    offered, answered = i["offered"].sum(), i["answered"].sum()
    assert v["offered"].value == offered
    assert v["answer_rate"].value == pytest.approx(answered / offered)
    assert v["service_level"].value == pytest.approx(i["answered_in_sl"].sum() / offered)
    weighted_asa = (i["asa_s"] * i["answered"]).sum() / answered
    assert v["asa"].value == pytest.approx(weighted_asa, rel=1e-6)
    assert v["fcr"].value is None  # summaries have no contact detail
    # the month is the weighted figure, not the mean of its days
    daily = [g.value("answer_rate").value for g in report.groups]
    assert len(daily) >= 28
    assert v["answer_rate"].value != pytest.approx(float(np.mean(daily)), abs=1e-9)

"""The public PwC call-centre sample imports with no mapping and gives its reference figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.importing import import_files
from workbench.store import Store

PWC_SAMPLE = Path(__file__).parents[1] / "data" / "pwc-call-centre-2021q1.xlsx"


def test_pwc_sample_reference_figures(store: Store) -> None:
    (f,) = import_files(store, [PWC_SAMPLE]).files
    assert f.status == "imported" and f.kind == "contacts", f.error
    assert (f.rows, f.rejected) == (5000, 0)
    assert "date ← 'Date'" in f.kind_reason and "time ← 'Time'" in f.kind_reason
    # never silently: the scale was guessed from the values, and the summary says so
    assert any("'Satisfaction rating'" in w and "--csat-scale" in w for w in f.warnings)
    offered, answered, asa, talk, resolved, csat_mean, scale, satisfied = store.con.execute(
        "SELECT count(*), count(*) FILTER (WHERE answered), "
        "avg(wait_s) FILTER (WHERE answered), avg(talk_s) FILTER (WHERE answered), "
        "count(*) FILTER (WHERE resolved), avg(csat_score), max(csat_scale), "
        "avg(CAST(csat_satisfied AS INTEGER)) FROM contacts"
    ).fetchone()
    assert (offered, answered, resolved) == (5000, 4054, 3646)
    assert asa == pytest.approx(67.52, abs=0.005)
    assert talk == pytest.approx(224.92, abs=0.005)
    assert csat_mean == pytest.approx(3.40, abs=0.005)
    assert scale == 5
    assert satisfied == pytest.approx(0.4990, abs=0.0005)
    assert resolved / answered == pytest.approx(0.8994, abs=0.00005)
    first = store.con.execute(
        "SELECT started_at, hold_s, acw_s, channel FROM contacts WHERE contact_id = 'ID0001'"
    ).fetchone()
    assert str(first[0]) == "2021-01-01 09:12:58" and first[1:] == (None, None, "voice")
    days = store.con.execute(
        "SELECT min(started_at)::DATE, max(started_at)::DATE FROM contacts"
    ).fetchone()
    assert str(days[0]) == "2021-01-01" and str(days[1]).startswith("2021-03")

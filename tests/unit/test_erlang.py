"""Erlang C against pyworkforce, Erlang A against a ciw simulation and the exact chain."""

from __future__ import annotations

import itertools

import ciw
import numpy as np
import pytest
from pyworkforce.queuing import ErlangC

from workbench.planning.erlang import erlang_a, erlang_c, required_agents

# 5 volumes × 3 AHTs × 2 targets × 2 thresholds = 60 grid points (30-minute intervals)
GRID = list(itertools.product([20, 80, 150, 400, 1200], [120, 300, 480], [0.8, 0.9], [15, 30]))


def test_erlang_c_agrees_with_pyworkforce_on_a_grid() -> None:
    calls, aht, target, threshold = (np.array(x, float) for x in zip(*GRID, strict=True))
    required, result = required_agents(calls, aht, 1800, target, threshold)
    assert len(GRID) >= 50
    for i, (c, a, sl_target, t) in enumerate(GRID):
        reference = ErlangC(transactions=c, aht=a / 60, asa=t / 60, interval=30)
        expected = reference.required_positions(service_level=sl_target)
        assert required[i] == expected["raw_positions"], GRID[i]
        assert result.sl[i] == pytest.approx(expected["service_level"], abs=1e-6)
        assert result.occupancy[i] == pytest.approx(expected["occupancy"], abs=1e-9)
        assert result.wait_probability[i] == pytest.approx(
            expected["waiting_probability"], abs=1e-6
        )
        # one agent fewer misses the target (the fewest agents, not just enough)
        fewer = erlang_c(c, a, 1800, required[i] - 1, t)
        assert fewer.sl < sl_target


def test_occupancy_cap_and_shrinkage_follow_pyworkforce() -> None:
    reference = ErlangC(transactions=300, aht=4, asa=20 / 60, interval=30, shrinkage=0.3)
    expected = reference.required_positions(service_level=0.8, max_occupancy=0.85)
    rostered, result = required_agents(300, 240, 1800, 0.8, 20, max_occupancy=0.85, shrinkage=0.3)
    assert int(result.agents) == expected["raw_positions"]
    assert int(rostered) == expected["positions"]
    assert float(result.occupancy) <= 0.85


def _chain(calls, aht, interval, n, patience):
    """Abandon probability and P(wait) from the M/M/n+M birth–death chain (truncated)."""
    lam, mu, theta = calls / interval, 1 / aht, 1 / patience
    size = n + 2000
    log_p = np.zeros(size + 1)
    for j in range(1, size + 1):
        log_p[j] = log_p[j - 1] + np.log(lam) - np.log(min(j, n) * mu + max(j - n, 0) * theta)
    p = np.exp(log_p - log_p.max())
    p /= p.sum()
    queue = np.maximum(np.arange(size + 1) - n, 0)
    return theta * (p * queue).sum() / lam, p[n:].sum()


@pytest.mark.parametrize(
    "calls,aht,n,patience", [(100, 300, 30, 72), (400, 180, 60, 300), (10, 300, 2, 60)]
)
def test_erlang_a_abandonment_matches_the_exact_chain(calls, aht, n, patience) -> None:
    result = erlang_a(calls, aht, 900, n, 20, patience)
    abandon, wait = _chain(calls, aht, 900, n, patience)
    assert float(result.abandon) == pytest.approx(abandon, abs=1e-9)
    assert float(result.wait_probability) == pytest.approx(wait, abs=1e-9)


def _simulate(seed: int, *, lam: float, aht: float, n: int, patience: float, t: float):
    """One ciw run (minutes): SL (answered within t / offered), abandon rate, ASA."""
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=lam)],
        service_distributions=[ciw.dists.Exponential(rate=1 / aht)],
        number_of_servers=[n],
        reneging_time_distributions=[ciw.dists.Exponential(rate=1 / patience)],
    )
    ciw.seed(seed)
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_time(1200)
    records = [r for r in simulation.get_all_records() if r.arrival_date > 100]
    served = [r for r in records if r.record_type == "service"]
    reneged = [r for r in records if r.record_type == "renege"]
    total = len(served) + len(reneged)
    return (
        sum(r.waiting_time <= t for r in served) / total,
        len(reneged) / total,
        float(np.mean([r.waiting_time for r in served])),
    )


def test_erlang_a_agrees_with_a_ciw_simulation() -> None:
    # 4 calls a minute, AHT 2 min, 8 agents, mean patience 1 min, T = 15 s: a busy queue
    lam, aht, n, patience, t = 4.0, 2.0, 8, 1.0, 0.25
    runs = np.array([_simulate(s, lam=lam, aht=aht, n=n, patience=patience, t=t) for s in range(6)])
    mean = runs.mean(axis=0)
    half_width = 4.032 * runs.std(axis=0, ddof=1) / np.sqrt(len(runs))  # 99 % t, 5 df
    predicted = erlang_a(lam * 15, aht * 60, 900, n, t * 60, patience * 60)
    formula = np.array([float(predicted.sl), float(predicted.abandon), float(predicted.asa_s) / 60])
    assert np.all(np.abs(formula - mean) <= half_width), (formula, mean, half_width)
    # and the queue is not trivial: a tenth or more hang up
    assert mean[1] > 0.1


def test_erlang_a_approaches_erlang_c_when_nobody_hangs_up() -> None:
    c = erlang_c(100, 300, 1800, 20, 20)
    a = erlang_a(100, 300, 1800, 20, 20, 1e7)
    assert float(a.sl) == pytest.approx(float(c.sl), abs=1e-4)
    assert float(a.asa_s) == pytest.approx(float(c.asa_s), rel=1e-3)


def test_vectorised_result_equals_one_by_one() -> None:
    calls = np.array([10.0, 50, 200, 0])
    agents = np.array([2.0, 8, 30, 3])
    together = erlang_a(calls, 240, 900, agents, 20, 90)
    for i in range(calls.size):
        alone = erlang_a(calls[i], 240, 900, agents[i], 20, 90)
        assert float(together.sl[i]) == pytest.approx(float(alone.sl))
        assert float(together.asa_s[i]) == pytest.approx(float(alone.asa_s))
    assert together.sl[3] == 1.0 and together.abandon[3] == 0.0

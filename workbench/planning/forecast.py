"""Forecast of offered contacts and AHT per interval, by day kind × time of day.

The method, as a planner would explain it: *an interval's forecast is the average of the same
interval (same queue, same time of day) over the last four days of the same kind.* The kind
of a day comes from the Chinese working calendar (``planning.calendar``): Monday … Sunday for
ordinary days, statutory holidays with holidays, make-up working days (调休上班) with ordinary
Monday–Friday days. A holiday with no holiday in the history is forecast like a weekend day.
AHT is the handling time of those same days (total handling time / answered).

The baseline it must beat is the seasonal-naive forecast: the same interval one week earlier.
``backtest`` holds back the last week of the history, forecasts it both ways from the days
before, and gives each method's mean absolute error per interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from workbench.planning.calendar import day_kind
from workbench.planning.intraday import IntervalTable

HISTORY_DAYS = 4
_WORKDAYS = ("0", "1", "2", "3", "4")
_WEEKEND = ("5", "6")


def day_key(day: date) -> str:
    """The forecast's kind of day: '0'…'6' (Monday…Sunday), 'holiday' or 'makeup'."""
    kind = day_kind(day)
    if kind in ("holiday", "makeup"):
        return kind
    return str(day.weekday())


@dataclass
class Cube:
    """History as dense arrays [queue, day, slot]; days without any data are masked out."""

    minutes: int
    queues: list[str]
    days: list[date]
    first_slot: int
    offered: np.ndarray
    handle: np.ndarray  # Σ handling seconds
    answered: np.ndarray  # answered contacts behind ``handle``
    has_data: np.ndarray  # [day]

    @property
    def slots(self) -> int:
        return self.offered.shape[2]


def build_cube(table: IntervalTable) -> Cube:
    """``table`` (per interval and queue) as a dense cube; empty intervals of data days are 0."""
    queues = sorted(set(table.queue.tolist()))
    q_index = {q: i for i, q in enumerate(queues)}
    day = table.start.astype("datetime64[D]")
    slot = (table.start - day).astype(np.int64) // (table.minutes * 60)
    first_day = day.min()
    d_index = (day - first_day).astype(np.int64)
    first_slot = int(slot.min())
    shape = (len(queues), int(d_index.max()) + 1, int(slot.max()) - first_slot + 1)
    at = (np.array([q_index[q] for q in table.queue]), d_index, slot - first_slot)
    offered = np.zeros(shape)
    handle = np.zeros(shape)
    answered = np.zeros(shape)
    np.add.at(offered, at, table.offered)
    np.add.at(handle, at, table.sums["aht"][0])
    np.add.at(answered, at, table.sums["aht"][1])
    has_data = np.zeros(shape[1], dtype=bool)
    has_data[d_index] = True
    days = [first_day.astype(object) + timedelta(days=i) for i in range(shape[1])]
    return Cube(table.minutes, queues, days, first_slot, offered, handle, answered, has_data)


@dataclass
class Forecast:
    """Forecast offered and AHT [queue, day, slot] for ``days``."""

    days: list[date]
    offered: np.ndarray
    aht_s: np.ndarray


def seasonal_forecast(cube: Cube, days: list[date], *, before: date | None = None) -> Forecast:
    """Forecast ``days`` from the cube's days before ``before`` (default: all of them)."""
    keys = [day_key(d) for d in cube.days]
    usable = [
        i for i, d in enumerate(cube.days) if cube.has_data[i] and (before is None or d < before)
    ]
    offered = np.zeros((len(cube.queues), len(days), cube.slots))
    aht = np.zeros_like(offered)
    overall_aht = _ratio(cube.handle[:, usable].sum(axis=1), cube.answered[:, usable].sum(axis=1))
    for j, day in enumerate(days):
        picked = _history(keys, usable, day_key(day))
        offered[:, j] = cube.offered[:, picked].mean(axis=1) if picked else 0.0
        if picked:
            handle = cube.handle[:, picked].sum(axis=1)
            answered = cube.answered[:, picked].sum(axis=1)
            aht[:, j] = np.where(answered > 0, _ratio(handle, answered), overall_aht)
        else:
            aht[:, j] = overall_aht
    return Forecast(days, offered, np.nan_to_num(aht))


def _history(keys: list[str], usable: list[int], key: str) -> list[int]:
    """The last ``HISTORY_DAYS`` usable day indices of kind ``key`` (with the fallbacks)."""
    for wanted in _fallbacks(key):
        picked = [i for i in usable if keys[i] in wanted][-HISTORY_DAYS:]
        if picked:
            return picked
    return usable[-HISTORY_DAYS:]


def _fallbacks(key: str) -> list[tuple[str, ...]]:
    if key == "holiday":
        return [("holiday",), _WEEKEND]
    if key == "makeup":
        return [("makeup", *_WORKDAYS), _WORKDAYS]
    return [(key,), _WORKDAYS if key in _WORKDAYS else _WEEKEND]


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def seasonal_naive(cube: Cube, days: list[date]) -> np.ndarray:
    """Offered [queue, day, slot]: the same interval seven days earlier (NaN when unknown)."""
    index = {d: i for i, d in enumerate(cube.days)}
    out = np.full((len(cube.queues), len(days), cube.slots), np.nan)
    for j, day in enumerate(days):
        i = index.get(day - timedelta(days=7))
        if i is not None and cube.has_data[i]:
            out[:, j] = cube.offered[:, i]
    return out


@dataclass(frozen=True)
class Backtest:
    """Errors on the held-back days: mean absolute error of offered per interval and queue."""

    held_back: list[date]
    mae_forecast: float
    mae_naive: float
    mae_aht_s: float
    mean_offered: float
    intervals: int


def backtest(table: IntervalTable, holdout_days: int = 7) -> Backtest:
    """Hold back the last ``holdout_days`` data days; forecast them both ways; compare."""
    cube = build_cube(table)
    data_days = [d for d, ok in zip(cube.days, cube.has_data, strict=True) if ok]
    held = data_days[-holdout_days:]
    index = [cube.days.index(d) for d in held]
    actual = cube.offered[:, index]
    ours = seasonal_forecast(cube, held, before=held[0])
    naive = seasonal_naive(cube, held)
    valid = np.isfinite(naive)
    actual_aht = _ratio(cube.handle[:, index], cube.answered[:, index])
    aht_ok = np.isfinite(actual_aht) & (cube.answered[:, index] > 0)
    if not valid.any():  # less than two weeks of history: nothing to compare
        return Backtest(held, float("nan"), float("nan"), float("nan"), 0.0, 0)
    return Backtest(
        held_back=held,
        mae_forecast=float(np.abs(ours.offered - actual)[valid].mean()),
        mae_naive=float(np.abs(naive - actual)[valid].mean()),
        mae_aht_s=float(np.abs(ours.aht_s - actual_aht)[aht_ok].mean()) if aht_ok.any() else 0.0,
        mean_offered=float(actual[valid].mean()),
        intervals=int(valid.sum()),
    )


def next_days(cube: Cube, count: int = 7) -> list[date]:
    """The ``count`` days after the cube's last day."""
    last = cube.days[-1]
    return [last + timedelta(days=i + 1) for i in range(count)]

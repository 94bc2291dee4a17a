"""The centre league table and per-centre trends the headquarters view shows (no Qt).

Every figure is the engine's over the lake (``lake_report``): the league is one report by
centre, a trend one report by month per centre shown. Centres are ranked on one indicator in
its own direction (higher or lower is better; a band ranks by the distance to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain import KpiReport
from workbench.kpi import catalogue
from workbench.lake.export import read_manifests
from workbench.lake.kpis import lake_report
from workbench.lake.views import lake_centres

#: The league's columns: the catalogue's headline indicators.
LEAGUE_KPIS: tuple[str, ...] = tuple(k.id for k in catalogue.KPIS if k.headline)
#: Trend lines drawn at most (with every centre chosen: the best and the worst ranked).
MAX_TREND_LINES = 8


@dataclass(frozen=True)
class LeagueData:
    lake: Path
    kpi_id: str
    centres: tuple[str, ...]  # every centre of the lake
    names: dict[str, str]  # code -> name, from the manifests
    league: KpiReport  # by centre, over the chosen centres
    ranking: tuple[str, ...]  # chosen centres, best first on ``kpi_id``
    trends: dict[str, KpiReport] = field(default_factory=dict)  # code -> by month


def centre_names(lake: str | Path) -> dict[str, str]:
    """Centre code -> name as the centres' manifests give them (names may be empty)."""
    out = {}
    for manifest in read_manifests(lake):
        centre = manifest.get("centre") or {}
        if centre.get("code"):
            out[centre["code"]] = centre.get("name") or ""
    return out


def rank(report: KpiReport, kpi_id: str) -> tuple[str, ...]:
    """Group keys best first on ``kpi_id``; groups without a value last, by key."""
    kpi = catalogue.get(kpi_id)
    target = kpi.default_target

    def badness(value: float) -> float:
        if kpi.direction == "lower":
            return value
        if kpi.direction == "band" and target is not None:
            low, high = target.low or value, target.high or value
            return max(low - value, value - high, 0.0)
        return -value

    scored, empty = [], []
    for group in report.groups:
        v = group.value(kpi_id)
        if v is None or v.value is None:
            empty.append(group.key)
        else:
            scored.append((badness(v.value), group.key))
    return tuple(k for _, k in sorted(scored)) + tuple(sorted(empty))


def load_league(
    lake: str | Path, centres: Sequence[str] | None, kpi_id: str, *, trends: bool = True
) -> LeagueData:
    """The league over ``centres`` (None: all) ranked on ``kpi_id``, and their trends."""
    lake = Path(lake)
    league = lake_report(lake, by="centre", centres=centres, kpi_ids=LEAGUE_KPIS)
    ranking = rank(league, kpi_id)
    shown = list(ranking)
    if len(shown) > MAX_TREND_LINES:
        half = MAX_TREND_LINES // 2
        shown = shown[:half] + shown[-half:]
    lines = {}
    if trends:
        for code in shown:
            lines[code] = lake_report(lake, by="month", centres=[code], kpi_ids=(kpi_id,))
    return LeagueData(
        lake=lake,
        kpi_id=kpi_id,
        centres=tuple(lake_centres(lake)),
        names=centre_names(lake),
        league=league,
        ranking=ranking,
        trends=lines,
    )

"""Synthetic month of a mid-size bank's remote-banking centre, as numpy column arrays.

Owns the *model* of the demo centre: calendar (weekday, weekend and 国庆 holiday factors),
intraday peaks (09–11 and 14–16), staffing planned for an average weekday (so peak Mondays
queue), agents of varying skill, and the six data kinds of data-kinds.md. Nothing here writes
files (see ``writers``); everything is vectorised so a million contacts take a few seconds.

Every kind draws from its own random stream derived from ``seed``, so the same parameters give
the same rows, and changing one kind's volume leaves the others unchanged.

Column conventions of a :class:`Table`: timestamps are ``datetime64[s]`` (naive local time),
durations and counts ``int64`` seconds/units, flags ``bool``, flags that may be unknown
``int8`` (1 yes, 0 no, -1 unknown), text ``object`` arrays (``None`` = empty cell).

The model lives in ``centre`` (calendar, queues, agents), the call traffic in ``calls`` and the
other kinds in ``activity``; ``build_month`` puts one month together.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.demo.activity import (
    build_agent_states,
    build_bot_sessions,
    build_campaigns,
    build_dnc,
    build_quality,
)
from workbench.demo.calls import build_contacts, build_intervals
from workbench.demo.centre import (
    CHANNELS,
    DEMO_MONTH,
    QUEUES,
    Roster,
    Table,
    build_roster,
    month_days,
    previous_month,
)

__all__ = [
    "CHANNELS",
    "DEMO_MONTH",
    "QUEUES",
    "MonthSpec",
    "Roster",
    "Table",
    "build_contacts",
    "build_month",
    "build_roster",
    "month_days",
]


# ---- the month -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthSpec:
    """What to generate. ``None`` volumes follow the contacts (bots 2x, campaigns 1/10)."""

    month: str = DEMO_MONTH
    contacts: int = 30_000
    agents: int = 60
    bot_sessions: int | None = None
    campaign_touches: int | None = None
    interval_month: str | None = None  # default: the month before
    interval_contacts: int | None = None  # default: as many as ``contacts``
    interval_queues: int = 5
    interval_minutes: int = 15
    seed: int = 7


def build_month(spec: MonthSpec | None = None, **kwargs) -> dict[str, Table]:
    """Every data kind of one synthetic month, keyed by kind name, as column arrays."""
    spec = spec or MonthSpec(**kwargs)
    roster = build_roster(spec.month, spec.agents, spec.seed)
    contacts = build_contacts(spec.month, spec.contacts, roster, spec.seed)
    month = {
        "contacts": contacts,
        "intervals": build_intervals(
            spec.interval_month or previous_month(spec.month),
            spec.interval_contacts if spec.interval_contacts is not None else spec.contacts,
            queues=spec.interval_queues,
            interval_minutes=spec.interval_minutes,
            seed=spec.seed,
        ),
        "agent_states": build_agent_states(contacts, roster, spec.seed),
        "bot_sessions": build_bot_sessions(
            spec.month,
            spec.bot_sessions if spec.bot_sessions is not None else 2 * spec.contacts,
            spec.seed,
        ),
        "campaigns": build_campaigns(
            spec.month,
            spec.campaign_touches if spec.campaign_touches is not None else spec.contacts // 10,
            roster,
            spec.seed,
        ),
        "quality": build_quality(contacts, roster, spec.seed),
    }
    month["dnc"] = build_dnc(month["campaigns"], seed=spec.seed)
    return month

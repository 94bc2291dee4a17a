"""The demo's call traffic: call detail (话单明细) and interval summaries of the queues."""

from __future__ import annotations

from datetime import date

import numpy as np

from workbench.demo.centre import (
    CHANNELS,
    CLOSE_HOUR,
    CSAT_LABELS,
    DEMO_MONTH,
    HUMAN_CHANNEL_SHARES,
    HUMAN_HOURLY,
    MOBILE_PREFIXES,
    OPEN_HOUR,
    QUEUES,
    SHIFTS,
    Roster,
    Table,
    build_roster,
    day_factors,
    month_days,
    queue_names,
    queue_weights,
    rng_for,
    sample_times,
    timestamps,
)

# ---- contacts ------------------------------------------------------------------------------


def _phones(rng: np.random.Generator, n: int) -> np.ndarray:
    number = rng.choice(MOBILE_PREFIXES, n).astype(np.int64) * 100_000_000 + rng.integers(
        0, 100_000_000, n
    )
    return number.astype(str).astype(object)


def _simulate_queue(
    rng: np.random.Generator,
    days: list[date],
    contacts: int,
    queues: tuple[str, ...],
) -> dict[str, np.ndarray]:
    """Arrival times, queue, channel, wait and answered for ``contacts`` human contacts."""
    actual, planned = day_factors(days, rng=rng)
    day, hour, second = sample_times(rng, contacts, actual, HUMAN_HOURLY, OPEN_HOUR)
    queue_code = rng.choice(len(queues), contacts, p=queue_weights(queues))
    channel_code = rng.choice(len(CHANNELS), contacts, p=HUMAN_CHANNEL_SHARES)
    # Load per (day, hour) = arrivals / what the plan staffed for (a flattened forecast).
    hours = HUMAN_HOURLY.size
    slot = day * hours + (hour - OPEN_HOUR)
    arrivals = np.bincount(slot, minlength=len(days) * hours).astype(float)
    plan_shape = HUMAN_HOURLY**0.8
    plan = np.outer(planned, plan_shape / plan_shape.sum() * HUMAN_HOURLY.sum()).ravel()
    plan *= contacts / np.outer(actual, HUMAN_HOURLY).sum()
    load = arrivals[slot] / np.maximum(plan[slot], 1e-9)
    load = 0.5 * load + 0.5 * (actual[day] / planned[day]) * (
        HUMAN_HOURLY[hour - OPEN_HOUR] / plan_shape[hour - OPEN_HOUR]
    )  # mix in the expectation so tiny demos do not swing on Poisson noise
    mean_wait = np.clip(12.0 * np.exp(4.0 * (load - 1.0)), 1.0, 600.0)
    queue_wait = rng.exponential(1.0, contacts) * mean_wait
    queue_wait[rng.random(contacts) < 0.38] *= 0.15  # many callers find a free agent at once
    patience = rng.exponential(72.0, contacts) + rng.uniform(2, 8, contacts)
    answered = queue_wait < patience
    ring = rng.uniform(2, 7, contacts)
    wait = np.where(answered, queue_wait + ring, patience)
    return {
        "day": day,
        "hour": hour,
        "second": second,
        "queue_code": queue_code,
        "channel_code": channel_code,
        "wait": np.round(wait).astype(np.int64),
        "answered": answered,
    }


def _handle_times(
    rng: np.random.Generator, queue_idx: np.ndarray, channel_code: np.ndarray, factor: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    base_talk = np.array([215.0, 175.0, 300.0, 320.0, 430.0, 250.0])
    talk_mean = base_talk[np.minimum(queue_idx, base_talk.size - 1)] * factor
    talk_mean = np.where(channel_code == 0, talk_mean, talk_mean * 1.25)  # chats run longer
    talk = rng.lognormal(np.log(talk_mean) - 0.15, 0.55)
    hold = np.where(rng.random(talk.size) < 0.33, rng.lognormal(np.log(35), 0.6, talk.size), 0)
    return np.round(np.clip(talk, 15, 3600)), np.round(hold)


def _assign_agents(
    rng: np.random.Generator, roster: Roster, sim: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The answered contacts ordered by (day, hour, queue), and the roster index of the agent
    of each: one of its queue on shift then, else any on shift, else any of its queue."""
    ans = np.flatnonzero(sim["answered"])
    day, hour, queue_code = sim["day"], sim["hour"], sim["queue_code"]
    agent_idx = np.full(day.size, -1, dtype=np.int64)
    agent_queue = np.array([QUEUES.index(a.queue) for a in roster.agents])
    agent_shift = np.array([a.shift for a in roster.agents])
    shift_from = np.array([s[1] for s in SHIFTS])[agent_shift]
    shift_to = np.array([s[2] for s in SHIFTS])[agent_shift]
    key = (day[ans] * 24 + hour[ans]) * len(QUEUES) + queue_code[ans]
    order = np.argsort(key, kind="stable")
    ans, key = ans[order], key[order]
    bounds = np.flatnonzero(np.diff(key)) + 1
    for chunk in np.split(ans, bounds):
        if chunk.size == 0:
            continue
        d, h, q = int(day[chunk[0]]), int(hour[chunk[0]]), int(queue_code[chunk[0]])
        on_shift = roster.works[:, d] & (shift_from <= h) & (h < shift_to)
        candidates = np.flatnonzero(on_shift & (agent_queue == q))
        if candidates.size == 0:
            candidates = np.flatnonzero(on_shift)
        if candidates.size == 0:
            candidates = np.flatnonzero(agent_queue == q)
        agent_idx[chunk] = candidates[rng.integers(0, candidates.size, chunk.size)]
    return ans, agent_idx[ans]


def _handling(
    rng: np.random.Generator,
    sim: dict[str, np.ndarray],
    ans: np.ndarray,
    traits: dict[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """Talk, hold and after-call work seconds (zero for unanswered contacts)."""
    n = sim["day"].size
    talk_a, hold_a = _handle_times(
        rng, sim["queue_code"][ans], sim["channel_code"][ans], traits["handle_factor"]
    )
    acw_a = np.round(rng.gamma(3.0, traits["acw_mean_s"] / 3.0))
    columns = {name: np.zeros(n, dtype=np.int64) for name in ("talk_s", "hold_s", "acw_s")}
    columns["talk_s"][ans], columns["hold_s"][ans], columns["acw_s"][ans] = talk_a, hold_a, acw_a
    return columns


def _outcomes(
    rng: np.random.Generator,
    sim: dict[str, np.ndarray],
    ans: np.ndarray,
    traits: dict[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """Transferred, resolved (-1 unknown), satisfaction label and complaint of each contact."""
    n = sim["day"].size
    is_complaint_q = sim["queue_code"][ans] == QUEUES.index("投诉建议")
    transferred = np.zeros(n, dtype=bool)
    transferred[ans] = rng.random(ans.size) < np.where(is_complaint_q, 0.12, 0.055)
    p_fcr = traits["fcr"] - np.where(is_complaint_q, 0.07, 0) - transferred[ans] * 0.35
    resolved_a = rng.random(ans.size) < p_fcr
    resolved = np.full(n, -1, dtype=np.int8)
    resolved[ans] = resolved_a

    wait_a = sim["wait"][ans]
    p_sat = traits["satisfied"] - 0.05 * (wait_a > 60) - 0.06 * ~resolved_a
    rated = rng.random(ans.size) < 0.46
    satisfied = rng.random(ans.size) < p_sat
    label_code = np.where(
        satisfied,
        np.where(rng.random(ans.size) < 0.72, 0, 1),
        rng.choice([2, 3, 4], ans.size, p=[0.6, 0.3, 0.1]),
    )
    label_code = np.where(rated, label_code, 5)
    csat = np.full(n, None, dtype=object)
    csat[ans] = np.array(CSAT_LABELS, dtype=object)[label_code]

    complaint = np.zeros(n, dtype=bool)
    p_complaint = np.where(is_complaint_q, 0.003, 0.0003) + 0.002 * (wait_a > 120)
    complaint[ans] = rng.random(ans.size) < p_complaint
    return {
        "transferred": transferred,
        "resolved": resolved,
        "csat": csat,
        "complaint": complaint,
    }


def _contact_ids(days: list[date], day: np.ndarray) -> np.ndarray:
    """``CL`` + the day (YYYYMMDD) + the row number (8 digits)."""
    ymd = np.array([d.strftime("%Y%m%d") for d in days])[day]
    numbers = np.char.zfill(np.arange(1, day.size + 1).astype(str), 8)
    return np.char.add(np.char.add("CL", ymd), numbers).astype(object)


def build_contacts(
    month: str = DEMO_MONTH, contacts: int = 30_000, roster: Roster | None = None, seed: int = 7
) -> Table:
    """Call detail (话单明细) of one month: ``contacts`` rows offered to the five human queues."""
    roster = roster or build_roster(month, seed=seed)
    rng = rng_for(seed, 2)
    days = month_days(month)
    sim = _simulate_queue(rng, days, contacts, QUEUES)
    n = contacts
    ans, a = _assign_agents(rng, roster, sim)
    traits = {  # of the agent of each answered contact
        name: np.array([getattr(ag, name) for ag in roster.agents])[a]
        for name in ("handle_factor", "acw_mean_s", "fcr", "satisfied")
    }
    handling = _handling(rng, sim, ans, traits)
    outcomes = _outcomes(rng, sim, ans, traits)

    phones = _phones(rng, n)
    phones[rng.random(n) < 0.03] = None  # caller id withheld
    agent_id = np.full(n, None, dtype=object)
    agent_name = np.full(n, None, dtype=object)
    agent_id[ans] = roster.ids[a]
    agent_name[ans] = roster.names[a]
    return Table(
        "contacts",
        {
            "contact_id": _contact_ids(days, sim["day"]),
            "started_at": timestamps(days, sim["day"], sim["second"]),
            "channel": np.array(CHANNELS, dtype=object)[sim["channel_code"]],
            "queue": np.array(QUEUES, dtype=object)[sim["queue_code"]],
            "agent_id": agent_id,
            "agent_name": agent_name,
            "wait_s": sim["wait"],
            "answered": sim["answered"],
            **handling,
            "transferred": outcomes["transferred"],
            "resolved": outcomes["resolved"],
            "csat": outcomes["csat"],
            "complaint": outcomes["complaint"],
            "customer_ref": phones,
        },
        month,
    )


# ---- intervals -----------------------------------------------------------------------------


def build_intervals(
    month: str,
    contacts: int = 30_000,
    *,
    queues: int = 5,
    interval_minutes: int = 15,
    sl_threshold_s: int = 20,
    seed: int = 7,
) -> Table:
    """ACD summary (话务汇总) per queue per interval, from its own simulated contacts.

    The ACD platform's report covers ``month`` (the demo uses the month before the call
    detail), every interval of the opening hours, zeros included, as real reports do.
    """
    rng = rng_for(seed, 3)
    days = month_days(month)
    names = queue_names(queues)
    sim = _simulate_queue(rng, days, contacts, names)
    per_hour = 60 // interval_minutes
    slots_per_day = (CLOSE_HOUR - OPEN_HOUR) * per_hour
    minute = (sim["second"] // 60) % 60
    slot = (
        sim["day"] * slots_per_day
        + (sim["hour"] - OPEN_HOUR) * per_hour
        + minute // interval_minutes
    )
    key = slot * queues + sim["queue_code"]
    size = len(days) * slots_per_day * queues
    answered = sim["answered"]
    wait = sim["wait"].astype(float)
    handle = rng.lognormal(np.log(300.0), 0.5, contacts) * answered
    offered_n = np.bincount(key, minlength=size)
    answered_n = np.bincount(key, weights=answered, minlength=size).astype(np.int64)
    in_sl = np.bincount(key, weights=answered & (wait <= sl_threshold_s), minlength=size)
    wait_sum = np.bincount(key, weights=wait * answered, minlength=size)
    handle_sum = np.bincount(key, weights=handle, minlength=size)
    safe = np.maximum(answered_n, 1)
    cell = np.arange(size)
    slot_of, queue_of = cell // queues, cell % queues
    day_of, slot_in_day = slot_of // slots_per_day, slot_of % slots_per_day
    start_second = OPEN_HOUR * 3600 + slot_in_day * interval_minutes * 60
    return Table(
        "intervals",
        {
            "period_start": timestamps(days, day_of, start_second),
            "queue": np.array(names, dtype=object)[queue_of],
            "offered": offered_n.astype(np.int64),
            "answered": answered_n,
            "abandoned": (offered_n - answered_n).astype(np.int64),
            "answered_in_sl": in_sl.astype(np.int64),
            # The report shows the share (NaN where nothing was offered), as ACD reports do.
            "service_level": np.where(offered_n > 0, in_sl / np.maximum(offered_n, 1), np.nan),
            "asa_s": np.round(wait_sum / safe).astype(np.int64),
            "aht_s": np.round(handle_sum / safe).astype(np.int64),
        },
        month,
    )

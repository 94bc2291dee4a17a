"""The demo's other kinds: agent states, bot sessions, campaigns, do-not-call list, quality."""

from __future__ import annotations

import numpy as np

from workbench.demo.centre import (
    BOT_CHANNEL_SHARES,
    BOT_HOURLY,
    CHANNELS,
    DEMO_MONTH,
    SHIFT_SECONDS,
    Roster,
    Table,
    build_roster,
    day_factors,
    day_start_seconds,
    is_holiday,
    month_days,
    rng_for,
    sample_times,
    timestamps,
)

# ---- agent states --------------------------------------------------------------------------


def build_agent_states(contacts: Table, roster: Roster, seed: int = 7) -> Table:
    """One row per agent per working day: handle time from the contacts, idle and aux around it.

    ``logged_in_s`` is the time signed in to the inbound ACD; at the demo's default volume
    (30,000 contacts for 60 agents) that is a part of each 8-hour shift, the rest going to
    outbound campaigns and back-office work as in many mid-size centres. Occupancy is drawn
    per agent around 0.85, so the month sits inside the 0.75–0.90 band.
    """
    rng = rng_for(seed, 4)
    days = month_days(contacts.month)
    ids = roster.ids
    index_of = {aid: i for i, aid in enumerate(ids)}
    answered = contacts["answered"]
    agent = np.array([index_of[x] for x in contacts["agent_id"][answered]], dtype=np.int64)
    day = (
        contacts["started_at"][answered].astype("datetime64[D]") - np.datetime64(days[0])
    ).astype(np.int64)
    key = agent * len(days) + day
    size = len(ids) * len(days)
    sums = {
        col: np.bincount(key, weights=contacts[col][answered], minlength=size)
        for col in ("talk_s", "hold_s", "acw_s")
    }
    worked = roster.works.ravel() | (np.bincount(key, minlength=size) > 0)
    cells = np.flatnonzero(worked)
    handle = sums["talk_s"][cells] + sums["hold_s"][cells] + sums["acw_s"][cells]
    occupancy = np.array([a.occupancy for a in roster.agents])[cells // len(days)]
    occupancy = np.clip(occupancy + rng.normal(0, 0.03, cells.size), 0.55, 0.97)
    available = np.round(handle * (1 - occupancy) / occupancy + rng.uniform(60, 300, cells.size))
    aux_share = rng.uniform(0.08, 0.16, cells.size)
    not_ready = np.round((handle + available) * aux_share / (1 - aux_share))
    logged_in = handle + available + not_ready
    scheduled = np.maximum(SHIFT_SECONDS, np.ceil(logged_in / 1800) * 1800)
    agent_of, day_of = cells // len(days), cells % len(days)
    return Table(
        "agent_states",
        {
            "agent_id": ids[agent_of],
            "agent_name": roster.names[agent_of],
            "period_start": day_start_seconds(days)[day_of],
            "scheduled_s": scheduled.astype(np.int64),
            "logged_in_s": logged_in.astype(np.int64),
            "available_s": available.astype(np.int64),
            "talk_s": sums["talk_s"][cells].astype(np.int64),
            "hold_s": sums["hold_s"][cells].astype(np.int64),
            "acw_s": sums["acw_s"][cells].astype(np.int64),
            "not_ready_s": not_ready.astype(np.int64),
        },
        contacts.month,
    )


# ---- bot sessions --------------------------------------------------------------------------


def build_bot_sessions(month: str = DEMO_MONTH, sessions: int = 60_000, seed: int = 7) -> Table:
    """Chatbot / voice-bot sessions (智能客服会话) around the clock."""
    rng = rng_for(seed, 5)
    days = month_days(month)
    actual, _ = day_factors(days, rng=rng)
    actual = 0.5 + 0.5 * actual  # self-service drops less at weekends than the phone
    n = sessions
    day, _hour, second = sample_times(rng, n, actual, BOT_HOURLY, 0)
    channel = rng.choice(len(CHANNELS), n, p=BOT_CHANNEL_SHARES)
    questions = 1 + rng.poisson(1.4, n)
    p_recognize = np.where(channel == 0, 0.89, 0.94)  # speech recognition costs a little
    recognized = rng.binomial(questions, p_recognize)
    all_recognized = recognized == questions
    resolved = rng.random(n) < np.where(all_recognized, 0.92, 0.6)
    transferred = ~resolved & (rng.random(n) < 0.78)
    rated = rng.random(n) < 0.22
    satisfied = rng.random(n) < np.where(resolved, 0.95, 0.70)
    score = np.where(satisfied, rng.choice([5, 4], n, p=[0.7, 0.3]), rng.choice([3, 2, 1], n))
    rating = np.where(rated, score, 0).astype(np.int64)  # 0 = not rated (empty cell)
    ymd = np.array([d.strftime("%Y%m%d") for d in days])[day]
    session_id = np.char.add(
        np.char.add("BS", ymd), np.char.zfill(np.arange(1, n + 1).astype(str), 8)
    )
    return Table(
        "bot_sessions",
        {
            "session_id": session_id.astype(object),
            "started_at": timestamps(days, day, second),
            "channel": np.array(CHANNELS, dtype=object)[channel],
            "questions": questions.astype(np.int64),
            "recognized": recognized.astype(np.int64),
            "resolved": resolved,
            "transferred": transferred,
            "rating": rating,
        },
        month,
    )


# ---- campaigns -----------------------------------------------------------------------------

# (id, name, product, first day, last day, share, conversion when reached, mean amount in yuan)
CAMPAIGNS: tuple[tuple[str, str, str, int, int, float, float, float], ...] = (
    ("YX202610-01", "信用卡账单分期推广", "账单分期", 8, 31, 0.32, 0.12, 12_000.0),
    ("YX202610-02", "理财产品到期续作", "稳健理财", 8, 20, 0.18, 0.16, 150_000.0),
    ("YX202610-03", "个人消费贷预授信", "消费贷", 12, 31, 0.22, 0.07, 60_000.0),
    ("YX202610-04", "手机银行激活回访", "手机银行", 1, 31, 0.18, 0.13, 0.0),
    ("YX202610-05", "借记卡睡眠户唤醒", "借记卡", 15, 31, 0.10, 0.06, 0.0),
)


def build_campaigns(
    month: str = DEMO_MONTH, touches: int = 3_000, roster: Roster | None = None, seed: int = 7
) -> Table:
    """Outbound / marketing touches (营销外呼): reach fine, conversion below target."""
    roster = roster or build_roster(month, seed=seed)
    rng = rng_for(seed, 6)
    days = month_days(month)
    prefix = month.replace("-", "")
    n = touches
    share = np.array([c[5] for c in CAMPAIGNS])
    camp = rng.choice(len(CAMPAIGNS), n, p=share / share.sum())
    last_day = len(days)
    first = np.array([min(c[3], last_day) for c in CAMPAIGNS])[camp] - 1
    last = np.array([min(c[4], last_day) for c in CAMPAIGNS])[camp]
    day = first + (rng.random(n) * (last - first)).astype(np.int64)
    weekend = np.array([d.weekday() >= 5 or is_holiday(d) for d in days])
    day = np.where(weekend[day] & (rng.random(n) < 0.8), np.minimum(day + 2, last - 1), day)
    hour = rng.choice([9, 10, 11, 14, 15, 16, 17], n, p=[0.12, 0.2, 0.16, 0.14, 0.18, 0.12, 0.08])
    second = hour * 3600 + rng.integers(0, 3600, n)
    order = np.lexsort((second, day))
    camp, day, second = camp[order], day[order], second[order]
    by_phone = rng.random(n) < 0.85
    reached = rng.random(n) < np.where(by_phone, 0.64, 0.78)
    conv_rate = np.array([c[6] for c in CAMPAIGNS])[camp]
    converted = reached & (rng.random(n) < conv_rate)
    mean_amount = np.array([c[7] for c in CAMPAIGNS])[camp]
    amount = np.where(
        converted & (mean_amount > 0),
        np.round(rng.lognormal(np.log(np.maximum(mean_amount, 1)) - 0.3, 0.7) / 100) * 100,
        np.nan,
    )
    complaint = reached & (rng.random(n) < 0.0012)
    agent = rng.integers(0, len(roster.agents), n)
    agent_id = np.where(by_phone, roster.ids[agent], None)
    customer = rng.integers(10**11, 10**12, n).astype(str).astype(object)
    return Table(
        "campaigns",
        {
            "campaign_id": np.array(
                [c[0].replace("202610", prefix) for c in CAMPAIGNS], dtype=object
            )[camp],
            "campaign_name": np.array([c[1] for c in CAMPAIGNS], dtype=object)[camp],
            "customer_ref": customer,
            "touched_at": timestamps(days, day, second),
            "channel": np.where(by_phone, "电话", "微信银行").astype(object),
            "agent_id": agent_id,
            "reached": reached,
            "converted": converted,
            "product": np.array([c[2] for c in CAMPAIGNS], dtype=object)[camp],
            "amount": amount,
            "complaint": complaint,
        },
        month,
    )


# ---- do-not-call list ----------------------------------------------------------------------

_DNC_REASONS = ("客户要求不再来电", "投诉后加入", "监管名单", "客户经理申请")


def build_dnc(campaigns: Table, listed: int = 40, seed: int = 7) -> Table:
    """The do-not-call list (免打扰名单): some of the month's customers, listed a few days
    before or after their touch, so that the demo shows touches that broke the list."""
    rng = rng_for(seed, 8)
    n = min(listed, len(campaigns))
    pick = rng.choice(len(campaigns), n, replace=False)
    touched = campaigns["touched_at"][pick].astype("datetime64[D]")
    shift = rng.integers(-20, 10, n).astype("timedelta64[D]")  # listed before → a violation
    return Table(
        "dnc",
        {
            "customer_ref": campaigns["customer_ref"][pick],
            "listed_on": (touched - shift).astype("datetime64[s]"),
            "reason": np.array(_DNC_REASONS, dtype=object)[rng.integers(0, 4, n)],
        },
        campaigns.month,
    )


# ---- quality -------------------------------------------------------------------------------


def build_quality(contacts: Table, roster: Roster, seed: int = 7) -> Table:
    """Quality inspections (质检): about 2.5 % of each agent's answered contacts, at least 6."""
    rng = rng_for(seed, 7)
    answered = np.flatnonzero(contacts["answered"])
    agent_ids = contacts["agent_id"][answered]
    picked: list[np.ndarray] = []
    qa_mean = {a.agent_id: a.qa_mean for a in roster.agents}
    order = np.argsort(agent_ids.astype(str), kind="stable")
    sorted_ids = agent_ids[order].astype(str)
    bounds = np.flatnonzero(sorted_ids[1:] != sorted_ids[:-1]) + 1
    for group in np.split(order, bounds):
        if group.size == 0:
            continue
        k = min(group.size, max(6, round(group.size * 0.025)))
        picked.append(answered[rng.choice(group, k, replace=False)])
    idx = np.sort(np.concatenate(picked)) if picked else np.array([], dtype=np.int64)
    n = idx.size
    agents = contacts["agent_id"][idx]
    means = np.array([qa_mean[a] for a in agents]) if n else np.array([])
    score = np.clip(np.round(rng.normal(means, 4.0) * 2) / 2, 40, 100)
    fatal = rng.random(n) < 0.012
    score = np.where(fatal, np.minimum(score, 60), score)
    # Inspectors work office hours, one to three days after the contact, within the month.
    days = month_days(contacts.month)
    contact_day = (
        contacts["started_at"][idx].astype("datetime64[D]") - np.datetime64(days[0])
    ).astype(np.int64)
    inspect_day = np.minimum(contact_day + rng.integers(1, 4, n), len(days) - 1)
    second = rng.integers(9 * 3600, 17 * 3600, n)
    inspected = timestamps(days, inspect_day, second)
    return Table(
        "quality",
        {
            "agent_id": agents,
            "inspected_at": inspected,
            "contact_id": contacts["contact_id"][idx],
            "score": score,
            "fatal": fatal,
        },
        contacts.month,
    )

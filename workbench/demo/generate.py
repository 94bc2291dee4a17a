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
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

import numpy as np

DEMO_MONTH = "2026-10"

QUEUES: tuple[str, ...] = ("信用卡", "借记卡", "贷款", "理财", "投诉建议")
QUEUE_SHARES: tuple[float, ...] = (0.40, 0.25, 0.13, 0.12, 0.10)
# Extra queue names for larger centres (the benchmark's 20 summary queues).
MORE_QUEUES: tuple[str, ...] = (
    "信用卡分期",
    "信用卡挂失",
    "借记卡挂失",
    "个人住房贷款",
    "个人消费贷款",
    "基金理财",
    "保险代理",
    "外汇业务",
    "企业网银",
    "手机银行支持",
    "贵宾专线",
    "英文服务",
    "老年客户专线",
    "反诈骗专线",
    "账户查询",
)
CHANNELS: tuple[str, ...] = ("电话", "手机银行", "微信银行", "网上银行")
HUMAN_CHANNEL_SHARES = (0.72, 0.14, 0.10, 0.04)
BOT_CHANNEL_SHARES = (0.15, 0.45, 0.30, 0.10)
CSAT_LABELS: tuple[str, ...] = ("非常满意", "满意", "一般", "不满意", "非常不满意", "未评价")

# Human service hours 08:00–22:00; the chatbot answers around the clock.
OPEN_HOUR, CLOSE_HOUR = 8, 22
_HUMAN_HOURLY = np.array(
    [0.55, 1.25, 1.45, 1.30, 0.85, 0.75, 1.25, 1.35, 1.20, 0.95, 0.70, 0.55, 0.45, 0.35]
)
_BOT_HOURLY = np.concatenate(
    [
        [0.20, 0.12, 0.08, 0.06, 0.06, 0.10, 0.25, 0.55, 0.85, 1.25, 1.40, 1.25],  # 00–11
        [0.95, 0.90, 1.25, 1.35, 1.20, 1.00, 0.95, 1.05, 1.25, 1.30, 0.95, 0.50],  # 12–23
    ]
)
# Mon..Sun volume factors; staffing is planned for an average weekday, so Mondays queue.
_WEEKDAY_FACTOR = np.array([1.32, 1.08, 1.00, 0.98, 1.03, 0.62, 0.55])
_PLANNED_FACTOR = np.array([1.08, 1.08, 1.08, 1.08, 1.08, 0.62, 0.58])
_HOLIDAY_FACTOR, _AFTER_HOLIDAY_FACTOR = 0.50, 1.38
SHIFTS: tuple[tuple[str, int, int], ...] = (("早班", 8, 16), ("中班", 11, 19), ("晚班", 14, 22))
SHIFT_SECONDS = 8 * 3600

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
)
_GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉晨婷雪琳倩颖"
    "晓宇浩然子轩欣怡梓涵思远佳琪雨萱俊杰文博志强嘉怡诗涵一鸣海燕春梅建国立新丹丹"
)
_MOBILE_PREFIXES = np.array(
    [
        130,
        131,
        132,
        133,
        135,
        136,
        137,
        138,
        139,
        150,
        151,
        152,
        155,
        156,
        157,
        158,
        159,
        176,
        177,
        178,
        180,
        181,
        182,
        183,
        186,
        187,
        188,
        189,
        198,
        199,
    ]
)


@dataclass
class Table:
    """The rows of one data kind as named columns of equal length."""

    kind: str
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    month: str = DEMO_MONTH

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]


@dataclass(frozen=True)
class Agent:
    """One agent of the roster with the traits that shape their contacts."""

    agent_id: str
    name: str
    queue: str
    shift: int
    handle_factor: float
    acw_mean_s: float
    fcr: float
    satisfied: float
    qa_mean: float
    occupancy: float


@dataclass(frozen=True)
class Roster:
    """The centre's agents, with a per-day working flag."""

    agents: tuple[Agent, ...]
    works: np.ndarray  # bool [agent, day]

    @property
    def ids(self) -> np.ndarray:
        return np.array([a.agent_id for a in self.agents], dtype=object)

    @property
    def names(self) -> np.ndarray:
        return np.array([a.name for a in self.agents], dtype=object)


# ---- calendar ------------------------------------------------------------------------------


def month_days(month: str) -> list[date]:
    """Every day of ``YYYY-MM``."""
    year, mon = (int(p) for p in month.split("-"))
    return [date(year, mon, d) for d in range(1, calendar.monthrange(year, mon)[1] + 1)]


def previous_month(month: str) -> str:
    year, mon = (int(p) for p in month.split("-"))
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


def _is_holiday(d: date) -> bool:
    """国庆 golden week (1–7 October); the demo's only public holiday."""
    return d.month == 10 and d.day <= 7


def day_factors(days: list[date], *, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(actual, planned) relative volume per day: actual has noise, planned is the forecast."""
    actual = np.array([_WEEKDAY_FACTOR[d.weekday()] for d in days])
    planned = np.array([_PLANNED_FACTOR[d.weekday()] for d in days])
    for i, d in enumerate(days):
        if _is_holiday(d):
            actual[i], planned[i] = _HOLIDAY_FACTOR, _HOLIDAY_FACTOR * 1.05
        elif i > 0 and _is_holiday(days[i - 1]):
            actual[i] = _AFTER_HOLIDAY_FACTOR
        if d.day in (24, 25) and not _is_holiday(d) and d.weekday() < 5:
            actual[i] *= 1.10  # credit-card repayment date
    actual = actual * rng.lognormal(0.0, 0.05, len(days))
    return actual, planned


def _day_start_seconds(days: list[date]) -> np.ndarray:
    return np.array([np.datetime64(d, "s") for d in days]).astype("datetime64[s]")


def _sample_times(
    rng: np.random.Generator, n: int, day_weights: np.ndarray, hourly: np.ndarray, first_hour: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(day index, hour, second of day) for ``n`` events, sorted by time."""
    slot_w = np.outer(day_weights, hourly).ravel()
    slot = rng.choice(slot_w.size, size=n, p=slot_w / slot_w.sum())
    sec_in_hour = rng.integers(0, 3600, n)
    key = slot.astype(np.int64) * 3600 + sec_in_hour
    key.sort()
    slot, sec_in_hour = key // 3600, key % 3600
    day = slot // hourly.size
    hour = slot % hourly.size + first_hour
    return day, hour, hour * 3600 + sec_in_hour


def _timestamps(days: list[date], day: np.ndarray, second: np.ndarray) -> np.ndarray:
    return _day_start_seconds(days)[day] + second.astype("timedelta64[s]")


def _rng(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([seed, stream]))


# ---- roster --------------------------------------------------------------------------------


def _queue_weights(queues: tuple[str, ...]) -> np.ndarray:
    base = dict(zip(QUEUES, QUEUE_SHARES, strict=True))
    w = np.array([base.get(q, 0.6 / (i + 2)) for i, q in enumerate(queues)])
    return w / w.sum()


def queue_names(count: int) -> tuple[str, ...]:
    """The first ``count`` queue names (the five standard ones first)."""
    names = QUEUES + MORE_QUEUES
    names += tuple(f"技能组{i:02d}" for i in range(len(names) + 1, count + 1))
    return names[:count]


def _names(rng: np.random.Generator, count: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        surname = _SURNAMES[min(int(rng.exponential(18)), len(_SURNAMES) - 1)]
        given = "".join(_GIVEN[rng.integers(len(_GIVEN))] for _ in range(rng.integers(1, 3)))
        name = surname + given
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def build_roster(month: str = DEMO_MONTH, agents: int = 60, seed: int = 7) -> Roster:
    """``agents`` agents spread over the five queues and three shifts, with skill differences."""
    rng = _rng(seed, 1)
    days = month_days(month)
    shares = np.array(QUEUE_SHARES)
    per_queue = np.maximum(1, np.floor(shares * agents)).astype(int)
    while per_queue.sum() < agents:
        per_queue[np.argmax(shares * agents - per_queue)] += 1
    while per_queue.sum() > agents:
        per_queue[np.argmax(per_queue)] -= 1
    names = _names(rng, agents)
    roster: list[Agent] = []
    i = 0
    for q, n in zip(QUEUES, per_queue, strict=True):
        for k in range(n):
            skill = float(np.clip(rng.normal(0.0, 1.0), -2.2, 2.2))  # tenure and talent
            roster.append(
                Agent(
                    agent_id=f"8{1001 + i:04d}",
                    name=names[i],
                    queue=q,
                    shift=k % len(SHIFTS),
                    handle_factor=float(np.exp(-0.11 * skill + rng.normal(0, 0.05))),
                    acw_mean_s=float(np.clip(24 - 5 * skill + rng.normal(0, 4), 10, 60)),
                    fcr=float(np.clip(0.905 + 0.035 * skill + rng.normal(0, 0.01), 0.7, 0.97)),
                    satisfied=float(np.clip(0.978 + 0.01 * skill, 0.92, 0.997)),
                    qa_mean=float(np.clip(92.5 + 2.6 * skill + rng.normal(0, 1), 78, 99)),
                    occupancy=float(np.clip(rng.normal(0.85, 0.04), 0.7, 0.94)),
                )
            )
            i += 1
    works = np.zeros((agents, len(days)), dtype=bool)
    for d, day in enumerate(days):
        weekend = day.weekday() >= 5 or _is_holiday(day)
        works[:, d] = rng.random(agents) < (0.48 if weekend else 0.86)
    return Roster(tuple(roster), works)


# ---- contacts ------------------------------------------------------------------------------


def _phones(rng: np.random.Generator, n: int) -> np.ndarray:
    number = rng.choice(_MOBILE_PREFIXES, n).astype(np.int64) * 100_000_000 + rng.integers(
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
    day, hour, second = _sample_times(rng, contacts, actual, _HUMAN_HOURLY, OPEN_HOUR)
    queue_code = rng.choice(len(queues), contacts, p=_queue_weights(queues))
    channel_code = rng.choice(len(CHANNELS), contacts, p=HUMAN_CHANNEL_SHARES)
    # Load per (day, hour) = arrivals / what the plan staffed for (a flattened forecast).
    hours = _HUMAN_HOURLY.size
    slot = day * hours + (hour - OPEN_HOUR)
    arrivals = np.bincount(slot, minlength=len(days) * hours).astype(float)
    plan_shape = _HUMAN_HOURLY**0.8
    plan = np.outer(planned, plan_shape / plan_shape.sum() * _HUMAN_HOURLY.sum()).ravel()
    plan *= contacts / np.outer(actual, _HUMAN_HOURLY).sum()
    load = arrivals[slot] / np.maximum(plan[slot], 1e-9)
    load = 0.5 * load + 0.5 * (actual[day] / planned[day]) * (
        _HUMAN_HOURLY[hour - OPEN_HOUR] / plan_shape[hour - OPEN_HOUR]
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


def build_contacts(
    month: str = DEMO_MONTH, contacts: int = 30_000, roster: Roster | None = None, seed: int = 7
) -> Table:
    """Call detail (话单明细) of one month: ``contacts`` rows offered to the five human queues."""
    roster = roster or build_roster(month, seed=seed)
    rng = _rng(seed, 2)
    days = month_days(month)
    sim = _simulate_queue(rng, days, contacts, QUEUES)
    n = contacts
    day, hour, queue_code = sim["day"], sim["hour"], sim["queue_code"]
    answered = sim["answered"]

    # Give each answered contact to an agent of its queue on shift then (else any on shift).
    agent_idx = np.full(n, -1, dtype=np.int64)
    agent_queue = np.array([QUEUES.index(a.queue) for a in roster.agents])
    agent_shift = np.array([a.shift for a in roster.agents])
    shift_from = np.array([s[1] for s in SHIFTS])[agent_shift]
    shift_to = np.array([s[2] for s in SHIFTS])[agent_shift]
    ans = np.flatnonzero(answered)
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

    a = agent_idx[ans]
    traits = {
        name: np.array([getattr(ag, name) for ag in roster.agents])
        for name in ("handle_factor", "acw_mean_s", "fcr", "satisfied")
    }
    talk_a, hold_a = _handle_times(
        rng, queue_code[ans], sim["channel_code"][ans], traits["handle_factor"][a]
    )
    acw_a = np.round(rng.gamma(3.0, traits["acw_mean_s"][a] / 3.0))
    talk = np.zeros(n, dtype=np.int64)
    hold = np.zeros(n, dtype=np.int64)
    acw = np.zeros(n, dtype=np.int64)
    talk[ans], hold[ans], acw[ans] = talk_a, hold_a, acw_a

    is_complaint_q = queue_code[ans] == QUEUES.index("投诉建议")
    transferred = np.zeros(n, dtype=bool)
    transferred[ans] = rng.random(ans.size) < np.where(is_complaint_q, 0.12, 0.055)
    p_fcr = traits["fcr"][a] - np.where(is_complaint_q, 0.07, 0) - transferred[ans] * 0.35
    resolved_a = rng.random(ans.size) < p_fcr
    resolved = np.full(n, -1, dtype=np.int8)
    resolved[ans] = resolved_a

    wait_a = sim["wait"][ans]
    p_sat = traits["satisfied"][a] - 0.05 * (wait_a > 60) - 0.06 * ~resolved_a
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

    phones = _phones(rng, n)
    phones[rng.random(n) < 0.03] = None  # caller id withheld

    started_at = _timestamps(days, day, sim["second"])
    ymd = np.array([d.strftime("%Y%m%d") for d in days])[day]
    contact_id = np.char.add(
        np.char.add("CL", ymd), np.char.zfill(np.arange(1, n + 1).astype(str), 8)
    )

    agent_id = np.full(n, None, dtype=object)
    agent_name = np.full(n, None, dtype=object)
    agent_id[ans] = roster.ids[a]
    agent_name[ans] = roster.names[a]
    return Table(
        "contacts",
        {
            "contact_id": contact_id.astype(object),
            "started_at": started_at,
            "channel": np.array(CHANNELS, dtype=object)[sim["channel_code"]],
            "queue": np.array(QUEUES, dtype=object)[queue_code],
            "agent_id": agent_id,
            "agent_name": agent_name,
            "wait_s": sim["wait"],
            "answered": answered,
            "talk_s": talk,
            "hold_s": hold,
            "acw_s": acw,
            "transferred": transferred,
            "resolved": resolved,
            "csat": csat,
            "complaint": complaint,
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
    rng = _rng(seed, 3)
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
            "period_start": _timestamps(days, day_of, start_second),
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


# ---- agent states --------------------------------------------------------------------------


def build_agent_states(contacts: Table, roster: Roster, seed: int = 7) -> Table:
    """One row per agent per working day: handle time from the contacts, idle and aux around it.

    ``logged_in_s`` is the time signed in to the inbound ACD; at the demo's default volume
    (30,000 contacts for 60 agents) that is a part of each 8-hour shift, the rest going to
    outbound campaigns and back-office work as in many mid-size centres. Occupancy is drawn
    per agent around 0.85, so the month sits inside the 0.75–0.90 band.
    """
    rng = _rng(seed, 4)
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
            "period_start": _day_start_seconds(days)[day_of],
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
    rng = _rng(seed, 5)
    days = month_days(month)
    actual, _ = day_factors(days, rng=rng)
    actual = 0.5 + 0.5 * actual  # self-service drops less at weekends than the phone
    n = sessions
    day, _hour, second = _sample_times(rng, n, actual, _BOT_HOURLY, 0)
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
            "started_at": _timestamps(days, day, second),
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
    rng = _rng(seed, 6)
    days = month_days(month)
    prefix = month.replace("-", "")
    n = touches
    share = np.array([c[5] for c in CAMPAIGNS])
    camp = rng.choice(len(CAMPAIGNS), n, p=share / share.sum())
    last_day = len(days)
    first = np.array([min(c[3], last_day) for c in CAMPAIGNS])[camp] - 1
    last = np.array([min(c[4], last_day) for c in CAMPAIGNS])[camp]
    day = first + (rng.random(n) * (last - first)).astype(np.int64)
    weekend = np.array([d.weekday() >= 5 or _is_holiday(d) for d in days])
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
            "touched_at": _timestamps(days, day, second),
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
    rng = _rng(seed, 8)
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
    rng = _rng(seed, 7)
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
    inspected = _timestamps(days, inspect_day, second)
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

"""The demo centre's model, shared by every kind: calendar (weekday, weekend and 国庆 holiday
factors), intraday peaks (09–11 and 14–16), staffing planned for an average weekday (so peak
Mondays queue), queues, channels, shifts and agents of varying skill; the ``Table`` of a kind.

Every kind draws from its own random stream (``rng_for(seed, stream)``), so the same parameters
give the same rows, and changing one kind's volume leaves the others unchanged.
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
HUMAN_HOURLY = np.array(
    [0.55, 1.25, 1.45, 1.30, 0.85, 0.75, 1.25, 1.35, 1.20, 0.95, 0.70, 0.55, 0.45, 0.35]
)
BOT_HOURLY = np.concatenate(
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
MOBILE_PREFIXES = np.array(
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


def is_holiday(d: date) -> bool:
    """国庆 golden week (1–7 October); the demo's only public holiday."""
    return d.month == 10 and d.day <= 7


def day_factors(days: list[date], *, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(actual, planned) relative volume per day: actual has noise, planned is the forecast."""
    actual = np.array([_WEEKDAY_FACTOR[d.weekday()] for d in days])
    planned = np.array([_PLANNED_FACTOR[d.weekday()] for d in days])
    for i, d in enumerate(days):
        if is_holiday(d):
            actual[i], planned[i] = _HOLIDAY_FACTOR, _HOLIDAY_FACTOR * 1.05
        elif i > 0 and is_holiday(days[i - 1]):
            actual[i] = _AFTER_HOLIDAY_FACTOR
        if d.day in (24, 25) and not is_holiday(d) and d.weekday() < 5:
            actual[i] *= 1.10  # credit-card repayment date
    actual = actual * rng.lognormal(0.0, 0.05, len(days))
    return actual, planned


def day_start_seconds(days: list[date]) -> np.ndarray:
    return np.array([np.datetime64(d, "s") for d in days]).astype("datetime64[s]")


def sample_times(
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


def timestamps(days: list[date], day: np.ndarray, second: np.ndarray) -> np.ndarray:
    return day_start_seconds(days)[day] + second.astype("timedelta64[s]")


def rng_for(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([seed, stream]))


# ---- roster --------------------------------------------------------------------------------


def queue_weights(queues: tuple[str, ...]) -> np.ndarray:
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
    rng = rng_for(seed, 1)
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
        weekend = day.weekday() >= 5 or is_holiday(day)
        works[:, d] = rng.random(agents) < (0.48 if weekend else 0.86)
    return Roster(tuple(roster), works)

"""The one list of indicators (kpis.md): names, units, directions, default targets, sources and
the DuckDB SQL of every numerator and denominator.

Nobody else states a formula: the engine (``workbench.kpi.engine``) only assembles the SQL held
here into one query per store table, the views, the command line and the workbook read names,
units and sources from here. Adding an indicator is adding one ``KpiDef`` to ``KPIS``.

How a formula is written
------------------------
A formula is a numerator and (for ratios and means) a denominator. Each is a sum of *terms*;
a term is ``(table, SQL aggregate)`` evaluated over the rows of that store table that pass the
filters. The value is ``Σ numerator terms / Σ denominator terms`` (``kind`` "ratio" or "mean"),
or ``Σ numerator terms`` (``kind`` "sum"). Because every indicator keeps numerator and
denominator as sums, totals over days, queues or months are exact: a month is never an average
of daily averages.

Inside an aggregate the SQL may use the table's columns and the derived columns of
``DERIVED`` below. ``{T}`` is the service-level threshold in seconds and ``{S}`` the
short-abandon threshold (``KpiOptions``); the engine substitutes them as integer literals.
Conditional counts are written ``count_if(condition)``: in DuckDB it is markedly faster than
``count(*) FILTER (WHERE condition)`` (benchmarks/bench_engine.py).

Human-service indicators have a term over ``contacts`` and one over ``intervals`` (the ACD
summaries): the engine feeds each day from contacts when the store holds contacts for that day,
from intervals otherwise (see ``engine.compute``). Summaries carry no short-abandon detail and
have their own ``sl_threshold_s``: their service level counts ``answered_in_sl`` as exported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from workbench.domain import Target

Group = Literal["service", "intelligent", "operation"]
Unit = Literal["count", "ratio", "s", "score", "points", "yuan"]
Direction = Literal["higher", "lower", "band", "none"]
Kind = Literal["ratio", "mean", "sum"]
Term = tuple[str, str]  # (store table, SQL aggregate over its rows)

#: (group id, 中文名, English name), in the order of the T/CBA 2019 specification.
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("service", "客户服务", "Customer service"),
    ("intelligent", "智能服务", "Intelligent service"),
    ("operation", "客户经营", "Customer operation"),
)

#: Store tables the catalogue reads, with the column holding each row's event time.
TIME_COLUMNS: dict[str, str] = {
    "contacts": "started_at",
    "intervals": "period_start",
    "agent_states": "period_start",
    "bot_sessions": "started_at",
    "campaigns": "touched_at",
    "quality": "inspected_at",
}

#: Derived boolean columns per table, usable inside any term of that table.
DERIVED: dict[str, dict[str, str]] = {
    "contacts": {
        # Abandoned within S seconds (S = 0 switches it off): out of answer_rate, service_level
        # and abandon_rate, numerator and denominator alike.
        "short_abandon": "({S} > 0 AND NOT answered AND wait_s IS NOT NULL AND wait_s <= {S})",
        # Answered within the service-level threshold T.
        "answered_in_t": "(answered AND wait_s IS NOT NULL AND wait_s <= {T})",
        # Abandoned within T (the offered_minus_short SL denominator leaves these out).
        "abandoned_in_t": "(NOT answered AND wait_s IS NOT NULL AND wait_s <= {T})",
    },
}


@dataclass(frozen=True)
class KpiDef:
    """One indicator: what it is called, how it is computed and judged, and where it comes from."""

    id: str
    name_zh: str
    name_en: str
    group: Group
    unit: Unit
    direction: Direction
    default_target: Target | None
    source: str
    formula_zh: str
    formula_en: str
    headline: bool
    kind: Kind = "ratio"
    numerator: tuple[Term, ...] = ()
    denominator: tuple[Term, ...] = ()
    #: alternative denominators chosen by ``KpiOptions.sl_denominator`` (service level only)
    denominator_variants: dict[str, tuple[Term, ...]] = field(default_factory=dict)

    def name(self, lang: str) -> str:
        """The name in ``lang`` ("zh_CN" or "en"; anything starting with "zh" is Chinese)."""
        return self.name_zh if lang.lower().startswith("zh") else self.name_en

    def formula(self, lang: str) -> str:
        """The formula in words, for the methodology sheet."""
        return self.formula_zh if lang.lower().startswith("zh") else self.formula_en

    def tables(self) -> tuple[str, ...]:
        """Store tables any of this indicator's terms read."""
        terms = [*self.numerator, *self.denominator]
        for variant in self.denominator_variants.values():
            terms += list(variant)
        return tuple(dict.fromkeys(table for table, _ in terms))

    def denominator_for(self, sl_denominator: str) -> tuple[Term, ...]:
        """The denominator terms under the chosen service-level denominator option."""
        return self.denominator_variants.get(sl_denominator, self.denominator)


def _ge(kpi_id: str, low: float) -> Target:
    return Target(kpi_id, ">=", low=low)


def _le(kpi_id: str, high: float) -> Target:
    return Target(kpi_id, "<=", high=high)


def _band(kpi_id: str, low: float, high: float) -> Target:
    return Target(kpi_id, "band", low=low, high=high)


# Shared pieces of SQL (named so each is written once).
_OFFERED_C = ("contacts", "count_if(NOT short_abandon)")
_OFFERED_I = ("intervals", "sum(offered)")
_ANSWERED_C = ("contacts", "count_if(answered)")
_ANSWERED_I = ("intervals", "sum(answered)")
_BOT_SESSIONS = ("bot_sessions", "count(*)")
_REACHED = ("campaigns", "count_if(reached)")
_HANDLED_WORK = "coalesce(talk_s, 0) + coalesce(hold_s, 0) + coalesce(acw_s, 0)"

_CBA_SERVICE = "CBA 服务规范 / CBA service norm"

KPIS: tuple[KpiDef, ...] = (
    # ---- customer service (human channel) ------------------------------------------------
    KpiDef(
        id="offered",
        name_zh="人工请求量",
        name_en="Contacts offered",
        group="service",
        unit="count",
        direction="none",
        default_target=None,
        source="industry",
        formula_zh="转入人工队列的请求数（剔除短时放弃）",
        formula_en="contacts offered to a human queue (short abandons excluded)",
        headline=True,
        kind="sum",
        numerator=(_OFFERED_C, _OFFERED_I),
    ),
    KpiDef(
        id="answered",
        name_zh="人工接通量",
        name_en="Contacts answered",
        group="service",
        unit="count",
        direction="none",
        default_target=None,
        source="industry",
        formula_zh="已接通的请求数",
        formula_en="contacts with answered = yes",
        headline=False,
        kind="sum",
        numerator=(_ANSWERED_C, _ANSWERED_I),
    ),
    KpiDef(
        id="answer_rate",
        name_zh="人工接通率",
        name_en="Answer rate",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=_ge("answer_rate", 0.94),
        source=f"{_CBA_SERVICE}（人工接听总数 ÷ 转入人工总数）; CBA 2024 industry 94.18 %",
        formula_zh="人工接通量 ÷ 人工请求量",
        formula_en="answered / offered",
        headline=True,
        numerator=(_ANSWERED_C, _ANSWERED_I),
        denominator=(_OFFERED_C, _OFFERED_I),
    ),
    KpiDef(
        id="service_level",
        name_zh="20秒服务水平",
        name_en="Service level",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=_ge("service_level", 0.80),
        source="GB/T 32312-2015 (20秒接通率); industry 80/20",
        formula_zh="等待 ≤ T 秒内接通的请求数 ÷ 人工请求量（T 默认 20 秒）",
        formula_en="answered with wait ≤ T s / offered (T = 20 s by default)",
        headline=True,
        numerator=(
            ("contacts", "count_if(answered_in_t)"),
            ("intervals", "sum(answered_in_sl)"),
        ),
        denominator=(
            ("contacts", "count_if(NOT short_abandon)"),
            ("intervals", "sum(offered) FILTER (WHERE answered_in_sl IS NOT NULL)"),
        ),
        denominator_variants={
            "answered": (
                _ANSWERED_C,
                ("intervals", "sum(answered) FILTER (WHERE answered_in_sl IS NOT NULL)"),
            ),
            # Summaries do not say how many abandoned within T: they keep offered.
            "offered_minus_short": (
                ("contacts", "count_if(NOT short_abandon AND NOT abandoned_in_t)"),
                ("intervals", "sum(offered) FILTER (WHERE answered_in_sl IS NOT NULL)"),
            ),
        },
    ),
    KpiDef(
        id="asa",
        name_zh="平均应答速度",
        name_en="Average speed of answer",
        group="service",
        unit="s",
        direction="lower",
        default_target=_le("asa", 15),
        source="GB/T 32312-2015 §2.4; CBA 2015–16 industry 15 s",
        formula_zh="已接通请求的平均排队等待时长",
        formula_en="mean wait over answered contacts",
        headline=True,
        kind="mean",
        numerator=(
            ("contacts", "sum(wait_s) FILTER (WHERE answered)"),
            ("intervals", "sum(answer_wait_sum_s)"),
        ),
        denominator=(
            ("contacts", "count_if(answered AND wait_s IS NOT NULL)"),
            ("intervals", "sum(answered) FILTER (WHERE answer_wait_sum_s IS NOT NULL)"),
        ),
    ),
    KpiDef(
        id="abandon_rate",
        name_zh="呼损率",
        name_en="Abandon rate",
        group="service",
        unit="ratio",
        direction="lower",
        default_target=_le("abandon_rate", 0.06),
        source="industry",
        formula_zh="（人工请求量 − 人工接通量）÷ 人工请求量",
        formula_en="(offered − answered) / offered",
        headline=True,
        numerator=(
            ("contacts", "count_if(NOT answered AND NOT short_abandon)"),
            ("intervals", "sum(offered - answered)"),
        ),
        denominator=(_OFFERED_C, _OFFERED_I),
    ),
    KpiDef(
        id="aht",
        name_zh="平均处理时长",
        name_en="Average handling time",
        group="service",
        unit="s",
        direction="lower",
        default_target=_le("aht", 360),
        source="industry; ACW per GB/T 32312-2015 §2.3",
        formula_zh="已接通请求的平均（通话 + 保持 + 话后处理）时长",
        formula_en="mean (talk + hold + ACW) over answered contacts",
        headline=True,
        kind="mean",
        numerator=(
            ("contacts", f"sum({_HANDLED_WORK}) FILTER (WHERE answered AND talk_s IS NOT NULL)"),
            # A summary with only talk time gives talk time (hold and ACW unknown), as contacts do.
            ("intervals", "sum(coalesce(handle_sum_s, talk_sum_s))"),
        ),
        denominator=(
            ("contacts", "count_if(answered AND talk_s IS NOT NULL)"),
            (
                "intervals",
                "sum(answered) FILTER (WHERE coalesce(handle_sum_s, talk_sum_s) IS NOT NULL)",
            ),
        ),
    ),
    KpiDef(
        id="acw",
        name_zh="平均话后处理时长",
        name_en="Average after-call work",
        group="service",
        unit="s",
        direction="lower",
        default_target=_le("acw", 30),
        source="GB/T 32312-2015 §2.3",
        formula_zh="已接通请求的平均话后处理时长",
        formula_en="mean ACW over answered contacts",
        headline=False,
        kind="mean",
        numerator=(("contacts", "sum(acw_s) FILTER (WHERE answered)"),),
        denominator=(("contacts", "count_if(answered AND acw_s IS NOT NULL)"),),
    ),
    KpiDef(
        id="fcr",
        name_zh="一次解决率",
        name_en="First-contact resolution",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=_ge("fcr", 0.85),
        source=f"{_CBA_SERVICE}（一次解决数 ÷ 服务需求总量）",
        formula_zh="一次解决的接通请求数 ÷ 已知是否解决的接通请求数",
        formula_en="answered contacts resolved / answered contacts with resolution known",
        headline=True,
        numerator=(("contacts", "count_if(answered AND resolved)"),),
        denominator=(("contacts", "count_if(answered AND resolved IS NOT NULL)"),),
    ),
    KpiDef(
        id="csat",
        name_zh="客户满意度",
        name_en="Customer satisfaction",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=_ge("csat", 0.95),
        source="GB/T 32312-2015 §2.5; CBA 2024 industry 99.46 %",
        formula_zh="满意数 ÷ 参评数（满意 = 量表最高两档：满意、非常满意；"
        "5 分制 4–5；10 分制 9–10）",
        formula_en="satisfied / rated (satisfied = top two of the scale: 满意/非常满意, 4–5 of 5, "
        "9–10 of 10); unrated contacts are not counted",
        headline=True,
        numerator=(("contacts", "count_if(csat_satisfied)"),),
        denominator=(("contacts", "count(csat_satisfied)"),),
    ),
    KpiDef(
        id="csat_mean",
        name_zh="平均满意度评分",
        name_en="Mean satisfaction score",
        group="service",
        unit="score",
        direction="higher",
        default_target=None,
        source="industry",
        formula_zh="数值评分的平均分（按文件自身量表，1–5 或 1–10）",
        formula_en="mean numeric score on the file's own scale (1–5 or 1–10)",
        headline=False,
        kind="mean",
        # Scores are not rescaled: a slice mixing 5- and 10-point files mixes scales (the
        # import summary names each file's scale; csat, the top-two ratio, is scale-free).
        numerator=(("contacts", "sum(csat_score) FILTER (WHERE csat_scale IS NOT NULL)"),),
        denominator=(("contacts", "count_if(csat_scale IS NOT NULL AND csat_score IS NOT NULL)"),),
    ),
    KpiDef(
        id="complaint_rate",
        name_zh="投诉率",
        name_en="Complaint rate",
        group="service",
        unit="ratio",
        direction="lower",
        default_target=_le("complaint_rate", 0.001),
        source="industry",
        formula_zh="投诉的接通请求数 ÷ 已知是否投诉的接通请求数",
        formula_en="answered contacts with a complaint / answered contacts with complaint known",
        headline=False,
        numerator=(("contacts", "count_if(answered AND complaint)"),),
        denominator=(("contacts", "count_if(answered AND complaint IS NOT NULL)"),),
    ),
    KpiDef(
        id="occupancy",
        name_zh="坐席占用率",
        name_en="Occupancy",
        group="service",
        unit="ratio",
        direction="band",
        default_target=_band("occupancy", 0.75, 0.90),
        source="industry",
        formula_zh="（通话 + 保持 + 话后处理）÷（通话 + 保持 + 话后处理 + 空闲），来自坐席状态",
        formula_en="(talk + hold + ACW) / (talk + hold + ACW + available), from agent states",
        headline=False,
        numerator=(
            ("agent_states", f"sum({_HANDLED_WORK}) FILTER (WHERE available_s IS NOT NULL)"),
        ),
        denominator=(
            (
                "agent_states",
                f"sum({_HANDLED_WORK} + available_s) FILTER (WHERE available_s IS NOT NULL)",
            ),
        ),
    ),
    KpiDef(
        id="utilisation",
        name_zh="工时利用率",
        name_en="Utilisation",
        group="service",
        unit="ratio",
        direction="band",
        default_target=_band("utilisation", 0.60, 0.85),
        source="industry",
        formula_zh="（通话 + 保持 + 话后处理）÷ 登录时长，来自坐席状态",
        formula_en="(talk + hold + ACW) / logged-in time, from agent states",
        headline=False,
        numerator=(
            ("agent_states", f"sum({_HANDLED_WORK}) FILTER (WHERE logged_in_s IS NOT NULL)"),
        ),
        denominator=(("agent_states", "sum(logged_in_s)"),),
    ),
    KpiDef(
        id="qa_score",
        name_zh="质检平均分",
        name_en="Quality score",
        group="service",
        unit="points",
        direction="higher",
        default_target=_ge("qa_score", 90),
        source="industry",
        formula_zh="质检得分的平均值（0–100）",
        formula_en="mean quality-inspection score (0–100)",
        headline=False,
        kind="mean",
        numerator=(("quality", "sum(score)"),),
        denominator=(("quality", "count(score)"),),
    ),
    # ---- intelligent service --------------------------------------------------------------
    KpiDef(
        id="bot_sessions",
        name_zh="智能服务量",
        name_en="Bot sessions",
        group="intelligent",
        unit="count",
        direction="none",
        default_target=None,
        source="T/CBA 2019",
        formula_zh="智能客服会话数",
        formula_en="count of bot sessions",
        headline=False,
        kind="sum",
        numerator=(_BOT_SESSIONS,),
    ),
    KpiDef(
        id="bot_share",
        name_zh="智能服务占比",
        name_en="Bot share",
        group="intelligent",
        unit="ratio",
        direction="higher",
        default_target=_ge("bot_share", 0.50),
        source="T/CBA 2019; CBA 2022 industry 50.13 %",
        formula_zh="智能服务量 ÷（智能服务量 + 人工接通量）",
        formula_en="bot sessions / (bot sessions + answered)",
        headline=True,
        numerator=(_BOT_SESSIONS,),
        denominator=(_BOT_SESSIONS, _ANSWERED_C, _ANSWERED_I),
    ),
    KpiDef(
        id="bot_recognition",
        name_zh="机器人问题识别率",
        name_en="Bot recognition rate",
        group="intelligent",
        unit="ratio",
        direction="higher",
        default_target=_ge("bot_recognition", 0.90),
        source="T/CBA 2019; T/CBA 220-2021 §4.3.2",
        formula_zh="Σ 识别问题数 ÷ Σ 问题数",
        formula_en="Σ recognized / Σ questions",
        headline=False,
        numerator=(("bot_sessions", "sum(recognized) FILTER (WHERE questions IS NOT NULL)"),),
        denominator=(("bot_sessions", "sum(questions) FILTER (WHERE recognized IS NOT NULL)"),),
    ),
    KpiDef(
        id="bot_resolution",
        name_zh="机器人问题解决率",
        name_en="Bot resolution rate",
        group="intelligent",
        unit="ratio",
        direction="higher",
        default_target=_ge("bot_resolution", 0.85),
        source="T/CBA 2019; T/CBA 220-2021 §4.3.5",
        formula_zh="机器人解决的会话数 ÷ 会话数（已知是否解决）",
        formula_en="sessions resolved / bot sessions (resolution known)",
        headline=True,
        numerator=(("bot_sessions", "count_if(resolved)"),),
        denominator=(("bot_sessions", "count(resolved)"),),
    ),
    KpiDef(
        id="bot_transfer",
        name_zh="转人工率",
        name_en="Bot transfer rate",
        group="intelligent",
        unit="ratio",
        direction="lower",
        default_target=_le("bot_transfer", 0.15),
        source="industry (complement of 智能分流, T/CBA 220-2021 §4.3.6)",
        formula_zh="转人工的会话数 ÷ 会话数（已知是否转人工）",
        formula_en="sessions transferred / bot sessions (transfer known)",
        headline=False,
        numerator=(("bot_sessions", "count_if(transferred)"),),
        denominator=(("bot_sessions", "count(transferred)"),),
    ),
    KpiDef(
        id="bot_csat",
        name_zh="智能服务满意度",
        name_en="Bot satisfaction",
        group="intelligent",
        unit="ratio",
        direction="higher",
        default_target=_ge("bot_csat", 0.90),
        source="industry",
        formula_zh="满意数 ÷ 参评数（同客户满意度）",
        formula_en="satisfied / rated, as csat",
        headline=False,
        numerator=(("bot_sessions", "count_if(rating_satisfied)"),),
        denominator=(("bot_sessions", "count(rating_satisfied)"),),
    ),
    # ---- customer operation ---------------------------------------------------------------
    KpiDef(
        id="campaign_touches",
        name_zh="触达尝试量",
        name_en="Campaign touches",
        group="operation",
        unit="count",
        direction="none",
        default_target=None,
        source="T/CBA 2019 (客户经营)",
        formula_zh="外呼 / 营销触达尝试数",
        formula_en="count of touches",
        headline=False,
        kind="sum",
        numerator=(("campaigns", "count(*)"),),
    ),
    KpiDef(
        id="campaign_reach",
        name_zh="外呼接通率",
        name_en="Reach rate",
        group="operation",
        unit="ratio",
        direction="higher",
        default_target=_ge("campaign_reach", 0.60),
        source="industry",
        formula_zh="接通（触达）数 ÷ 触达尝试量（已知是否接通）",
        formula_en="reached / touches (reach known)",
        headline=True,
        numerator=(_REACHED,),
        denominator=(("campaigns", "count(reached)"),),
    ),
    KpiDef(
        id="campaign_conversion",
        name_zh="营销成功率",
        name_en="Conversion rate",
        group="operation",
        unit="ratio",
        direction="higher",
        default_target=_ge("campaign_conversion", 0.15),
        source="industry",
        formula_zh="营销成功数 ÷ 接通数",
        formula_en="converted / reached",
        headline=True,
        numerator=(("campaigns", "count_if(reached AND converted)"),),
        denominator=(_REACHED,),
    ),
    KpiDef(
        id="campaign_amount",
        name_zh="营销金额",
        name_en="Amount converted",
        group="operation",
        unit="yuan",
        direction="higher",
        default_target=None,
        source="industry",
        formula_zh="营销成功的成交金额合计（元）",
        formula_en="Σ amount of converted touches (yuan)",
        headline=False,
        kind="sum",
        numerator=(("campaigns", "sum(amount) FILTER (WHERE converted)"),),
    ),
    KpiDef(
        id="campaign_complaint_rate",
        name_zh="营销投诉率",
        name_en="Campaign complaint rate",
        group="operation",
        unit="ratio",
        direction="lower",
        default_target=_le("campaign_complaint_rate", 0.002),
        source="industry",
        formula_zh="投诉数 ÷ 接通数",
        formula_en="complaint = yes / reached",
        headline=False,
        numerator=(("campaigns", "count_if(reached AND complaint)"),),
        denominator=(_REACHED,),
    ),
    # The contact rules need windows over each customer's history and the do-not-call list, so
    # they cannot be one aggregate here: ``workbench.compliance.evaluate.refresh`` stores each
    # touch's flag in ``campaigns.violation`` at every campaigns / dnc / contacts import and
    # rule change, and this indicator counts it.
    KpiDef(
        id="campaign_violation_rate",
        name_zh="外呼违规率",
        name_en="Contact-rule violation rate",
        group="operation",
        unit="ratio",
        direction="lower",
        default_target=_le("campaign_violation_rate", 0.0),
        source="T/CBA 2019 (合规化运营)",
        formula_zh="违反任一外呼规则（时段、频次、拒绝/投诉后、免打扰名单）的触达数 ÷ 触达尝试量",
        formula_en="touches breaking any contact rule (window, frequency, after refusal, "
        "do-not-call) / touches",
        headline=False,
        numerator=(("campaigns", "count_if(violation)"),),
        denominator=(("campaigns", "count(*)"),),
    ),
)

_BY_ID: dict[str, KpiDef] = {k.id: k for k in KPIS}


def get(kpi_id: str) -> KpiDef:
    """The indicator with this id; ``KeyError`` naming the known ids otherwise."""
    try:
        return _BY_ID[kpi_id]
    except KeyError:
        raise KeyError(f"unknown indicator '{kpi_id}' (known: {', '.join(_BY_ID)})") from None


def ids() -> tuple[str, ...]:
    """Every indicator id, in catalogue order."""
    return tuple(_BY_ID)


def by_group(group: str) -> tuple[KpiDef, ...]:
    """The indicators of one group, in catalogue order."""
    return tuple(k for k in KPIS if k.group == group)


def default_targets() -> dict[str, Target]:
    """The built-in target profile (version 0): the catalogue's default targets."""
    return {k.id: k.default_target for k in KPIS if k.default_target is not None}


def group_name(group: str, lang: str) -> str:
    """The display name of a group id."""
    for gid, zh, en in GROUPS:
        if gid == group:
            return zh if lang.lower().startswith("zh") else en
    raise KeyError(group)

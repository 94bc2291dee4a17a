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

from workbench.domain import KpiOptions, Target
from workbench.store.schema import TIME_COLUMNS

__all__ = ["TIME_COLUMNS"]  # re-exported: engine and exporters read it from here

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

#: Derived boolean columns per table, usable inside any term of that table.
DERIVED: dict[str, dict[str, str]] = {
    "contacts": {
        # Abandoned within S seconds (S = 0 switches it off): out of answer_rate, service_level
        # and abandon_rate, numerator and denominator alike (offered itself keeps them).
        "short_abandon": (
            "coalesce({S} > 0 AND answered = FALSE AND wait_s IS NOT NULL AND wait_s <= {S}, FALSE)"
        ),
        # Answered within the service-level threshold T.
        "answered_in_t": "coalesce(answered AND wait_s IS NOT NULL AND wait_s <= {T}, FALSE)",
        # Abandoned within T (the offered_minus_short SL denominator leaves these out).
        "abandoned_in_t": (
            "coalesce(answered = FALSE AND wait_s IS NOT NULL AND wait_s <= {T}, FALSE)"
        ),
        # The customer did not contact again (any channel) within the FCR window W hours.
        "no_repeat": (
            "(next_contact_at IS NULL OR epoch(next_contact_at) - epoch(started_at) > {W} * 3600)"
        ),
    },
}

#: How every indicator's coverage is read: ``n`` records behind the figure of ``of`` records
#: it could cover (a partly filled column is never mistaken for the whole month).
Coverage = tuple[tuple[Term, ...], tuple[Term, ...]]


@dataclass(frozen=True)
class Fallback:
    """A second formula, used where the first has nothing to divide by in a slice, with its
    own name (AHT without after-call work anywhere in the slice is mean talk time)."""

    variant: str
    name_zh: str
    name_en: str
    formula_zh: str
    formula_en: str
    numerator: tuple[Term, ...]
    denominator: tuple[Term, ...]
    coverage: Coverage | None = None

    def terms(self) -> tuple[Term, ...]:
        """Every term the fallback reads."""
        cover = (*self.coverage[0], *self.coverage[1]) if self.coverage else ()
        return (*self.numerator, *self.denominator, *cover)


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
    #: (records behind the figure, records it could cover); None: the denominator's own
    #: records (or, for a count, its rows) both times, full coverage
    coverage: Coverage | None = None
    fallback: Fallback | None = None

    def name(self, lang: str, options: KpiOptions | None = None, variant: str | None = None) -> str:
        """The name in ``lang`` ("zh_CN" or "en"; anything starting with "zh" is Chinese).

        A name holding ``{T}`` follows the service-level threshold of ``options`` (20 s by
        default); ``variant`` names the fallback formula when the value came from it.
        """
        zh = lang.lower().startswith("zh")
        if variant and self.fallback and variant == self.fallback.variant:
            return self.fallback.name_zh if zh else self.fallback.name_en
        text = self.name_zh if zh else self.name_en
        threshold = options.sl_threshold_s if options is not None else 20
        return text.replace("{T}", str(threshold))

    def formula(self, lang: str) -> str:
        """The formula in words, for the methodology sheet."""
        return self.formula_zh if lang.lower().startswith("zh") else self.formula_en

    def terms(self) -> tuple[Term, ...]:
        """Every term any formula of this indicator reads."""
        terms = [*self.numerator, *self.denominator]
        for variant in self.denominator_variants.values():
            terms += list(variant)
        if self.coverage:
            terms += [*self.coverage[0], *self.coverage[1]]
        if self.fallback:
            terms += list(self.fallback.terms())
        return tuple(terms)

    def tables(self) -> tuple[str, ...]:
        """Store tables any of this indicator's terms read."""
        return tuple(dict.fromkeys(table for table, _ in self.terms()))

    def denominator_for(self, sl_denominator: str) -> tuple[Term, ...]:
        """The denominator terms under the chosen service-level denominator option."""
        return self.denominator_variants.get(sl_denominator, self.denominator)


def _ge(kpi_id: str, low: float) -> Target:
    return Target(kpi_id, ">=", low=low)


def _le(kpi_id: str, high: float) -> Target:
    return Target(kpi_id, "<=", high=high)


def _band(kpi_id: str, low: float, high: float) -> Target:
    return Target(kpi_id, "band", low=low, high=high)


# Shared pieces of SQL (named so each is written once). Interval summaries count every
# call they summarise as offered; their own threshold must equal T for the service level.
_OFFERED_ALL_C = ("contacts", "count(*)")
_OFFERED_C = ("contacts", "count_if(NOT short_abandon)")
_OFFERED_KNOWN_C = ("contacts", "count_if(NOT short_abandon AND answered IS NOT NULL)")
_OFFERED_I = ("intervals", "sum(offered)")
_ANSWERED_C = ("contacts", "count_if(answered)")
_ANSWERED_I = ("intervals", "sum(answered)")
_ANSWER_KNOWN = (("contacts", "count(answered)"), _OFFERED_I)
_BOT_SESSIONS = ("bot_sessions", "count(*)")
_REACHED = ("campaigns", "count_if(reached)")
# rows a service level can be told for: a known outcome, and a wait time when answered (an
# abandoned contact was not answered within T whatever its wait); summaries at threshold T
_SL_ROWS_C = (
    "NOT short_abandon AND answered IS NOT NULL AND (answered = FALSE OR wait_s IS NOT NULL)"
)
_SL_ROWS_I = "answered_in_sl IS NOT NULL AND sl_threshold_s = {T}"
_HANDLED_WORK = "coalesce(talk_s, 0) + coalesce(hold_s, 0) + coalesce(acw_s, 0)"
_ANSWERED_COVER = (_ANSWERED_C,)  # "of": every answered contact

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
        formula_zh="转入人工队列的请求数（含短时放弃；机器人/IVR 渠道的行不计入）",
        formula_en="contacts offered to a human queue (short abandons included; rows of bot "
        "or IVR channels left out)",
        headline=True,
        kind="sum",
        numerator=(_OFFERED_ALL_C, _OFFERED_I),
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
        coverage=(_ANSWER_KNOWN, (_OFFERED_ALL_C, _OFFERED_I)),
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
        formula_zh="人工接通量 ÷ 人工请求量（剔除短时放弃；是否接通未知的请求不计入）",
        formula_en="answered / offered (short abandons out; contacts whose outcome is unknown "
        "left out)",
        headline=True,
        numerator=(("contacts", "count_if(answered AND NOT short_abandon)"), _ANSWERED_I),
        denominator=(_OFFERED_KNOWN_C, _OFFERED_I),
        coverage=((_OFFERED_KNOWN_C, _OFFERED_I), (_OFFERED_C, _OFFERED_I)),
    ),
    KpiDef(
        id="service_level",
        name_zh="{T}秒服务水平",
        name_en="{T}-second service level",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=_ge("service_level", 0.80),
        source="GB/T 32312-2015 (20秒接通率); industry 80/20",
        formula_zh="等待 ≤ T 秒内接通的请求数 ÷ 人工请求量（T 默认 20 秒；等待时长未知的接通请求、"
        "阈值不是 T 的汇总行不计入）",
        formula_en="answered with wait ≤ T s / offered (T = 20 s by default; answered contacts "
        "with no wait time and summary rows counted at another threshold left out)",
        headline=True,
        numerator=(
            ("contacts", "count_if(answered_in_t AND NOT short_abandon)"),
            ("intervals", "sum(answered_in_sl) FILTER (WHERE sl_threshold_s = {T})"),
        ),
        denominator=(
            (
                "contacts",
                f"count_if({_SL_ROWS_C})",
            ),
            (
                "intervals",
                f"sum(offered) FILTER (WHERE {_SL_ROWS_I})",
            ),
        ),
        denominator_variants={
            "answered": (
                ("contacts", "count_if(answered AND wait_s IS NOT NULL)"),
                (
                    "intervals",
                    f"sum(answered) FILTER (WHERE {_SL_ROWS_I})",
                ),
            ),
            # Abandons within T leave the denominator. Summaries do not say how many
            # abandoned within T: they keep offered.
            "offered_minus_short": (
                (
                    "contacts",
                    "count_if(NOT short_abandon AND NOT abandoned_in_t AND wait_s IS NOT NULL "
                    "AND answered IS NOT NULL)",
                ),
                (
                    "intervals",
                    f"sum(offered) FILTER (WHERE {_SL_ROWS_I})",
                ),
            ),
        },
        coverage=(
            (
                (
                    "contacts",
                    f"count_if({_SL_ROWS_C})",
                ),
                (
                    "intervals",
                    f"sum(offered) FILTER (WHERE {_SL_ROWS_I})",
                ),
            ),
            (_OFFERED_C, _OFFERED_I),
        ),
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
        coverage=(
            (
                ("contacts", "count_if(answered AND wait_s IS NOT NULL)"),
                ("intervals", "sum(answered) FILTER (WHERE answer_wait_sum_s IS NOT NULL)"),
            ),
            (_ANSWERED_C, _ANSWERED_I),
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
        formula_zh="（人工请求量 − 人工接通量）÷ 人工请求量"
        "（剔除短时放弃；是否接通未知的请求不计入）",
        formula_en="(offered − answered) / offered (short abandons out; contacts whose outcome "
        "is unknown left out)",
        headline=True,
        numerator=(
            ("contacts", "count_if(answered = FALSE AND NOT short_abandon)"),
            ("intervals", "sum(offered - answered)"),
        ),
        denominator=(_OFFERED_KNOWN_C, _OFFERED_I),
        coverage=((_OFFERED_KNOWN_C, _OFFERED_I), (_OFFERED_C, _OFFERED_I)),
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
        formula_zh="已接通请求的平均（通话 + 保持 + 话后处理）时长，只计有话后处理时长的请求；"
        "期间内没有任何话后处理数据时为平均通话时长",
        formula_en="mean (talk + hold + ACW) over answered contacts that carry ACW; where no "
        "data of the slice carries ACW, the mean talk time, labelled so",
        headline=True,
        kind="mean",
        numerator=(
            (
                "contacts",
                f"sum({_HANDLED_WORK}) FILTER (WHERE answered AND acw_s IS NOT NULL)",
            ),
            ("intervals", "sum(handle_sum_s)"),
        ),
        denominator=(
            ("contacts", "count_if(answered AND acw_s IS NOT NULL)"),
            ("intervals", "sum(answered) FILTER (WHERE handle_sum_s IS NOT NULL)"),
        ),
        coverage=(
            (
                ("contacts", "count_if(answered AND acw_s IS NOT NULL)"),
                ("intervals", "sum(answered) FILTER (WHERE handle_sum_s IS NOT NULL)"),
            ),
            (_ANSWERED_C, _ANSWERED_I),
        ),
        fallback=Fallback(
            variant="talk_only",
            name_zh="平均通话时长",
            name_en="Mean talk time",
            formula_zh="已接通请求的平均通话时长（数据中没有话后处理时长，不是 AHT）",
            formula_en="mean talk time over answered contacts (no after-call work in the data: "
            "not AHT)",
            numerator=(
                ("contacts", "sum(talk_s) FILTER (WHERE answered)"),
                ("intervals", "sum(talk_sum_s)"),
            ),
            denominator=(
                ("contacts", "count_if(answered AND talk_s IS NOT NULL)"),
                ("intervals", "sum(answered) FILTER (WHERE talk_sum_s IS NOT NULL)"),
            ),
            coverage=(
                (
                    ("contacts", "count_if(answered AND talk_s IS NOT NULL)"),
                    ("intervals", "sum(answered) FILTER (WHERE talk_sum_s IS NOT NULL)"),
                ),
                (_ANSWERED_C, _ANSWERED_I),
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
        coverage=((("contacts", "count_if(answered AND acw_s IS NOT NULL)"),), _ANSWERED_COVER),
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
        formula_zh="一次解决的接通请求数 ÷ 已知是否解决的接通请求数（空白 = 未知，不计入）",
        formula_en="answered contacts resolved / answered contacts with resolution known "
        "(a blank cell is unknown, left out)",
        headline=True,
        numerator=(("contacts", "count_if(answered AND resolved)"),),
        denominator=(("contacts", "count_if(answered AND resolved IS NOT NULL)"),),
        coverage=(
            (("contacts", "count_if(answered AND resolved IS NOT NULL)"),),
            _ANSWERED_COVER,
        ),
    ),
    KpiDef(
        id="fcr_repeat",
        name_zh="一次解决率（无重复来电）",
        name_en="Resolution without repeat contact",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=_ge("fcr_repeat", 0.85),
        source=f"{_CBA_SERVICE} (2010) Art. 17: 一次解决数 ÷ 服务需求总量",
        formula_zh="客户在 W 小时内（默认 24）未经任何渠道再次来电的接通请求数"
        " ÷ 有客户标识的接通请求数",
        formula_en="answered contacts whose customer does not contact again on any channel "
        "within W hours (24 by default) / answered contacts with a customer reference",
        headline=False,
        numerator=(("contacts", "count_if(answered AND customer_hash IS NOT NULL AND no_repeat)"),),
        denominator=(("contacts", "count_if(answered AND customer_hash IS NOT NULL)"),),
        coverage=(
            (("contacts", "count_if(answered AND customer_hash IS NOT NULL)"),),
            _ANSWERED_COVER,
        ),
    ),
    KpiDef(
        id="transfer_rate",
        name_zh="转接率",
        name_en="Transfer rate",
        group="service",
        unit="ratio",
        direction="lower",
        default_target=None,
        source="industry",
        formula_zh="转接的接通请求数 ÷ 已知是否转接的接通请求数（同一关联流水号的各段合为一通）",
        formula_en="answered contacts transferred / answered contacts with transfer known (legs "
        "sharing a linked id count as one contact)",
        headline=False,
        numerator=(("contacts", "count_if(answered AND transferred)"),),
        denominator=(("contacts", "count_if(answered AND transferred IS NOT NULL)"),),
        coverage=(
            (("contacts", "count_if(answered AND transferred IS NOT NULL)"),),
            _ANSWERED_COVER,
        ),
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
        coverage=((("contacts", "count(csat_satisfied)"),), _ANSWERED_COVER),
    ),
    KpiDef(
        id="csat_mean",
        name_zh="平均满意度评分（5分制）",
        name_en="Mean satisfaction score (1–5)",
        group="service",
        unit="score",
        direction="higher",
        default_target=None,
        source="industry",
        formula_zh="数值评分的平均分，10 分制评分按 1–10 → 1–5 线性换算后再平均"
        "（两种量表不直接相加）",
        formula_en="mean numeric score; 10-point answers are mapped linearly 1–10 → 1–5 first "
        "(two scales are never averaged as they are)",
        headline=False,
        kind="mean",
        numerator=(
            (
                "contacts",
                "sum(CASE WHEN csat_scale = 10 THEN 1 + (csat_score - 1) * 4 / 9 "
                "ELSE csat_score END) FILTER (WHERE csat_scale IS NOT NULL)",
            ),
        ),
        denominator=(("contacts", "count_if(csat_scale IS NOT NULL AND csat_score IS NOT NULL)"),),
        coverage=(
            (("contacts", "count_if(csat_scale IS NOT NULL AND csat_score IS NOT NULL)"),),
            _ANSWERED_COVER,
        ),
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
        formula_zh="投诉的接通请求数 ÷ 来自有投诉列文件的接通请求数（该列空白 = 否）",
        formula_en="answered contacts with a complaint / answered contacts from files with a "
        "complaint column (a blank cell there means no)",
        headline=False,
        numerator=(("contacts", "count_if(answered AND complaint)"),),
        denominator=(("contacts", "count_if(answered AND complaint IS NOT NULL)"),),
        coverage=(
            (("contacts", "count_if(answered AND complaint IS NOT NULL)"),),
            _ANSWERED_COVER,
        ),
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
        coverage=(
            (("agent_states", "count(available_s)"),),
            (("agent_states", "count(*)"),),
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
        coverage=(
            (("agent_states", "count(logged_in_s)"),),
            (("agent_states", "count(*)"),),
        ),
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
        coverage=((("quality", "count(score)"),), (("quality", "count(*)"),)),
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
        coverage=(
            (("bot_sessions", "count_if(questions IS NOT NULL AND recognized IS NOT NULL)"),),
            (_BOT_SESSIONS,),
        ),
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
        formula_zh="机器人解决且未转人工的会话数 ÷ 来自有解决列文件的会话数（该列空白 = 否）",
        formula_en="sessions resolved and not transferred to an agent / sessions from files "
        "with a resolved column (a blank cell there means no)",
        headline=True,
        numerator=(("bot_sessions", "count_if(resolved AND transferred IS NOT TRUE)"),),
        denominator=(("bot_sessions", "count(resolved)"),),
        coverage=((("bot_sessions", "count(resolved)"),), (_BOT_SESSIONS,)),
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
        formula_zh="转人工的会话数 ÷ 来自有转人工列文件的会话数（该列空白 = 否）",
        formula_en="sessions transferred / sessions from files with a transferred column (a "
        "blank cell there means no)",
        headline=False,
        numerator=(("bot_sessions", "count_if(transferred)"),),
        denominator=(("bot_sessions", "count(transferred)"),),
        coverage=((("bot_sessions", "count(transferred)"),), (_BOT_SESSIONS,)),
    ),
    KpiDef(
        id="bot_transfer_answered",
        name_zh="转人工接通率",
        name_en="Bot transfers answered",
        group="intelligent",
        unit="ratio",
        direction="higher",
        default_target=_ge("bot_transfer_answered", 0.90),
        source="industry",
        formula_zh="转人工后 30 分钟内同一客户接通人工的会话数 ÷ 有客户标识的转人工会话数",
        formula_en="transferred sessions whose customer reached an agent within 30 minutes / "
        "transferred sessions with a customer reference",
        headline=False,
        numerator=(
            (
                "bot_sessions",
                "count_if(transferred AND customer_hash IS NOT NULL "
                "AND agent_reached_at IS NOT NULL)",
            ),
        ),
        denominator=(("bot_sessions", "count_if(transferred AND customer_hash IS NOT NULL)"),),
        coverage=(
            (("bot_sessions", "count_if(transferred AND customer_hash IS NOT NULL)"),),
            (("bot_sessions", "count_if(transferred)"),),
        ),
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
        coverage=((("bot_sessions", "count(rating_satisfied)"),), (_BOT_SESSIONS,)),
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
        formula_zh="接通（触达）数 ÷ 来自有接通列文件的触达尝试量（该列空白 = 否）",
        formula_en="reached / touches from files with a reached column (a blank cell there "
        "means no)",
        headline=True,
        numerator=(_REACHED,),
        denominator=(("campaigns", "count(reached)"),),
        coverage=((("campaigns", "count(reached)"),), (("campaigns", "count(*)"),)),
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
        formula_zh="营销成功数 ÷ 来自有成功列文件的接通数（该列空白 = 否）",
        formula_en="converted / reached, from files with a converted column (a blank cell "
        "there means no)",
        headline=True,
        numerator=(("campaigns", "count_if(reached AND converted)"),),
        denominator=(("campaigns", "count_if(reached AND converted IS NOT NULL)"),),
        coverage=(
            (("campaigns", "count_if(reached AND converted IS NOT NULL)"),),
            (_REACHED,),
        ),
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
        coverage=(
            (("campaigns", "count_if(converted AND amount IS NOT NULL)"),),
            (("campaigns", "count_if(converted)"),),
        ),
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
        denominator=(("campaigns", "count_if(reached AND complaint IS NOT NULL)"),),
        coverage=(
            (("campaigns", "count_if(reached AND complaint IS NOT NULL)"),),
            (_REACHED,),
        ),
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

"""Customer service indicators (客户服务): the human channel.

See ``catalogue`` for how a formula is written; kpis.md for each definition.
"""

from __future__ import annotations

from workbench.kpi.definition import (
    ANSWER_KNOWN,
    ANSWERED_C,
    ANSWERED_COVER,
    ANSWERED_I,
    CBA_SERVICE,
    HANDLED_WORK,
    OFFERED_ALL_C,
    OFFERED_C,
    OFFERED_I,
    OFFERED_KNOWN_C,
    SL_ROWS_C,
    SL_ROWS_I,
    Fallback,
    KpiDef,
    band,
    ge,
    le,
)

SERVICE: tuple[KpiDef, ...] = (
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
        numerator=(OFFERED_ALL_C, OFFERED_I),
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
        numerator=(ANSWERED_C, ANSWERED_I),
        coverage=(ANSWER_KNOWN, (OFFERED_ALL_C, OFFERED_I)),
    ),
    KpiDef(
        id="answer_rate",
        name_zh="人工接通率",
        name_en="Answer rate",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=ge("answer_rate", 0.94),
        source=f"{CBA_SERVICE}（人工接听总数 ÷ 转入人工总数）; CBA 2024 industry 94.18 %",
        formula_zh="人工接通量 ÷ 人工请求量（剔除短时放弃；是否接通未知的请求不计入）",
        formula_en="answered / offered (short abandons out; contacts whose outcome is unknown "
        "left out)",
        headline=True,
        numerator=(("contacts", "count_if(answered AND NOT short_abandon)"), ANSWERED_I),
        denominator=(OFFERED_KNOWN_C, OFFERED_I),
        coverage=((OFFERED_KNOWN_C, OFFERED_I), (OFFERED_C, OFFERED_I)),
    ),
    KpiDef(
        id="service_level",
        name_zh="{T}秒服务水平",
        name_en="{T}-second service level",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=ge("service_level", 0.80),
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
                f"count_if({SL_ROWS_C})",
            ),
            (
                "intervals",
                f"sum(offered) FILTER (WHERE {SL_ROWS_I})",
            ),
        ),
        denominator_variants={
            "answered": (
                ("contacts", "count_if(answered AND wait_s IS NOT NULL)"),
                (
                    "intervals",
                    f"sum(answered) FILTER (WHERE {SL_ROWS_I})",
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
                    f"sum(offered) FILTER (WHERE {SL_ROWS_I})",
                ),
            ),
        },
        coverage=(
            (
                (
                    "contacts",
                    f"count_if({SL_ROWS_C})",
                ),
                (
                    "intervals",
                    f"sum(offered) FILTER (WHERE {SL_ROWS_I})",
                ),
            ),
            (OFFERED_C, OFFERED_I),
        ),
    ),
    KpiDef(
        id="asa",
        name_zh="平均应答速度",
        name_en="Average speed of answer",
        group="service",
        unit="s",
        direction="lower",
        default_target=le("asa", 15),
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
            (ANSWERED_C, ANSWERED_I),
        ),
    ),
    KpiDef(
        id="abandon_rate",
        name_zh="呼损率",
        name_en="Abandon rate",
        group="service",
        unit="ratio",
        direction="lower",
        default_target=le("abandon_rate", 0.06),
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
        denominator=(OFFERED_KNOWN_C, OFFERED_I),
        coverage=((OFFERED_KNOWN_C, OFFERED_I), (OFFERED_C, OFFERED_I)),
    ),
    KpiDef(
        id="aht",
        name_zh="平均处理时长",
        name_en="Average handling time",
        group="service",
        unit="s",
        direction="lower",
        default_target=le("aht", 360),
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
                f"sum({HANDLED_WORK}) FILTER (WHERE answered AND acw_s IS NOT NULL)",
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
            (ANSWERED_C, ANSWERED_I),
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
                (ANSWERED_C, ANSWERED_I),
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
        default_target=le("acw", 30),
        source="GB/T 32312-2015 §2.3",
        formula_zh="已接通请求的平均话后处理时长",
        formula_en="mean ACW over answered contacts",
        headline=False,
        kind="mean",
        numerator=(("contacts", "sum(acw_s) FILTER (WHERE answered)"),),
        denominator=(("contacts", "count_if(answered AND acw_s IS NOT NULL)"),),
        coverage=((("contacts", "count_if(answered AND acw_s IS NOT NULL)"),), ANSWERED_COVER),
    ),
    KpiDef(
        id="fcr",
        name_zh="一次解决率",
        name_en="First-contact resolution",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=ge("fcr", 0.85),
        source=f"{CBA_SERVICE}（一次解决数 ÷ 服务需求总量）",
        formula_zh="一次解决的接通请求数 ÷ 已知是否解决的接通请求数（空白 = 未知，不计入）",
        formula_en="answered contacts resolved / answered contacts with resolution known "
        "(a blank cell is unknown, left out)",
        headline=True,
        numerator=(("contacts", "count_if(answered AND resolved)"),),
        denominator=(("contacts", "count_if(answered AND resolved IS NOT NULL)"),),
        coverage=(
            (("contacts", "count_if(answered AND resolved IS NOT NULL)"),),
            ANSWERED_COVER,
        ),
    ),
    KpiDef(
        id="fcr_repeat",
        name_zh="一次解决率（无重复来电）",
        name_en="Resolution without repeat contact",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=ge("fcr_repeat", 0.85),
        source=f"{CBA_SERVICE} (2010) Art. 17: 一次解决数 ÷ 服务需求总量",
        formula_zh="客户在 W 小时内（默认 24）未经任何渠道再次来电的接通请求数"
        " ÷ 有客户标识的接通请求数",
        formula_en="answered contacts whose customer does not contact again on any channel "
        "within W hours (24 by default) / answered contacts with a customer reference",
        headline=False,
        numerator=(("contacts", "count_if(answered AND customer_hash IS NOT NULL AND no_repeat)"),),
        denominator=(("contacts", "count_if(answered AND customer_hash IS NOT NULL)"),),
        coverage=(
            (("contacts", "count_if(answered AND customer_hash IS NOT NULL)"),),
            ANSWERED_COVER,
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
            ANSWERED_COVER,
        ),
    ),
    KpiDef(
        id="csat",
        name_zh="客户满意度",
        name_en="Customer satisfaction",
        group="service",
        unit="ratio",
        direction="higher",
        default_target=ge("csat", 0.95),
        source="GB/T 32312-2015 §2.5; CBA 2024 industry 99.46 %",
        formula_zh="满意数 ÷ 参评数（满意 = 量表最高两档：满意、非常满意；"
        "5 分制 4–5；10 分制 9–10）",
        formula_en="satisfied / rated (satisfied = top two of the scale: 满意/非常满意, 4–5 of 5, "
        "9–10 of 10); unrated contacts are not counted",
        headline=True,
        numerator=(("contacts", "count_if(csat_satisfied)"),),
        denominator=(("contacts", "count(csat_satisfied)"),),
        coverage=((("contacts", "count(csat_satisfied)"),), ANSWERED_COVER),
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
            ANSWERED_COVER,
        ),
    ),
    KpiDef(
        id="complaint_rate",
        name_zh="投诉率",
        name_en="Complaint rate",
        group="service",
        unit="ratio",
        direction="lower",
        default_target=le("complaint_rate", 0.001),
        source="industry",
        formula_zh="投诉的接通请求数 ÷ 来自有投诉列文件的接通请求数（该列空白 = 否）",
        formula_en="answered contacts with a complaint / answered contacts from files with a "
        "complaint column (a blank cell there means no)",
        headline=False,
        numerator=(("contacts", "count_if(answered AND complaint)"),),
        denominator=(("contacts", "count_if(answered AND complaint IS NOT NULL)"),),
        coverage=(
            (("contacts", "count_if(answered AND complaint IS NOT NULL)"),),
            ANSWERED_COVER,
        ),
    ),
    KpiDef(
        id="occupancy",
        name_zh="坐席占用率",
        name_en="Occupancy",
        group="service",
        unit="ratio",
        direction="band",
        default_target=band("occupancy", 0.75, 0.90),
        source="industry",
        formula_zh="（通话 + 保持 + 话后处理）÷（通话 + 保持 + 话后处理 + 空闲），来自坐席状态",
        formula_en="(talk + hold + ACW) / (talk + hold + ACW + available), from agent states",
        headline=False,
        numerator=(
            ("agent_states", f"sum({HANDLED_WORK}) FILTER (WHERE available_s IS NOT NULL)"),
        ),
        denominator=(
            (
                "agent_states",
                f"sum({HANDLED_WORK} + available_s) FILTER (WHERE available_s IS NOT NULL)",
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
        default_target=band("utilisation", 0.60, 0.85),
        source="industry",
        formula_zh="（通话 + 保持 + 话后处理）÷ 登录时长，来自坐席状态",
        formula_en="(talk + hold + ACW) / logged-in time, from agent states",
        headline=False,
        numerator=(
            ("agent_states", f"sum({HANDLED_WORK}) FILTER (WHERE logged_in_s IS NOT NULL)"),
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
        default_target=ge("qa_score", 90),
        source="industry",
        formula_zh="质检得分的平均值（0–100）",
        formula_en="mean quality-inspection score (0–100)",
        headline=False,
        kind="mean",
        numerator=(("quality", "sum(score)"),),
        denominator=(("quality", "count(score)"),),
        coverage=((("quality", "count(score)"),), (("quality", "count(*)"),)),
    ),
)

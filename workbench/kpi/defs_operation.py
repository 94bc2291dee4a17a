"""Customer operation indicators (客户经营): campaigns and their compliance.

See ``catalogue`` for how a formula is written; kpis.md for each definition.
"""

from __future__ import annotations

from workbench.kpi.definition import (
    REACHED,
    KpiDef,
    ge,
    le,
)

OPERATION: tuple[KpiDef, ...] = (
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
        default_target=ge("campaign_reach", 0.60),
        source="industry",
        formula_zh="接通（触达）数 ÷ 来自有接通列文件的触达尝试量（该列空白 = 否）",
        formula_en="reached / touches from files with a reached column (a blank cell there "
        "means no)",
        headline=True,
        numerator=(REACHED,),
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
        default_target=ge("campaign_conversion", 0.15),
        source="industry",
        formula_zh="营销成功数 ÷ 来自有成功列文件的接通数（该列空白 = 否）",
        formula_en="converted / reached, from files with a converted column (a blank cell "
        "there means no)",
        headline=True,
        numerator=(("campaigns", "count_if(reached AND converted)"),),
        denominator=(("campaigns", "count_if(reached AND converted IS NOT NULL)"),),
        coverage=(
            (("campaigns", "count_if(reached AND converted IS NOT NULL)"),),
            (REACHED,),
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
        default_target=le("campaign_complaint_rate", 0.002),
        source="industry",
        formula_zh="投诉数 ÷ 接通数",
        formula_en="complaint = yes / reached",
        headline=False,
        numerator=(("campaigns", "count_if(reached AND complaint)"),),
        denominator=(("campaigns", "count_if(reached AND complaint IS NOT NULL)"),),
        coverage=(
            (("campaigns", "count_if(reached AND complaint IS NOT NULL)"),),
            (REACHED,),
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
        default_target=le("campaign_violation_rate", 0.0),
        source="T/CBA 2019 (合规化运营)",
        formula_zh="违反任一外呼规则（时段、频次、拒绝/投诉后、免打扰名单）的触达数 ÷ 触达尝试量",
        formula_en="touches breaking any contact rule (window, frequency, after refusal, "
        "do-not-call) / touches",
        headline=False,
        numerator=(("campaigns", "count_if(violation)"),),
        denominator=(("campaigns", "count(*)"),),
    ),
)

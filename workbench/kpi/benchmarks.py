"""Industry benchmark figures (kpis.md) drawn as a dashed reference line on charts.

The figures come from the CBA annual reports 中国银行业客服中心与远程银行发展报告. Their series
labels changed over the years (in 2022 the answer rate became 人工电话平均接通率), so each
benchmark carries its year and the label it was published under.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain import KpiOptions

_REPORT = "中国银行业协会《中国银行业客服中心与远程银行发展报告》"


@dataclass(frozen=True)
class Benchmark:
    """One published industry figure for one indicator (ratios as fractions, seconds as s)."""

    kpi_id: str
    value: float
    year: int
    label_zh: str
    label_en: str
    source: str
    #: the service-level threshold the figure was counted at (None: not a service level)
    sl_threshold_s: int | None = None

    def label(self, lang: str) -> str:
        """``行业 2024 人工接通率`` style label for a chart line."""
        if lang.lower().startswith("zh"):
            return f"{self.year} 年行业{self.label_zh}"
        return f"{self.year} industry {self.label_en}"


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        "answer_rate",
        0.9418,
        2024,
        "人工电话平均接通率",
        "average human answer rate",
        f"{_REPORT} 2024",
    ),
    Benchmark("csat", 0.9946, 2024, "客户满意度", "customer satisfaction", f"{_REPORT} 2024"),
    Benchmark("bot_share", 0.5013, 2022, "智能服务占比", "bot share", f"{_REPORT} 2022"),
    Benchmark("asa", 15.0, 2016, "平均应答速度", "average speed of answer", f"{_REPORT} 2015–2016"),
    Benchmark(
        "service_level",
        0.7198,
        2013,
        "20秒服务水平",
        "20-second service level",
        f"{_REPORT} 2013",
        sl_threshold_s=20,
    ),
)

_BY_KPI = {b.kpi_id: b for b in BENCHMARKS}


def benchmark(kpi_id: str, options: KpiOptions | None = None) -> Benchmark | None:
    """The industry figure for this indicator, or None when the reports give none or when
    its definition differs from ours (the 20-second service level beside T = 30)."""
    found = _BY_KPI.get(kpi_id)
    if found is None or found.sl_threshold_s is None:
        return found
    threshold = options.sl_threshold_s if options is not None else 20
    return found if threshold == found.sl_threshold_s else None

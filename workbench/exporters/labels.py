"""Every sheet name and label of the compliance workbook, in Chinese and English (one dict).

Indicator names, formulas and sources are not here: they come from ``workbench.kpi.catalogue``.
"""

from __future__ import annotations

LANGS = ("zh_CN", "en")

LABELS: dict[str, dict[str, str]] = {
    "zh_CN": {
        # sheet names (≤ 31 characters, no []:*?/\)
        "sheet.cover": "封面",
        "sheet.summary": "指标汇总",
        "sheet.trends": "趋势",
        "sheet.agents": "坐席",
        "sheet.bots": "智能服务",
        "sheet.campaigns": "客户经营",
        "sheet.exceptions": "未达标明细",
        "sheet.methodology": "计算方法",
        "sheet.sources": "数据来源",
        "sheet.manifest": "校验",
        "sheet.compliance": "外呼合规",
        "sheet.audit": "审计日志",
        # cover
        "title": "远程银行客服中心服务指标报告",
        "centre": "中心名称",
        "period": "统计期间",
        "previous_period": "对比期间(上期)",
        "generated_at": "生成时间",
        "version": "Workbench 版本",
        "targets_version": "目标方案版本",
        "sl_threshold": "服务水平阈值 T",
        "short_abandon": "短时放弃阈值 S",
        "sl_denominator": "服务水平分母",
        "personal_data": "客户个人信息",
        "personal_masked": "已脱敏(仅显示 138****5678、张* 形式)",
        "personal_shown": "本工作簿按要求显示客户个人信息,请按保密规定保管和传递",
        "reading_guide": "阅读说明",
        "guide": (
            "“指标汇总”按行业标准分组列出全部指标的本期值、目标、达标状态(绿色达标、黄色预警、"
            "红色未达标)、分子分母、上期值和中国银行业协会行业参考值;“趋势”给出每日走势和目标线;"
            "“坐席”“智能服务”“客户经营”为分组明细;“未达标明细”按差距从大到小列出未达标的日期×队列"
            "和坐席;“计算方法”说明每个指标的公式、出处和所用参数;“数据来源”列出所用的导入文件及其 "
            "SHA-256;“校验”记录各表数值和所依据数据的摘要,可用 workbench verify 离线核验本文件未被"
            "修改且与数据一致。"
        ),
        "seconds": "秒",
        "time_convention": "时间口径",
        "time_convention_text": (
            "所有时间均为源系统导出时的本地时间(不做时区换算);日期区间两端均包含。"
        ),
        "ratio_convention": "比率口径",
        "ratio_convention_text": (
            "比率按分子合计÷分母合计计算(不是比率的平均);分母为 0 时记为“无数据”。"
        ),
        "sl_den.offered": "人工请求量",
        "sl_den.answered": "人工接通量",
        "sl_den.offered_minus_short": "人工请求量减 T 秒内放弃量",
        # summary
        "col.id": "指标代码",
        "col.indicator": "指标",
        "col.value": "本期值",
        "col.target": "目标",
        "col.status": "状态",
        "col.numerator": "分子",
        "col.denominator": "分母",
        "col.previous": "上期值",
        "col.benchmark": "行业参考值",
        "col.coverage": "覆盖（记录数 / 应有记录数）",
        "fcr_window": "重复来电时间窗 W",
        "hours": "小时",
        "sources_mix": "数据来源（日期 × 技能组）",
        "mix.detail": "使用话单明细的组合数",
        "mix.summary": "使用话务汇总的组合数",
        "mix.overlap": "明细与汇总重叠（以明细为准）的组合数",
        "col.benchmark_source": "参考值出处(年份)",
        "status.met": "达标",
        "status.at_risk": "预警",
        "status.missed": "未达标",
        "status.no_data": "无数据",
        "status.no_target": "无目标",
        # trends
        "col.date": "日期",
        "target_suffix": "目标",
        "target_low_suffix": "目标下限",
        "target_high_suffix": "目标上限",
        # grouped tables
        "col.agent_id": "坐席工号",
        "col.agent_name": "坐席姓名",
        "col.channel": "渠道",
        "col.campaign": "活动",
        "col.campaign_name": "活动名称",
        # exceptions
        "col.scope": "范围",
        "col.queue": "队列",
        "col.agent": "坐席",
        "col.shortfall": "差距(相对目标)",
        "scope.day_queue": "日期×队列",
        "scope.day": "日期",
        "scope.agent": "坐席",
        "all_queues": "全部",
        "no_key": "(未分配)",
        "no_exceptions": "本期没有未达标项。",
        # methodology
        "col.group": "分组",
        "col.unit": "单位",
        "col.direction": "方向",
        "col.formula": "计算公式",
        "col.source": "依据",
        "col.target_in_force": "目标(本次判定所用)",
        "options": "本次计算所用参数",
        "unit.count": "个数",
        "unit.ratio": "比率",
        "unit.s": "秒(显示为 分:秒)",
        "unit.score": "评分",
        "unit.points": "分",
        "unit.yuan": "元",
        "direction.higher": "越高越好",
        "direction.lower": "越低越好",
        "direction.band": "区间内为好",
        "direction.none": "—",
        # sources
        "col.file": "文件名",
        "col.sha256": "SHA-256",
        "col.kind": "数据类型",
        "col.sheet": "工作表",
        "col.rows": "导入行数",
        "col.rejected": "拒绝行数",
        "col.imported_at": "导入时间",
        "col.imported_by": "导入人",
        "no_sources": "本期没有导入数据。",
        # manifest
        "manifest_title": "校验信息(请勿修改;workbench verify 据此核验)",
        "footer_period": "统计期间",
        "page": "第 &P 页 / 共 &N 页",
    },
    "en": {
        "sheet.cover": "Cover",
        "sheet.summary": "Summary",
        "sheet.trends": "Trends",
        "sheet.agents": "Agents",
        "sheet.bots": "Bots",
        "sheet.campaigns": "Campaigns",
        "sheet.exceptions": "Exceptions",
        "sheet.methodology": "Methodology",
        "sheet.sources": "Sources",
        "sheet.manifest": "Manifest",
        "sheet.compliance": "Contact compliance",
        "sheet.audit": "Audit log",
        "title": "Remote-banking contact centre service report",
        "centre": "Centre",
        "period": "Period",
        "previous_period": "Compared with (previous period)",
        "generated_at": "Generated at",
        "version": "Workbench version",
        "targets_version": "Target profile version",
        "sl_threshold": "Service-level threshold T",
        "short_abandon": "Short-abandon threshold S",
        "sl_denominator": "Service-level denominator",
        "personal_data": "Customer personal data",
        "personal_masked": "Masked (shown only as 138****5678, 张*)",
        "personal_shown": (
            "SHOWN at the user's request: keep and send this workbook as confidential"
        ),
        "reading_guide": "How to read",
        "guide": (
            "Summary lists every indicator, grouped as the standard groups them, with this "
            "period's value, target, status (green met, amber at risk, red missed), numerator and "
            "denominator, the previous period and the CBA industry benchmark. Trends shows daily "
            "values against the target. Agents, Bots and Campaigns are the grouped tables. "
            "Exceptions lists every day × queue and agent that missed a target, worst first. "
            "Methodology gives each formula, its source and the options used. Sources lists the "
            "imported files with their SHA-256. Manifest holds digests of every sheet and of the "
            "data behind it: 'workbench verify' checks offline that nothing was edited and that "
            "the workbook still matches the data."
        ),
        "seconds": "s",
        "time_convention": "Time convention",
        "time_convention_text": (
            "Timestamps are the source export's local wall-clock time (no time-zone conversion); "
            "both ends of a date range are included."
        ),
        "ratio_convention": "Ratio convention",
        "ratio_convention_text": (
            "Ratios are totals of numerator over totals of denominator (never an average of "
            "averages); a zero denominator means 'no data'."
        ),
        "sl_den.offered": "offered",
        "sl_den.answered": "answered",
        "sl_den.offered_minus_short": "offered minus abandons within T",
        "col.id": "ID",
        "col.indicator": "Indicator",
        "col.value": "Value",
        "col.target": "Target",
        "col.status": "Status",
        "col.numerator": "Numerator",
        "col.denominator": "Denominator",
        "col.previous": "Previous period",
        "col.benchmark": "Industry benchmark",
        "col.coverage": "Coverage (records / could cover)",
        "fcr_window": "Repeat-contact window W",
        "hours": "hours",
        "sources_mix": "Data sources (day × queue)",
        "mix.detail": "pairs from call detail",
        "mix.summary": "pairs from interval summaries",
        "mix.overlap": "pairs in both (detail used, summary set aside)",
        "col.benchmark_source": "Benchmark source (year)",
        "status.met": "met",
        "status.at_risk": "at risk",
        "status.missed": "missed",
        "status.no_data": "no data",
        "status.no_target": "no target",
        "col.date": "Date",
        "target_suffix": "target",
        "target_low_suffix": "target low",
        "target_high_suffix": "target high",
        "col.agent_id": "Agent ID",
        "col.agent_name": "Agent name",
        "col.channel": "Channel",
        "col.campaign": "Campaign",
        "col.campaign_name": "Campaign name",
        "col.scope": "Scope",
        "col.queue": "Queue",
        "col.agent": "Agent",
        "col.shortfall": "Shortfall (of target)",
        "scope.day_queue": "day × queue",
        "scope.day": "day",
        "scope.agent": "agent",
        "all_queues": "all",
        "no_key": "(none)",
        "no_exceptions": "No target was missed in this period.",
        "col.group": "Group",
        "col.unit": "Unit",
        "col.direction": "Better",
        "col.formula": "Formula",
        "col.source": "Source",
        "col.target_in_force": "Target (as judged)",
        "options": "Options in force",
        "unit.count": "count",
        "unit.ratio": "ratio",
        "unit.s": "seconds (shown as m:ss)",
        "unit.score": "score",
        "unit.points": "points",
        "unit.yuan": "yuan",
        "direction.higher": "higher",
        "direction.lower": "lower",
        "direction.band": "within band",
        "direction.none": "—",
        "col.file": "File",
        "col.sha256": "SHA-256",
        "col.kind": "Kind",
        "col.sheet": "Sheet",
        "col.rows": "Rows",
        "col.rejected": "Rejected",
        "col.imported_at": "Imported at",
        "col.imported_by": "Imported by",
        "no_sources": "No imported data falls in this period.",
        "manifest_title": "Verification data (do not edit; 'workbench verify' checks against it)",
        "footer_period": "Period",
        "page": "Page &P of &N",
    },
}

SHEET_KEYS = (
    "cover",
    "summary",
    "trends",
    "agents",
    "bots",
    "campaigns",
    "exceptions",
    "methodology",
    "sources",
    "manifest",
)


def label(lang: str, key: str) -> str:
    """The text of ``key`` in ``lang`` (falls back to English, then to the key itself)."""
    table = LABELS.get(lang, LABELS["en"])
    return table.get(key) or LABELS["en"].get(key, key)


def sheet_name(lang: str, key: str) -> str:
    return label(lang, f"sheet.{key}")


MANIFEST_SHEET_NAMES = {LABELS[lang]["sheet.manifest"] for lang in LANGS}

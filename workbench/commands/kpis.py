"""``workbench kpis [--store PATH] [--from DATE] [--to DATE] [--by KEY] [--json]`` (cli.md)."""

from __future__ import annotations

import argparse

from workbench.commands.common import (
    add_json_argument,
    add_store_argument,
    display_width,
    open_store,
    pad,
    parse_date,
)
from workbench.domain import GROUP_BY_CHOICES, Filters, KpiOptions, KpiReport, KpiValue
from workbench.errors import UsageError
from workbench.i18n import _, language
from workbench.kpi import catalogue
from workbench.kpi.engine import compute, format_value
from workbench.paths import default_store_path

NAME = "kpis"
HELP = "compute the indicators for a period, overall or grouped"

_STATUS_TEXT = {
    "en": {
        "met": "met",
        "at_risk": "at risk",
        "missed": "MISSED",
        "no_data": "no data",
        "no_target": "",
    },
    "zh_CN": {
        "met": "达标",
        "at_risk": "预警",
        "missed": "未达标",
        "no_data": "无数据",
        "no_target": "",
    },
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="last day, inclusive")
    parser.add_argument(
        "--by",
        choices=(*GROUP_BY_CHOICES, "interval", "centre"),
        help="also give one group per key (centre: with --lake)",
    )
    parser.add_argument(
        "--interval",
        type=int,
        choices=(15, 30, 60),
        default=15,
        help="with --by interval: interval length in minutes (15)",
    )
    parser.add_argument(
        "--lang",
        choices=("zh_CN", "en"),
        default=None,
        help="language of the names (default: the language of messages)",
    )
    add_json_argument(parser)
    _add_lake_arguments(parser)


def _add_lake_arguments(parser: argparse.ArgumentParser) -> None:
    """``--lake DIR --engine duckdb|spark [--spark-master URL] [--centre CODE …]``."""
    parser.add_argument("--lake", metavar="DIR", help="compute over a lake folder, not the store")
    parser.add_argument(
        "--engine", choices=("duckdb", "spark"), default="duckdb", help="engine for --lake"
    )
    parser.add_argument(
        "--spark-master", default="local[*]", metavar="URL", help="Spark master for --engine spark"
    )
    parser.add_argument(
        "--centre", action="append", metavar="CODE", help="only this centre of the lake (repeat)"
    )


def run(args: argparse.Namespace) -> int:
    start = parse_date(args.date_from, "--from") if args.date_from else None
    end = parse_date(args.date_to, "--to") if args.date_to else None
    if start and end and start > end:
        raise UsageError(
            _("--from {start} is after --to {end}").format(start=start, end=end),
            hint=_("swap the two dates"),
        )
    if getattr(args, "lake", None):
        from workbench.lake.kpis import lake_report

        report = lake_report(
            args.lake,
            engine=args.engine,
            by=args.by,
            filters=Filters(start=start, end=end),
            centres=args.centre,
            spark_master=args.spark_master,
        )
    else:
        if args.by == "centre":
            raise UsageError(
                _("--by centre needs --lake DIR"), hint=_("a store holds one centre's data")
            )
        path = default_store_path(getattr(args, "store", None))
        with open_store(args, read_only=path.exists()) as store:
            if args.by == "interval":
                report = _by_interval(store.con, Filters(start=start, end=end), args.interval)
            else:
                report = compute(store.con, Filters(start=start, end=end), by=args.by)
    lang = args.lang or language()
    if args.json:
        from workbench.commands.common import print_json

        print_json(report_to_json(report, lang))
    else:
        print(report_to_text(report, lang))
    return 0


def _by_interval(con, filters: Filters, minutes: int) -> KpiReport:
    """The overall report with one group per interval start (``planning.intraday``)."""
    from dataclasses import replace

    from workbench.kpi.targets import current_profile
    from workbench.planning.intraday import interval_groups, interval_table

    report = compute(con, filters)
    table = interval_table(con, filters, minutes, options=report.options)
    return replace(report, groups=interval_groups(table, current_profile(con)))


def report_to_json(report: KpiReport, lang: str = "en") -> dict:
    """The ``kpis --json`` document of cli.md (names in ``lang``, following the options)."""

    def values_json(values) -> list[dict]:
        return [_value_json(v, report.options, lang) for v in values]

    return {
        "from": report.start.isoformat() if report.start else None,
        "to": report.end.isoformat() if report.end else None,
        "targets_version": report.targets_version,
        "options": report.options.to_json(),
        "kpis": values_json(report.values),
        "groups": [
            {
                "by": g.by,
                "key": g.key,
                **({"label": g.label} if g.label else {}),
                "kpis": values_json(g.values),
            }
            for g in report.groups
        ],
    }


def _value_json(value: KpiValue, options: KpiOptions, lang: str) -> dict:
    data = value.to_json()
    kpi = catalogue.get(value.kpi_id)
    data["unit"] = kpi.unit
    data["name"] = kpi.name(lang, options, value.variant)
    for key in ("value", "numerator", "denominator"):
        x = data[key]
        if isinstance(x, float):
            data[key] = int(x) if x.is_integer() and key != "value" else round(x, 6)
    # cli.md's key order: id, value, unit, numerator, denominator, target, status; then the
    # second version's name and coverage (and variant, where a fallback formula gave the value)
    order = (
        "id",
        "value",
        "unit",
        "numerator",
        "denominator",
        "target",
        "status",
        "name",
        "coverage",
        "variant",
    )
    return {k: data[k] for k in order if k in data}


def report_to_text(report: KpiReport, lang: str = "en") -> str:
    """A readable table: indicator, value, target, status (and one block per group)."""
    zh = lang.startswith("zh")
    period = f"{report.start or '…'} – {report.end or '…'}"
    head = (
        f"期间 {period}  目标版本 {report.targets_version}  服务水平阈值 "
        f"{report.options.sl_threshold_s} 秒"
        if zh
        else f"Period {period}  targets version {report.targets_version}  "
        f"service-level threshold {report.options.sl_threshold_s} s"
    )
    lines = [head, ""]
    lines += _table(report.values, lang, report.options)
    for group in report.groups:
        title = f"{group.by} {group.key or '(none)'}"
        if group.label:
            title += f"  {group.label}"
        lines += ["", title]
        lines += _table(group.values, lang, report.options)
    return "\n".join(lines)


def _table(values: tuple[KpiValue, ...], lang: str, options: KpiOptions) -> list[str]:
    statuses = _STATUS_TEXT["zh_CN" if lang.startswith("zh") else "en"]
    rows = []
    for v in values:
        kpi = catalogue.get(v.kpi_id)
        # as people read it, in the indicator's unit: ``≥ 94.0%``, ``≤ 0:15``
        target = v.target.text(lambda x, k=kpi: format_value(k, x, lang)) if v.target else ""
        status = statuses[v.status]
        if v.coverage is not None and v.coverage < 0.999:
            status = (status + "  " if status else "") + _("covers {share:.0%}").format(
                share=v.coverage
            )
        name = kpi.name(lang, options, v.variant)
        rows.append((name, format_value(kpi, v.value, lang), target, status))
    width = max((display_width(r[0]) for r in rows), default=10) + 2
    return [
        f"  {pad(name, width)}{value:>12}  {target:<14}{status}".rstrip()
        for name, value, target, status in rows
    ]


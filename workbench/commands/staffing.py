"""``workbench staffing [--store PATH] --from D --to D [--queue Q] [--interval 15|30|60]
[--model erlang_a|erlang_c] [--json]`` (cli.md): required vs staffed agents per interval.

The method (patience estimate, staffed agents from agent states) is in
``planning/staffing.py`` and printed above the table.
"""

from __future__ import annotations

import argparse

from workbench.commands.common import add_json_argument, add_store_argument, open_store, parse_date
from workbench.domain import Filters
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.paths import default_store_path

NAME = "staffing"
HELP = "agents required (Erlang A or C) vs staffed, per interval"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument(
        "--from", dest="date_from", metavar="DATE", required=True, help="first day (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--to", dest="date_to", metavar="DATE", required=True, help="last day, inclusive"
    )
    parser.add_argument("--queue", metavar="Q", help="one queue (default: all queues pooled)")
    parser.add_argument(
        "--interval",
        type=int,
        choices=(15, 30, 60),
        default=15,
        help="interval length in minutes (15)",
    )
    parser.add_argument(
        "--model",
        choices=("erlang_a", "erlang_c"),
        default="erlang_a",
        help="queueing model (erlang_a: with abandonment)",
    )
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    from workbench.planning.staffing import backtest_mae, build_plan, forecast_plan

    start = parse_date(args.date_from, "--from")
    end = parse_date(args.date_to, "--to")
    if start > end:
        raise UsageError(
            _("--from {start} is after --to {end}").format(start=start, end=end),
            hint=_("swap the two dates"),
        )
    path = default_store_path(getattr(args, "store", None))
    with open_store(args, read_only=path.exists()) as store:
        plan = build_plan(
            store.con,
            Filters(start=start, end=end),
            args.interval,
            queue=args.queue,
            model=args.model,
        )
        if not len(plan.table) and _after_the_data(store.con, start):
            # days the store has no data for yet: staff the forecast
            plan = forecast_plan(
                store.con, start, end, args.interval, queue=args.queue, model=args.model
            )
    if args.json:
        from workbench.commands.common import print_json

        print_json(plan.to_json())
        return 0
    data = plan.to_json()
    mae, n = backtest_mae(plan)
    if plan.patience_s is not None:
        model = _("Erlang A, patience {p:.0f} s (total wait of all callers / abandons)").format(
            p=plan.patience_s
        )
    else:
        model = _("Erlang C")
    print(
        _("Model: {model}; T = {t:.0f} s; target SL {target:.0%}").format(
            model=model, t=plan.threshold_s, target=plan.target_sl
        )
    )
    if plan.forecast:
        print(
            _(
                "Offered and AHT are the forecast: the same interval on recent days of the same "
                "kind (weekday, holiday or make-up working day)"
            )
        )
    if mae is not None:
        print(
            _(
                "Backtest: predicted vs actual SL, mean absolute error {mae:.3f} over {n} intervals"
            ).format(mae=mae, n=n)
        )
    header = _("start             queue        offered   AHT  required  staffed  pred.SL  actual")
    print(header)
    for row in data["intervals"]:
        print(
            f"{row['start']:<17} {(row['queue'] or '*')[:10]:<10} {row['offered']:>9} "
            f"{_fmt(row['aht_s'], '{:.0f}'):>5} {row['required']:>9} "
            f"{_fmt(row['staffed'], '{:.1f}'):>8} {_fmt(row['predicted_sl'], '{:.1%}'):>8} "
            f"{_fmt(row['actual_sl'], '{:.1%}'):>7}"
        )
    return 0


def _after_the_data(con, start) -> bool:
    """True when ``start`` lies after every contact and interval summary in the store."""
    last = con.execute(
        "SELECT max(d) FROM (SELECT max(CAST(started_at AS DATE)) AS d FROM contacts "
        "UNION ALL SELECT max(CAST(period_start AS DATE)) FROM intervals)"
    ).fetchone()[0]
    return last is not None and start > last


def _fmt(value, pattern: str) -> str:
    return "—" if value is None else pattern.format(value)

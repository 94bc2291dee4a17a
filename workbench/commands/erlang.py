"""``workbench erlang --calls N --aht S --interval-min M --target-sl X --target-t T`` (cli.md).

The calculator: agents required for a target service level in one interval, and the predicted
SL, ASA, abandonment and occupancy with them. Erlang C without ``--patience``, Erlang A
(M/M/n+M) with it (``planning/erlang.py``).
"""

from __future__ import annotations

import argparse

from workbench.commands.common import add_json_argument
from workbench.errors import UsageError
from workbench.i18n import _

NAME = "erlang"
HELP = "agents required for a target service level (Erlang C, or Erlang A with --patience)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--calls", type=float, required=True, help="calls offered in the interval")
    parser.add_argument(
        "--aht", type=float, required=True, metavar="S", help="mean handling time (s)"
    )
    parser.add_argument(
        "--interval-min",
        type=float,
        default=15,
        metavar="M",
        help="interval length in minutes (15)",
    )
    parser.add_argument(
        "--target-sl",
        type=float,
        required=True,
        metavar="X",
        help="target service level, 0–1 (e.g. 0.8)",
    )
    parser.add_argument(
        "--target-t",
        type=float,
        required=True,
        metavar="T",
        help="service-level threshold T in seconds (e.g. 20)",
    )
    parser.add_argument(
        "--patience",
        type=float,
        metavar="S",
        help="mean patience in seconds: Erlang A (without: Erlang C)",
    )
    parser.add_argument(
        "--max-occupancy", type=float, default=1.0, metavar="X", help="occupancy cap, 0–1 (1.0)"
    )
    parser.add_argument(
        "--shrinkage",
        type=float,
        default=0.0,
        metavar="X",
        help="share of paid time off the phones, 0–1 (0)",
    )
    add_json_argument(parser)


def _check(args: argparse.Namespace) -> None:
    def bad(option: str, rule: str) -> UsageError:
        return UsageError(
            _("{option} must be {rule}").format(option=option, rule=rule),
            hint=_("see 'workbench erlang --help'"),
        )

    if args.calls < 0:
        raise bad("--calls", _("0 or more"))
    for option, value in (
        ("--aht", args.aht),
        ("--interval-min", args.interval_min),
        ("--target-t", args.target_t),
    ):
        if not value > 0:
            raise bad(option, _("positive"))
    if not 0 < args.target_sl < 1:
        raise bad("--target-sl", _("between 0 and 1 (e.g. 0.8)"))
    if args.patience is not None and not args.patience > 0:
        raise bad("--patience", _("positive"))
    if not 0 < args.max_occupancy <= 1:
        raise bad("--max-occupancy", _("between 0 and 1"))
    if not 0 <= args.shrinkage < 1:
        raise bad("--shrinkage", _("at least 0 and below 1"))


def run(args: argparse.Namespace) -> int:
    from workbench.planning.erlang import required_agents

    _check(args)
    required, result = required_agents(
        args.calls,
        args.aht,
        args.interval_min * 60,
        args.target_sl,
        args.target_t,
        args.patience,
        max_occupancy=args.max_occupancy,
        shrinkage=args.shrinkage,
    )
    data = {
        "required": int(required),
        "sl": round(float(result.sl), 6),
        "asa_s": round(float(result.asa_s), 3),
        "abandon": round(float(result.abandon), 6),
        "occupancy": round(float(result.occupancy), 6) if args.calls > 0 else 0.0,
        "model": "erlang_a" if args.patience else "erlang_c",
        "on_phones": int(result.agents),
    }
    if args.json:
        from workbench.commands.common import print_json

        print_json(data)
        return 0
    print(
        _("Required agents: {n} ({model}; {on} on the phones before shrinkage)").format(
            n=data["required"], model=data["model"].replace("_", " ").title(), on=data["on_phones"]
        )
    )
    print(
        _(
            "Service level: {sl:.1%}  ASA: {asa:.1f} s  abandon: {ab:.1%}  occupancy: {occ:.1%}"
        ).format(sl=data["sl"], asa=data["asa_s"], ab=data["abandon"], occ=data["occupancy"])
    )
    return 0

"""``workbench compliance --from D --to D [--json] [--set-rule KEY=VALUE …]``: outbound touches
checked against the centre's contact rules (合规化运营)."""

from __future__ import annotations

import argparse

from workbench.commands.common import (
    add_json_argument,
    add_store_argument,
    open_store,
    parse_date,
    print_json,
)
from workbench.errors import UsageError
from workbench.i18n import _

NAME = "compliance"
HELP = "check campaign touches against the contact rules (window, frequency, refusals, DNC)"

RULE_NAMES = {
    "calling_window": "calling window",
    "frequency_day": "touches per day",
    "frequency_7d": "touches per 7 days",
    "frequency_30d": "touches per 30 days",
    "after_refusal": "touch after a refusal or complaint",
    "dnc": "do-not-call list",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    add_json_argument(parser)
    parser.add_argument("--from", dest="start", metavar="D", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", metavar="D", help="last day (YYYY-MM-DD)")
    parser.add_argument(
        "--set-rule",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="save a new version of the contact rules, e.g. weekday_window=09:00-20:00, "
        "max_per_day=2, holidays=2026-10-01,2026-10-02",
    )
    parser.add_argument("--rules", action="store_true", help="print the contact rules in force")


def run(args: argparse.Namespace) -> int:
    from workbench.compliance.evaluate import summary
    from workbench.compliance.rules import current_rules, save_rules, with_setting

    if args.set_rule:
        with open_store(args) as store:
            _version, rules = current_rules(store.con)
            for item in args.set_rule:
                key, sep, value = item.partition("=")
                if not sep:
                    raise UsageError(
                        _("--set-rule: '{item}' is not KEY=VALUE").format(item=item),
                        hint=_("e.g. --set-rule max_per_day=2"),
                    )
                rules = with_setting(rules, key.strip(), value)
            with store.transaction() as con:
                version = save_rules(con, rules, note="workbench compliance --set-rule")
        _say(
            args,
            {"rules_version": version, "rules": rules.to_json()},
            _("saved contact rules version {v}").format(v=version),
        )
        if not (args.start or args.end):
            return 0
    if args.rules and not (args.start or args.end):
        with open_store(args, read_only=True) as store:
            version, rules = current_rules(store.con)
        _say(
            args,
            {"rules_version": version, "rules": rules.to_json()},
            "\n".join(f"{k}: {v}" for k, v in rules.to_json().items()),
        )
        return 0
    if not (args.start and args.end):
        raise UsageError(_("--from and --to are required"), hint=_("give both dates as YYYY-MM-DD"))
    start, end = parse_date(args.start, "--from"), parse_date(args.end, "--to")
    if end < start:
        raise UsageError(_("--to is before --from"), hint=_("swap the dates"))
    with open_store(args, read_only=True) as store:
        result = summary(store.con, start, end)
    data = result.to_json()
    lines = [
        f"{_(RULE_NAMES[r['rule']]):<36} {r['violations']:>8,} / {r['touches']:,}"
        for r in result.rules
    ]
    rate = result.violation_rate
    lines.append(
        _("violation rate: {rate} of {n} touches").format(
            rate="—" if rate is None else f"{rate:.2%}", n=f"{result.touches:,}"
        )
    )
    _say(args, data, "\n".join(lines))
    return 0


def _say(args: argparse.Namespace, data: dict, text: str) -> None:
    if args.json:
        print_json(data)
    else:
        print(text)

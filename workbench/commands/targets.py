"""``workbench targets [--store PATH] (show | set ID EXPR | load FILE | save FILE | history)``."""

from __future__ import annotations

import argparse

from workbench.commands.common import add_json_argument, add_store_argument, open_store, print_json
from workbench.compliance import rules_file
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.kpi import catalogue
from workbench.kpi.targets import (
    OPTION_NAMES,
    current_profile,
    format_target,
    load_options,
    parse_target,
    profile_history,
    read_profile_file,
    save_options,
    save_profile,
    set_option,
    write_profile_file,
)
from workbench.paths import default_store_path

NAME = "targets"
HELP = "show, set, load or save the target profile (every change is kept as a new version)"

_EXPR_HELP = (
    "Target expressions: '>=0.94' (at least), '<=15' (at most), '0.75-0.90' (a band), "
    "each optionally followed by '~0.02', the at-risk margin in the indicator's unit; "
    "'94%' means 0.94; 'none' removes the target. Ratios are fractions (0.94), durations "
    'seconds. Files are TOML ([targets] answer_rate = ">=0.94~0.02") or JSON '
    '({"targets": {"answer_rate": ">=0.94"}}); "load" replaces the whole profile with the file\'s.'
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = f"{HELP}. {_EXPR_HELP}"
    add_store_argument(parser)
    add_json_argument(parser)
    actions = parser.add_subparsers(dest="targets_action", required=True, metavar="ACTION")
    actions.add_parser("show", help="the targets in force and the profile version")
    set_ = actions.add_parser("set", help="change one target", description=_EXPR_HELP)
    set_.add_argument("kpi_id", metavar="ID", help="indicator id, e.g. answer_rate")
    set_.add_argument("expr", metavar="EXPR", help="e.g. '>=0.94', '<=15', '0.75-0.90~0.02'")
    set_.add_argument("--note", default="", help="why the target changed (kept in the history)")
    load = actions.add_parser("load", help="replace the profile with a TOML/JSON file")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--note", default="", help="kept in the history")
    save = actions.add_parser("save", help="write the profile in force to a .toml or .json file")
    save.add_argument("file", metavar="FILE")
    history = actions.add_parser("history", help="every saved version: who changed what, when")
    option = actions.add_parser(
        "option",
        help="show or set a formula option (sl_threshold_s, short_abandon_s, sl_denominator, "
        "fcr_window_h); every change is kept as a new version",
    )
    option.add_argument("name", nargs="?", metavar="NAME", choices=OPTION_NAMES)
    option.add_argument("value", nargs="?", metavar="VALUE")
    for sub in (actions.choices["show"], set_, load, save, history, option):
        sub.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="print JSON on stdout"
        )


def run(args: argparse.Namespace) -> int:
    action = args.targets_action
    path = default_store_path(getattr(args, "store", None))
    setting_option = action == "option" and args.value is not None
    read_only = action in ("show", "save", "history", "option") and not setting_option
    with open_store(args, read_only=read_only and path.exists()) as store:
        con = store.con
        if action == "option":
            return _option(args, con)
        if action == "set":
            known = catalogue.ids()
            if args.kpi_id not in known:
                raise UsageError(
                    _("unknown indicator '{kpi_id}'").format(kpi_id=args.kpi_id),
                    hint=_("choose one of {choices}").format(choices=", ".join(known)),
                )
            targets = dict(current_profile(con).targets)
            target = parse_target(args.kpi_id, args.expr)
            if target is None:
                targets.pop(args.kpi_id, None)
            else:
                targets[args.kpi_id] = target
            note = args.note or f"set {args.kpi_id} {format_target(target)}"
            version = save_profile(con, targets, note=note)
            _done(args, version, f"{args.kpi_id}: {format_target(target)} (version {version})")
            return 0
        if action == "load":
            targets = read_profile_file(args.file)
            rules = rules_file.read_rules(args.file)  # checked before anything is saved
            version = save_profile(con, targets, note=args.note or f"loaded {args.file}")
            rules_file.save_if_changed(con, rules, note=args.note or f"loaded {args.file}")
            _done(
                args,
                version,
                _("loaded {n} targets from {path} (version {version})").format(
                    n=len(targets), path=args.file, version=version
                ),
            )
            return 0
        profile = current_profile(con)
        if action == "save":
            written = write_profile_file(args.file, profile.targets)
            rules_file.add_to_file(con, written)  # the contact rules travel with the targets
            text = _("wrote version {version} to {path}").format(
                version=profile.version, path=written
            )
            _done(args, profile.version, text)
            return 0
        if action == "history":
            history = profile_history(con)
            if args.json:
                print_json({"history": history})
            else:
                print(_history_text(history))
            return 0
    # show
    if args.json:
        print_json(
            {
                "version": profile.version,
                "targets": {k: format_target(t) for k, t in profile.targets.items()},
            }
        )
        return 0
    lines = [
        _("target profile version {version} (built-in defaults)").format(version=0)
        if profile.version == 0
        else _("target profile version {version}").format(version=profile.version)
    ]
    for kpi in catalogue.KPIS:
        target = profile.targets.get(kpi.id)
        if target is None and kpi.direction == "none":
            continue
        lines.append(f"  {kpi.id:<25}{format_target(target):<18}{kpi.name_zh} / {kpi.name_en}")
    print("\n".join(lines))
    return 0


def _option(args: argparse.Namespace, con) -> int:
    """``targets option``: all options, one option, or set one (a new version)."""
    options = load_options(con)
    if args.value is not None:
        options = set_option(options, args.name, args.value)
        version = save_options(con, options)
        _done(
            args,
            version,
            _("{name} = {value} (options version {version})").format(
                name=args.name, value=getattr(options, args.name), version=version
            ),
        )
        return 0
    data = options.to_json()
    if args.name:
        data = {args.name: data[args.name]}
    if args.json:
        print_json(data)
    else:
        print("\n".join(f"{k} = {v}" for k, v in data.items()))
    return 0


def _done(args: argparse.Namespace, version: int, text: str) -> None:
    if args.json:
        print_json({"version": version})
    else:
        print(text)


def _history_text(history: list[dict]) -> str:
    if not history:
        return _("no saved versions: the built-in defaults (version 0) are in force")
    lines = []
    for entry in history:
        lines.append(
            _("version {version}").format(version=entry["version"])
            + f"  {entry['changed_at']:%Y-%m-%d %H:%M}  {entry['changed_by']}  {entry['note']}"
        )
        lines += [f"    {c['kpi_id']}: {c['old']} → {c['new']}" for c in entry["changes"]]
    return "\n".join(lines)

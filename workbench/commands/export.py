"""``workbench export [--store PATH] (--period YYYY-MM | --from DATE --to DATE) [--out FILE.xlsx]
[--show-personal-data] [--lang zh_CN|en] [--json]`` (cli.md): write the compliance workbook."""

from __future__ import annotations

import argparse
import calendar
import re
from datetime import date
from pathlib import Path

from workbench.commands.common import (
    add_json_argument,
    add_store_argument,
    open_store,
    parse_date,
    print_json,
)
from workbench.errors import UsageError
from workbench.i18n import _
from workbench.paths import default_store_path

NAME = "export"
HELP = "write the compliance workbook (xlsx) for a month or a date range"

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument("--period", metavar="YYYY-MM", help="a calendar month")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="last day, inclusive")
    parser.add_argument(
        "--out", metavar="FILE.xlsx", help="where to write (default: ./compliance-PERIOD.xlsx)"
    )
    parser.add_argument(
        "--show-personal-data",
        action="store_true",
        help="say on the cover that personal data is shown (it is masked otherwise); the "
        "workbook is then password-protected",
    )
    parser.add_argument(
        "--password-file",
        metavar="FILE",
        help="with --show-personal-data: the workbook's password (first line; else "
        "$WORKBENCH_EXPORT_PASSWORD, else asked)",
    )
    parser.add_argument(
        "--lang", choices=("zh_CN", "en"), default="zh_CN", help="language of the workbook"
    )
    add_json_argument(parser)


def period_of(args: argparse.Namespace) -> tuple[date, date, str]:
    """(first day, last day, a name for the default file) from --period or --from/--to."""
    if args.period and (args.date_from or args.date_to):
        raise UsageError(_("give either --period or --from/--to, not both"))
    if args.period:
        match = _PERIOD.match(args.period)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise UsageError(
                _("--period: '{period}' is not a month").format(period=args.period),
                hint=_("write it as YYYY-MM"),
            )
        year, month = int(match.group(1)), int(match.group(2))
        last = calendar.monthrange(year, month)[1]
        return date(year, month, 1), date(year, month, last), args.period
    if not (args.date_from and args.date_to):
        raise UsageError(
            _("which period? give --period YYYY-MM or both --from and --to"),
            hint=_("e.g. workbench export --period 2026-10"),
        )
    start = parse_date(args.date_from, "--from")
    end = parse_date(args.date_to, "--to")
    if start > end:
        raise UsageError(
            _("--from {start} is after --to {end}").format(start=start, end=end),
            hint=_("swap the two dates"),
        )
    return start, end, f"{start.isoformat()}_{end.isoformat()}"


def run(args: argparse.Namespace) -> int:
    from workbench.exporters.workbook import export

    start, end, name = period_of(args)
    out = Path(args.out) if args.out else Path.cwd() / f"compliance-{name}.xlsx"
    if out.suffix.lower() != ".xlsx":
        raise UsageError(
            _("--out: '{out}' does not end in .xlsx").format(out=out),
            hint=_("name the file FILE.xlsx"),
        )
    open_password = None
    if args.show_personal_data:  # personal data in clear: never an unprotected file
        from workbench.security.wrapping import read_secret

        open_password = read_secret(
            file=args.password_file,
            env="WORKBENCH_EXPORT_PASSWORD",
            option="--password-file",
            prompt=_("Password for the workbook: "),
            confirm=True,
        )
    # writable when the store exists, so that the export is entered in its audit log
    exists = default_store_path(getattr(args, "store", None)).exists()
    with open_store(args, read_only=not exists) as store:
        result = export(
            store,
            out,
            start=start,
            end=end,
            lang=args.lang,
            show_personal_data=args.show_personal_data,
            open_password=open_password,
        )
    if args.json:
        print_json(result.to_json())
    else:
        print(
            _("wrote {path} ({sheets} sheets, {kpis} indicators, {start} – {end})").format(
                path=result.path, sheets=len(result.sheets), kpis=result.kpis, start=start, end=end
            )
        )
        print(f"sha256 {result.sha256}")
        if result.signed_by:
            print(_("signed by key {fingerprint}").format(fingerprint=result.signed_by))
    return 0

"""``workbench import FILE... [--kind] [--profile] [--map F=H]... [--yes F=V,…]...
[--date-format FMT] [--save-profile] [--strict]``.

Runs the import job (``workbench.importing``) and prints, per file, the kind chosen and
why, the sheet used, the rows stored, skipped title/total/blank rows and every rejected row as
``sheet:row:column: reason`` — or the JSON of cli.md with ``--json``. Exit 0 when a file was
imported or was a duplicate, 3 when every file was rejected.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from workbench.commands.common import add_json_argument, add_store_argument, open_store, print_json
from workbench.domain import KIND_NAMES, FileImportResult, ImportResult
from workbench.errors import InputRejected, UsageError
from workbench.i18n import N_, _
from workbench.importing import import_files
from workbench.importing.options import ImportOptions
from workbench.importing.read_ahead import ReadAhead
from workbench.jobs import profiles

NAME = "import"
HELP = "import exports (xlsx, xls, ods, csv, txt) into the store"
SHOWN_REJECTS = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="files to import")
    parser.add_argument(
        "--undo",
        type=int,
        metavar="IMPORT_ID",
        help="remove exactly that import's rows (its id is in the --json output and the window)",
    )
    add_store_argument(parser)
    parser.add_argument("--kind", choices=KIND_NAMES, help="data kind (default: detected)")
    parser.add_argument("--profile", metavar="NAME", help="apply a saved header mapping")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="take FIELD from the column titled HEADER (repeatable)",
    )
    parser.add_argument(
        "--save-profile", metavar="NAME", help="save the mapping used under NAME after importing"
    )
    parser.add_argument(
        "--strict", action="store_true", help="reject a whole file when any row is rejected"
    )
    parser.add_argument(
        "--yes",
        action="append",
        default=[],
        metavar="FIELD=VALUE[,VALUE…]",
        help="values meaning yes for a yes/no field; every other non-blank value means no "
        "(repeatable), e.g. --yes answered=Atendida",
    )
    parser.add_argument(
        "--date-format",
        metavar="FMT",
        help="how the file writes dates: YYMMDD, YYYYMMDD, DD/MM/YYYY, MM/DD/YYYY, epoch, "
        "epoch_ms or a pattern such as DD.MM.YYYY HH:mm",
    )
    parser.add_argument("--sheet", metavar="NAME", help="read this sheet (default: detected)")
    parser.add_argument(
        "--csat-scale",
        choices=("5", "10", "labels"),
        help="the satisfaction scale (default: from the header, else guessed with a warning)",
    )
    parser.add_argument(
        "--accept-partial",
        action="store_true",
        help="keep a file of which fewer than half of the rows could be stored",
    )
    add_json_argument(parser)


def parse_map(items: list[str]) -> dict[str, str]:
    """``["wait_s=排队(秒)", …]`` → ``{"wait_s": "排队(秒)"}``."""
    mapping: dict[str, str] = {}
    for item in items:
        field, sep, header = item.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise UsageError(
                _("--map '{item}' is not FIELD=HEADER").format(item=item),
                hint=_("e.g. --map wait_s=排队时长"),
            )
        mapping[field.strip()] = header.strip()
    return mapping


def parse_options(yes: list[str], date_format: str | None) -> dict[str, str]:
    """``--yes answered=A,B`` and ``--date-format FMT`` as the mapping's reading options
    (``@yes:answered`` → ``A,B``, ``@date_format`` → FMT), which profiles save too."""
    from workbench.readers.headers import KIND_FIELDS

    bool_fields = {f.name for fields in KIND_FIELDS.values() for f in fields if f.type == "bool"}
    options: dict[str, str] = {}
    for item in yes:
        name, sep, values = item.partition("=")
        name = name.strip()
        if not sep or not name or not values.strip():
            raise UsageError(
                _("--yes '{item}' is not FIELD=VALUE[,VALUE…]").format(item=item),
                hint=_("e.g. --yes answered=Atendida,OK"),
            )
        if name not in bool_fields:
            raise UsageError(
                _("--yes: '{name}' is not a yes/no field").format(name=name),
                hint=_("one of: {fields}").format(fields=", ".join(sorted(bool_fields))),
            )
        options[f"@yes:{name}"] = ",".join(v.strip() for v in values.split(",") if v.strip())
    if date_format is not None:
        if not date_format.strip():
            raise UsageError(
                _("--date-format is empty"), hint=_("e.g. --date-format DD/MM/YYYY")
            )
        options["@date_format"] = date_format.strip()
    return options


def run(args: argparse.Namespace) -> int:
    if args.undo is not None:
        return run_undo(args)
    if not args.files:
        raise UsageError(
            _("name at least one FILE to import"), hint=_("or --undo IMPORT_ID to remove one")
        )
    args.map_fields = set(parse_map(args.map))
    mapping = {
        **parse_map(args.map),
        **parse_options(getattr(args, "yes", []), getattr(args, "date_format", None)),
    }
    # kept in the profile as the user gave them: a format may have renamed the columns
    given = {k: v for k, v in mapping.items() if k.startswith("@") or k in args.map_fields}
    options = ImportOptions(csat_scale=args.csat_scale, accept_partial=args.accept_partial)
    # the first file is read while the store opens (a saved profile's mapping is in the store)
    ahead = ReadAhead()
    if not args.profile:
        ahead.start(args.files[0], sheet=args.sheet, mapping=mapping or None, kind=args.kind)
    # the import brings the rollup up to date itself (``refresh_derived``)
    with ahead, open_store(args, refresh_derived=False) as store:
        result = import_files(
            store,
            args.files,
            kind=args.kind,
            mapping=mapping or None,
            profile=args.profile,
            save_profile=args.save_profile,
            strict=args.strict,
            sheet=args.sheet,
            options=options,
            read_ahead=ahead,
        )
        if args.save_profile and given and any(f.status == "imported" for f in result.files):
            profiles.add_given(store, args.save_profile, given)
        if not (mapping or args.profile or args.kind):
            result = apply_saved_profiles(
                store, result, strict=args.strict, sheet=args.sheet, options=options
            )
    if args.json:
        print_json(result.to_json())
    else:
        for file in result.files:
            print(summary(file))
    for file in result.files:
        if file.status == "rejected" and file.error:
            print(f"workbench: {file.error}", file=sys.stderr)
    return exit_code(result)


def apply_saved_profiles(store, result: ImportResult, **options) -> ImportResult:
    """Files rejected for unrecognised headers are imported again with the saved mapping
    profile that fits them, as the window does (a scheduled import needs no --profile)."""
    from workbench.profile_match import profile_for

    files = list(result.files)
    for index, file in enumerate(files):
        if file.status != "rejected":
            continue
        name = profile_for(store.con, file.path)
        if name is None:
            continue
        again = import_files(store, [file.path], profile=name, **options).files[0]
        note = _("mapping profile '{name}' applied (it fits this file's headers)").format(
            name=name
        )
        reason = f"{again.kind_reason}; {note}" if again.kind_reason else note
        files[index] = dataclasses.replace(again, kind_reason=reason)
    return ImportResult(files=tuple(files))


def run_undo(args: argparse.Namespace) -> int:
    """``workbench import --undo IMPORT_ID``: remove one import in one transaction."""
    from workbench.importing.undo import undo_import

    if args.files:
        raise UsageError(
            _("--undo takes no files"), hint=_("run the undo and the import as two commands")
        )
    with open_store(args) as store:
        undone = undo_import(store, args.undo)
    if args.json:
        print_json({"undone": undone.to_json()})
    else:
        print(
            _("import {id} ({file}) removed: {rows} rows, {rejects} rejects").format(
                id=undone.import_id,
                file=undone.file_name,
                rows=f"{undone.rows:,}",
                rejects=f"{undone.removed.get('rejects', 0):,}",
            )
        )
    return 0


def exit_code(result: ImportResult) -> int:
    """0 when anything was imported or was a duplicate, 3 when every file was rejected."""
    if result.files and all(f.status == "rejected" for f in result.files):
        return InputRejected.exit_code
    return 0


_STATUS = {
    "imported": N_("imported"),
    "duplicate": N_("duplicate"),
    "rejected": N_("rejected"),
}
_SKIPPED = {
    "title_rows": N_("title rows"),
    "total_rows": N_("total rows"),
    "blank_rows": N_("blank rows"),
    "already_present": N_("rows already stored"),
    "identical_rows_kept": N_("identical rows (kept)"),
}


def summary(file: FileImportResult) -> str:
    """A few human lines about one file, in the user's language."""
    lines = [f"{file.path}: {_(_STATUS[file.status])}"]
    if file.status == "duplicate":
        lines[0] += " — " + _("{reason}; nothing changed").format(reason=file.kind_reason)
        return "\n".join(lines)
    if file.kind_reason:
        lines.append("  " + _("kind: {reason}").format(reason=file.kind_reason))
    elif file.kind:
        lines.append("  " + _("kind: {reason}").format(reason=file.kind))
    if file.sheet:
        lines.append("  " + _("sheet: {sheet}").format(sheet=file.sheet))
    if file.status == "imported":
        lines.append(
            "  "
            + _("rows stored: {rows:,}   rejected: {rejected:,}").format(
                rows=file.rows, rejected=file.rejected
            )
        )
        skipped = ", ".join(f"{_(_SKIPPED.get(k, k))} {v:,}" for k, v in file.skipped.items() if v)
        if skipped:
            lines.append("  " + _("skipped: {what}").format(what=skipped))
    for warning in file.warnings:
        lines.append("  " + _("note: {text}").format(text=warning))
    if file.ignored_columns:
        lines.append(
            "  "
            + _("ignored columns: {columns}").format(
                columns=", ".join(repr(c) for c in file.ignored_columns)
            )
        )
    if file.reasons:
        lines.append("  " + _("rejected rows, by reason:"))
        for group in file.reasons:
            where = f"'{group.column}': " if group.column else ""
            rows = ", ".join(str(r) for r in group.first_rows)
            lines.append(
                "    "
                + _("{count:,} × {where}{reason} (first rows {rows})").format(
                    count=group.rows, where=where, reason=group.reason, rows=rows
                )
            )
    # a rejected file's error goes to stderr as one line (cli.md), not here as well
    for reject in file.rejects[:SHOWN_REJECTS] if file.status == "imported" else ():
        place = reject.sheet or Path(file.path).name  # text files have no sheet
        where = ":".join(str(p) for p in (place, reject.row, reject.column) if p)
        lines.append(
            "  " + _("rejected {where}: {reason}").format(where=where, reason=reject.reason)
        )
    more = file.rejected - min(len(file.rejects), SHOWN_REJECTS)
    if more > 0 and file.status == "imported":
        lines.append(
            "  "
            + _("… and {count:,} more rejected rows (kept in the store's rejects list)").format(
                count=more
            )
        )
    return "\n".join(lines)

"""``workbench import FILE... [--kind] [--profile] [--map F=H]... [--save-profile] [--strict]``.

Runs the import job (``workbench.jobs.importing``) and prints, per file, the kind chosen and
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
from workbench.i18n import _
from workbench.jobs.importing import import_files

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
    parser.add_argument("--sheet", metavar="NAME", help="read this sheet (default: detected)")
    add_json_argument(parser)


def parse_map(items: list[str]) -> dict[str, str]:
    """``["wait_s=排队(秒)", …]`` → ``{"wait_s": "排队(秒)"}``."""
    mapping: dict[str, str] = {}
    for item in items:
        field, sep, header = item.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise UsageError(
                f"--map '{item}' is not FIELD=HEADER", hint="e.g. --map wait_s=排队时长"
            )
        mapping[field.strip()] = header.strip()
    return mapping


def run(args: argparse.Namespace) -> int:
    if args.undo is not None:
        return run_undo(args)
    if not args.files:
        raise UsageError(
            _("name at least one FILE to import"), hint=_("or --undo IMPORT_ID to remove one")
        )
    mapping = parse_map(args.map)
    with open_store(args) as store:
        result = import_files(
            store,
            args.files,
            kind=args.kind,
            mapping=mapping or None,
            profile=args.profile,
            save_profile=args.save_profile,
            strict=args.strict,
            sheet=args.sheet,
        )
        if not (mapping or args.profile or args.kind):
            result = apply_saved_profiles(store, result, strict=args.strict, sheet=args.sheet)
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
    from workbench.store.imports import undo_import

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


def summary(file: FileImportResult) -> str:
    """A few human lines about one file."""
    lines = [f"{file.path}: {file.status}"]
    if file.status == "duplicate":
        lines[0] += f" — {file.kind_reason}; nothing changed"
        return "\n".join(lines)
    if file.kind_reason:
        lines.append(f"  kind: {file.kind_reason}")
    elif file.kind:
        lines.append(f"  kind: {file.kind}")
    if file.sheet:
        lines.append(f"  sheet: {file.sheet}")
    if file.status == "imported":
        lines.append(f"  rows stored: {file.rows:,}   rejected: {file.rejected:,}")
        skipped = ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in file.skipped.items() if v)
        if skipped:
            lines.append(f"  skipped: {skipped}")
    # a rejected file's error goes to stderr as one line (cli.md), not here as well
    for reject in file.rejects[:SHOWN_REJECTS]:
        place = reject.sheet or Path(file.path).name  # text files have no sheet
        where = ":".join(str(p) for p in (place, reject.row, reject.column) if p)
        lines.append(f"  rejected {where}: {reject.reason}")
    more = file.rejected - min(len(file.rejects), SHOWN_REJECTS)
    if more > 0:
        lines.append(f"  … and {more:,} more rejected rows (kept in the store's rejects list)")
    return "\n".join(lines)

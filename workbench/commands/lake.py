"""``workbench lake export --lake DIR [--store PATH] [--from DATE] [--to DATE]``: the store's
months as Hive-partitioned Parquet for headquarters (``workbench.lake``); ``lake centres``
lists the centres of a lake with their manifests."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands.common import (
    add_json_argument,
    add_store_argument,
    open_store,
    parse_date,
    print_json,
)
from workbench.i18n import _
from workbench.paths import default_store_path

NAME = "lake"
HELP = "export the store to a headquarters lake (Parquet), list a lake's centres"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    add_json_argument(parser)
    actions = parser.add_subparsers(dest="lake_action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write the store's months into a lake folder")
    export.add_argument("--lake", required=True, metavar="DIR", help="the lake folder")
    export.add_argument("--from", dest="date_from", metavar="DATE", help="first day (whole month)")
    export.add_argument("--to", dest="date_to", metavar="DATE", help="last day (whole month)")
    centres = actions.add_parser("centres", help="the centres of a lake and their files")
    centres.add_argument("--lake", required=True, metavar="DIR", help="the lake folder")


def run(args: argparse.Namespace) -> int:
    from workbench.lake.export import export_store, read_manifests

    if args.lake_action == "centres":
        manifests = read_manifests(args.lake)
        data = [
            {
                "centre": m.get("centre", {}),
                "files": len(m.get("files", {})),
                "rows": sum(f["rows"] for f in m.get("files", {}).values()),
                "exported_at": m.get("exported_at"),
            }
            for m in manifests
        ]
        if args.json:
            print_json({"centres": data})
        else:
            for d in data:
                print(
                    _("{code} {name}: {files} files, {rows:,} rows, exported {at}").format(
                        code=d["centre"].get("code"),
                        name=d["centre"].get("name", ""),
                        files=d["files"],
                        rows=d["rows"],
                        at=d["exported_at"],
                    )
                )
        return 0
    start = parse_date(args.date_from, "--from") if args.date_from else None
    end = parse_date(args.date_to, "--to") if args.date_to else None
    path = default_store_path(getattr(args, "store", None))
    with open_store(args, read_only=path.exists()) as store:
        manifest = export_store(store, Path(args.lake), start, end)
    rows = sum(f["rows"] for f in manifest["files"].values())
    if args.json:
        print_json(manifest)
    else:
        print(
            _("centre {code}: {files} files, {rows:,} rows in {lake}").format(
                code=manifest["centre"]["code"],
                files=len(manifest["files"]),
                rows=rows,
                lake=args.lake,
            )
        )
    return 0

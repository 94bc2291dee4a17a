"""``workbench verify FILE.xlsx [--store PATH] [--json]`` (cli.md): exit 5 when the workbook
does not match its manifest or, with ``--store``, the data in the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.commands.common import add_json_argument, add_store_argument, print_json
from workbench.errors import VerificationFailed
from workbench.paths import default_store_path

NAME = "verify"
HELP = "check a compliance workbook against its manifest (and the store with --store)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.xlsx", help="the workbook to check")
    add_store_argument(parser)
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    from workbench.exporters.verify import verify_workbook
    from workbench.store import Store

    path = Path(args.file)
    store_arg = getattr(args, "store", None)
    if store_arg:
        # the audit chain is checked below with the rest, so a break is a finding (exit 5)
        path_ = default_store_path(store_arg)
        with Store.open(path_, read_only=True, check_audit=False) as store:
            result = verify_workbook(path, store)
    else:
        result = verify_workbook(path)
    if args.json:
        print_json(result.to_json())
    elif result.ok:
        checked = " and the store" if result.store_checked else ""
        print(f"ok: {path} matches its manifest{checked} ({len(result.sheets)} sheets checked)")
    else:
        for problem in result.problems:
            print(f"{path}:{problem}", file=sys.stderr)
    return 0 if result.ok else VerificationFailed.exit_code

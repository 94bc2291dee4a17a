"""``workbench store (info | backup | restore [BACKUP])``."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands.common import add_json_argument, add_store_argument, print_json
from workbench.paths import default_store_path
from workbench.store import Store, list_backups, restore_backup

NAME = "store"
HELP = "show, back up or restore the store"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    add_json_argument(parser)
    actions = parser.add_subparsers(dest="store_action", required=True, metavar="ACTION")
    actions.add_parser("info", help="path, schema version, size and row counts")
    actions.add_parser("backup", help="copy the store into the backups folder beside it")
    restore = actions.add_parser("restore", help="replace the store with a backup (newest default)")
    restore.add_argument("backup", nargs="?", help="backup file to restore")
    actions.add_parser("backups", help="list the backups, newest first")


def run(args: argparse.Namespace) -> int:
    path = default_store_path(getattr(args, "store", None))
    if args.store_action == "restore":
        used = restore_backup(path, Path(args.backup) if args.backup else None)
        with Store.open(path) as store:
            info = store.info()
        _out(args, {"restored_from": str(used), **info}, f"restored {path} from {used}")
        return 0
    if args.store_action == "backups":
        backups = [str(p) for p in list_backups(path)]
        _out(args, {"backups": backups}, "\n".join(backups) or "no backups")
        return 0
    with Store.open(path, read_only=args.store_action == "info" and path.exists()) as store:
        if args.store_action == "backup":
            target = store.backup(reason="manual")
            _out(args, {"backup": str(target)}, f"backed up to {target}")
            return 0
        info = store.info()
    lines = [
        f"store:          {info['path']}",
        f"schema version: {info['schema_version']}",
        f"size:           {info['size_bytes'] / 1e6:.1f} MB",
        f"last import:    {info['last_import_at'] or '—'}",
    ]
    lines += [f"{table + ':':15} {count:,}" for table, count in info["rows"].items()]
    if info.get("personal_data_key") == "missing":  # security/storekeys.py
        from workbench.i18n import _

        lines.append(
            _(
                "personal-data key missing: everything shows, but customers cannot be linked "
                "(repeat contacts) — bring it with 'workbench keys import FILE'"
            )
        )
    _out(args, info, "\n".join(lines))
    return 0


def _out(args: argparse.Namespace, data: dict, text: str) -> None:
    if args.json:
        print_json(data)
    else:
        print(text)

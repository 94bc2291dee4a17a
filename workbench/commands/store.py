"""``workbench store (info | backup | restore [BACKUP] | backups | log | centre [CODE [NAME]])``."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands.common import add_json_argument, add_store_argument, pad, print_json
from workbench.i18n import _
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
    actions.add_parser("log", help="the audit log: who imported, changed, backed up, exported")
    centre = actions.add_parser("centre", help="show or set this store's centre code and name")
    centre.add_argument("code", nargs="?", help="centre code, e.g. C01 (letters, digits, - _)")
    centre.add_argument("name", nargs="?", default="", help="centre name, e.g. 上海远程银行中心")


def run(args: argparse.Namespace) -> int:
    path = default_store_path(getattr(args, "store", None))
    if args.store_action == "restore":
        used = restore_backup(path, Path(args.backup) if args.backup else None)
        with Store.open(path) as store:
            info = store.info()
        text = _("restored {path} from {backup}").format(path=path, backup=used)
        _out(args, {"restored_from": str(used), **info}, text)
        return 0
    if args.store_action == "backups":
        backups = [str(p) for p in list_backups(path)]
        _out(args, {"backups": backups}, "\n".join(backups) or _("no backups"))
        return 0
    if args.store_action == "log":
        return _log(args, path)
    if args.store_action == "centre":
        return _centre(args, path)
    with Store.open(path, read_only=args.store_action == "info" and path.exists()) as store:
        if args.store_action == "backup":
            target = store.backup(reason="manual")
            _out(args, {"backup": str(target)}, _("backed up to {path}").format(path=target))
            return 0
        info = store.info()
    labelled = [
        (_("store:"), info["path"]),
        (_("schema version:"), info["schema_version"]),
        (_("size:"), f"{info['size_bytes'] / 1e6:.1f} MB"),
        (_("last import:"), info["last_import_at"] or "—"),
        (_("centre:"), f"{info['centre']['code']} {info['centre']['name']}"),
    ]
    lines = [f"{pad(label, 15)} {value}".rstrip() for label, value in labelled]
    lines += [f"{table + ':':15} {count:,}" for table, count in info["rows"].items()]
    if info.get("personal_data_key") == "missing":  # security/storekeys.py
        lines.append(
            _(
                "personal-data key missing: everything shows, but customers cannot be linked "
                "(repeat contacts) — bring it with 'workbench keys import FILE'"
            )
        )
    _out(args, info, "\n".join(lines))
    return 0


def _centre(args: argparse.Namespace, path: Path) -> int:
    """``store centre``: print the centre, or set it when a code is given."""

    with Store.open(path, read_only=args.code is None and path.exists()) as store:
        if args.code is not None:
            store.set_centre(args.code, args.name or "")
        centre = store.centre()
    text = _("centre {code} {name}").format(code=centre["code"], name=centre["name"]).rstrip()
    _out(args, {"centre": centre}, text)
    return 0


def _out(args: argparse.Namespace, data: dict, text: str) -> None:
    if args.json:
        print_json(data)
    else:
        print(text)


def _log(args: argparse.Namespace, path: Path) -> int:
    """Print the audit log; a broken chain is refused at open (exit 4, naming the entry)."""
    from workbench.store import audit

    with Store.open(path, read_only=path.exists()) as store:
        entries = audit.entries(store.con)
    if args.json:
        print_json({"entries": [e.to_json() for e in entries], "chain": "ok"})
        return 0
    for e in entries:
        who, details = f"{e.os_user}@{e.machine}", audit.canonical(e.details)
        print(f"{e.seq:>5}  {e.at:%Y-%m-%d %H:%M:%S}  {who}  {e.event}  {details}")
    print(_("{n} entries, chain intact").format(n=len(entries)))
    return 0

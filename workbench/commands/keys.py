"""``workbench keys [--store PATH] (show | export-public FILE | rotate | export FILE |
import FILE)``: the store's keys, kept in the key home (``workbench/security/keys.py``).

- ``show``: where the keys are kept, the store's id, which keys are present, the signing key's
  fingerprint. Never prints a secret.
- ``export-public FILE``: the public key of the workbook signatures (PEM), for auditors.
- ``rotate``: a new signing key pair (workbooks signed before verify with the old public key).
- ``export FILE`` / ``import FILE``: every key of the store, wrapped with a passphrase
  (``--passphrase-file``, else ``$WORKBENCH_PASSPHRASE``, else asked), to open the store on
  another machine or profile.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands.common import add_json_argument, add_store_argument, print_json
from workbench.errors import StoreUnavailable, UsageError
from workbench.i18n import _
from workbench.paths import default_store_path

NAME = "keys"
HELP = "show, export, import or rotate the store's keys (encryption, personal data, signing)"
PASSPHRASE_ENV = "WORKBENCH_PASSPHRASE"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument(
        "action", choices=("show", "export-public", "rotate", "export", "import")
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="for export-public/export/import")
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=f"export/import: the passphrase (first line; else ${PASSPHRASE_ENV}, else asked)",
    )
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    from workbench.security.keys import KeyHome

    home = KeyHome.default()
    path = default_store_path(getattr(args, "store", None))
    if args.action in ("export-public", "export", "import") and not args.file:
        raise UsageError(
            _("'{action}' needs a FILE").format(action=args.action),
            hint=_("e.g. workbench keys {action} FILE").format(action=args.action),
        )
    if args.action == "import":
        return _import(args, home, path)
    store_id = _store_id(path)
    if args.action == "show":
        return _show(args, home, path, store_id)
    if args.action == "export-public":
        return _export_public(args, store_id)
    if args.action == "rotate":
        from workbench.security.signing import fingerprint, rotate

        key = rotate(store_id, home)
        print(_("new signing key {fingerprint}").format(fingerprint=fingerprint(key.public_key())))
        return 0
    return _export(args, home, store_id)


def _store_id(path: Path) -> str:
    from workbench.store import Store

    with Store.open(path, read_only=not _writable(path)) as store:
        if store.store_id is None:
            raise StoreUnavailable(
                _("this store has no id yet"),
                file=path,
                hint=_("open it once for writing (e.g. workbench store info)"),
            )
        return store.store_id


def _writable(path: Path) -> bool:
    return not path.exists()


def _show(args: argparse.Namespace, home, path: Path, store_id: str) -> int:
    from workbench.security.signing import fingerprint, signing_key

    signer = signing_key(store_id, home, create=False)
    info = {
        "store": str(path),
        "store_id": store_id,
        "key_home": home.kind,
        "database_key": home.get(store_id, "database") is not None,
        "personal_data_key": home.get(store_id, "personal") is not None,
        "signing_key": fingerprint(signer.public_key()) if signer else None,
    }
    if args.json:
        print_json(info)
        return 0
    yes, no = _("present"), _("missing")
    print(_("store: {path} (id {id})").format(path=path, id=store_id))
    print(_("keys kept in: {where}").format(where=home.kind))
    print(_("database key: {state}").format(state=yes if info["database_key"] else no))
    print(_("personal-data key: {state}").format(state=yes if info["personal_data_key"] else no))
    print(
        _("signing key: {fingerprint}").format(
            fingerprint=info["signing_key"] or _("none yet (made on the first export)")
        )
    )
    return 0


def _export_public(args: argparse.Namespace, store_id: str) -> int:
    from workbench.exporters.safe_write import atomic_write
    from workbench.security.signing import fingerprint, public_pem, signing_key

    key = signing_key(store_id)
    assert key is not None
    with atomic_write(Path(args.file)) as tmp:
        Path(tmp).write_bytes(public_pem(key.public_key()))
    print(
        _("wrote {path} (key {fingerprint})").format(
            path=args.file, fingerprint=fingerprint(key.public_key())
        )
    )
    return 0


def _export(args: argparse.Namespace, home, store_id: str) -> int:
    from workbench.exporters.safe_write import atomic_write
    from workbench.security.wrapping import read_secret, wrap

    passphrase = read_secret(
        file=args.passphrase_file,
        env=PASSPHRASE_ENV,
        prompt=_("Passphrase to protect the keys: "),
        confirm=True,
    )
    data = wrap(store_id, home.secrets_of(store_id), passphrase)
    with atomic_write(Path(args.file)) as tmp:
        Path(tmp).write_bytes(data)
    print(_("wrote the keys of store {id} to {path}").format(id=store_id, path=args.file))
    return 0


def _import(args: argparse.Namespace, home, path: Path) -> int:
    from workbench.security.wrapping import read_secret, unwrap

    source = Path(args.file)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise UsageError(
            _("cannot read {path}").format(path=source), hint=_("check the path")
        ) from exc
    passphrase = read_secret(
        file=args.passphrase_file, env=PASSPHRASE_ENV, prompt=_("Passphrase of the key file: ")
    )
    store_id, secrets = unwrap(data, passphrase, file=source)
    for name, value in secrets.items():
        home.set(store_id, name, value)
    if path.exists():
        home.remember_path(store_id, path)
    print(
        _("imported the keys of store {id} ({names})").format(
            id=store_id, names=", ".join(sorted(secrets))
        )
    )
    return 0

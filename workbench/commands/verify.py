"""``workbench verify FILE.xlsx [--store PATH] [--json]`` (cli.md): exit 5 when the workbook
does not match its manifest or, with ``--store``, the data in the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.commands.common import add_json_argument, add_store_argument, print_json
from workbench.errors import VerificationFailed
from workbench.i18n import _
from workbench.paths import default_store_path

NAME = "verify"
HELP = "check a compliance workbook against its manifest (and the store with --store)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.xlsx", help="the workbook to check")
    add_store_argument(parser)
    parser.add_argument(
        "--public-key",
        metavar="FILE.pub",
        help="prove the workbook's origin: the public key of the centre that signed it",
    )
    parser.add_argument(
        "--password-file",
        metavar="FILE",
        help="password of a protected workbook (first line; else $WORKBENCH_EXPORT_PASSWORD)",
    )
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    from workbench.exporters.verify import verify_workbook
    from workbench.security.signing import load_public
    from workbench.security.wrapping import is_encrypted_workbook, read_secret
    from workbench.store import Store

    path = Path(args.file)
    public = load_public(Path(args.public_key)) if args.public_key else None
    password = None
    if is_encrypted_workbook(path):
        password = read_secret(
            file=args.password_file, env="WORKBENCH_EXPORT_PASSWORD",
            option="--password-file", prompt=_("Password: ")
        )
    store_arg = getattr(args, "store", None)
    if store_arg:
        # the audit chain is checked below with the rest, so a break is a finding (exit 5)
        path_ = default_store_path(store_arg)
        with Store.open(path_, read_only=True, check_audit=False) as store:
            result = verify_workbook(path, store, public_key=public, password=password)
    else:
        result = verify_workbook(path, public_key=public, password=password)
    if args.json:
        print_json(result.to_json())
    elif result.ok:
        text = (
            _("ok: {path} matches its manifest and the store ({n} sheets checked)")
            if result.store_checked
            else _("ok: {path} matches its manifest ({n} sheets checked)")
        )
        print(text.format(path=path, n=len(result.sheets)))
        print(_signature_line(result))
    else:
        for problem in result.problems:
            print(f"{path}:{problem}", file=sys.stderr)
    return 0 if result.ok else VerificationFailed.exit_code


def _signature_line(result) -> str:
    if result.signature == "verified":
        return _("signature: verified, signed by {fingerprint}").format(
            fingerprint=result.signed_by
        )
    if result.signature == "signed":
        return _(
            "signature: intact, signed by {fingerprint} (give --public-key to prove the origin)"
        ).format(fingerprint=result.signed_by)
    return _("signature: unsigned (a workbook of the first version)")

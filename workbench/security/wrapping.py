"""Secrets that leave the key home: key files wrapped with a passphrase, password-protected
workbooks.

``wrap``/``unwrap``: a store's secrets as JSON, encrypted with AES-256-GCM under a key derived
from the passphrase by scrypt (n=2^15, r=8, p=1; a 16-byte salt); the store id is the
authenticated associated data. ``save_encrypted``: an openpyxl workbook saved as an Office
"agile" encrypted file (``msoffcrypto-tool``: AES-256, SHA-512, 100,000 spins) that Excel and
WPS open after asking for the password; the clear workbook never touches the disk.
"""

from __future__ import annotations

import base64
import io
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from workbench.errors import InputRejected, UsageError
from workbench.i18n import _

FORMAT = "workbench-keys-v1"


def _derive(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def wrap(store_id: str, secrets: dict[str, str], passphrase: str) -> bytes:
    """The export file's bytes for ``secrets`` of ``store_id``."""
    if len(passphrase) < 8:
        raise UsageError(
            _("the passphrase is too short"), hint=_("use at least 8 characters")
        )
    salt, nonce = os.urandom(16), os.urandom(12)
    plain = json.dumps({"store_id": store_id, "secrets": secrets}).encode("utf-8")
    sealed = AESGCM(_derive(passphrase, salt)).encrypt(nonce, plain, store_id.encode())
    doc = {
        "format": FORMAT,
        "store_id": store_id,
        "kdf": "scrypt-n32768-r8-p1",
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "sealed": base64.b64encode(sealed).decode(),
    }
    return json.dumps(doc, indent=1).encode("utf-8")


def unwrap(data: bytes, passphrase: str, *, file: Path | None = None) -> tuple[str, dict[str, str]]:
    """(store id, secrets) from an export file; ``InputRejected`` on a wrong passphrase."""
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError(doc.get("format"))
        salt, nonce, sealed = (base64.b64decode(doc[k]) for k in ("salt", "nonce", "sealed"))
        store_id = str(doc["store_id"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise InputRejected(
            _("not a Workbench key file"),
            file=file,
            hint=_("give the file written by 'workbench keys export'"),
        ) from exc
    try:
        plain = AESGCM(_derive(passphrase, salt)).decrypt(nonce, sealed, store_id.encode())
    except InvalidTag as exc:
        raise InputRejected(
            _("wrong passphrase, or the key file was changed"),
            file=file,
            hint=_("type the passphrase used with 'workbench keys export'"),
        ) from exc
    inner = json.loads(plain)
    return inner["store_id"], dict(inner["secrets"])


def save_encrypted(wb, path: Path, password: str) -> None:
    """Save the openpyxl workbook ``wb`` to ``path`` protected by ``password``."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO()
    wb.save(plain)
    plain.seek(0)
    with open(path, "wb") as out:
        OOXMLFile(plain).encrypt(password, out)


def is_encrypted_workbook(path: Path) -> bool:
    """True for an Office encrypted file (an OLE container, not a zip)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(8) == bytes.fromhex("d0cf11e0a1b11ae1")
    except OSError:
        return False


def open_encrypted(path: Path, password: str) -> io.BytesIO:
    """The clear xlsx bytes of a password-protected workbook (in memory)."""
    import msoffcrypto
    from msoffcrypto.exceptions import InvalidKeyError

    out = io.BytesIO()
    with open(path, "rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        try:
            office.load_key(password=password, verify_password=True)
            office.decrypt(out)
        except (InvalidKeyError, Exception) as exc:
            raise InputRejected(
                _("wrong password for this workbook"),
                file=path,
                hint=_("give the password used at export with --password-file"),
            ) from exc
    out.seek(0)
    return out


def read_secret(
    *,
    file: str | None,
    env: str,
    prompt: str,
    confirm: bool = False,
    option: str = "--passphrase-file",
) -> str:
    """A passphrase or password: from ``file`` (first line), else ``$env``, else a prompt."""
    if file:
        try:
            text = Path(file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise UsageError(
                _("cannot read {path}").format(path=file), hint=_("check the path")
            ) from exc
        if not text or not text[0]:
            raise UsageError(_("{path} is empty").format(path=file), hint=_("check the path"))
        return text[0]
    value = os.environ.get(env)
    if value:
        return value
    import getpass
    import sys

    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(
            _("no passphrase given"),
            hint=_("use {option} or set {env}").format(option=option, env=env),
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("again: ")) != first:
        raise UsageError(_("the two entries differ"), hint=_("try again"))
    return first

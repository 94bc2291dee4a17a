"""Signed workbooks: an Ed25519 key pair per store, the manifest's own digest signed.

The manifest's own digest (``[end]`` row of the Manifest sheet) covers every sheet's digest,
the store digests and the export's metadata, so signing it signs the whole workbook. The
signature goes in a ``[signature]`` row below ``[end]``: the key's fingerprint, the signature
and the public key (base64). ``check`` recomputes the digest from the manifest as read: a cell
edited and every digest recomputed gives a new digest, which the signature does not cover.

The private key is made when the store is first opened for writing (else on its first
export) and kept in the key home (``keys.py``)
under the store's id; ``workbench keys export-public FILE`` writes the public key (PEM) an
auditor keeps to prove origin with ``workbench verify FILE --public-key FILE.pub``.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from workbench.errors import UsageError
from workbench.i18n import _
from workbench.security.keys import KeyHome

SIGNATURE_ROW = "[signature]"
CONTEXT = b"workbench manifest v1\n"
COVER_LABEL = {"zh_CN": "签名公钥指纹", "en": "Signing key fingerprint"}


def fingerprint(public: Ed25519PublicKey) -> str:
    """``SHA256:xxxx:xxxx:…`` (the first 128 bits of the raw key's SHA-256, in groups of 4)."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()[:32]
    return "SHA256:" + ":".join(digest[i : i + 4] for i in range(0, 32, 4))


def signing_key(
    store_id: str, home: KeyHome | None = None, *, create: bool = True
) -> Ed25519PrivateKey | None:
    """The store's private signing key (made and kept on first use when ``create``)."""
    home = home or KeyHome.default()
    kept = home.get(store_id, "signing")
    if kept:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(kept))
    if not create:
        return None
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    home.set(store_id, "signing", raw.hex())
    return private


def rotate(store_id: str, home: KeyHome | None = None) -> Ed25519PrivateKey:
    """Replace the store's signing key with a new one (workbooks signed before keep verifying
    against the old public key, which the auditor keeps)."""
    home = home or KeyHome.default()
    home.delete(store_id, "signing")
    key = signing_key(store_id, home)
    assert key is not None
    return key


def public_pem(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public(path: Path) -> Ed25519PublicKey:
    """Read a public key file written by ``workbench keys export-public``."""
    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise UsageError(
            _("cannot read the public key {path}").format(path=path),
            hint=_("give the .pub file written by 'workbench keys export-public'"),
        ) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError(
            _("{path} is not an Ed25519 public key").format(path=path),
            hint=_("give the .pub file written by 'workbench keys export-public'"),
        )
    return key


def _message(own_digest: str) -> bytes:
    return CONTEXT + own_digest.encode("ascii", "replace")


def sign_manifest(ws, private: Ed25519PrivateKey) -> str:
    """Append the ``[signature]`` row below the manifest's ``[end]`` row; the fingerprint."""
    end_row = next(
        (r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "[end]"), None
    )
    if end_row is None:
        raise ValueError("the manifest has no [end] row")
    own = str(ws.cell(end_row, 2).value)
    public = private.public_key()
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    ws.cell(end_row + 1, 1, SIGNATURE_ROW)
    ws.cell(end_row + 1, 2, fingerprint(public))
    ws.cell(end_row + 1, 3, base64.b64encode(private.sign(_message(own))).decode("ascii"))
    ws.cell(end_row + 1, 4, base64.b64encode(raw).decode("ascii"))
    return fingerprint(public)


@dataclass(frozen=True)
class SignatureCheck:
    """``status``: unsigned, signed (origin not checked), verified (the given key) or bad."""

    status: str
    fingerprint: str = ""
    problem: str = ""


def check(
    manifest_rows: list[tuple], end_row: int, own_digest: str, public: Ed25519PublicKey | None
) -> SignatureCheck:
    """Check the ``[signature]`` row (if any) against ``own_digest`` as recomputed."""
    row = manifest_rows[end_row] if end_row < len(manifest_rows) else ()
    cells = [("" if v is None else str(v)) for v in row] + [""] * 4
    wanted = fingerprint(public) if public is not None else ""
    if cells[0] != SIGNATURE_ROW:
        if public is not None:
            return SignatureCheck(
                "bad",
                problem=_("the workbook is unsigned, so its origin cannot be proven"),
            )
        return SignatureCheck("unsigned")
    recorded_fp, signature, raw = cells[1], cells[2], cells[3]
    try:
        embedded = Ed25519PublicKey.from_public_bytes(base64.b64decode(raw, validate=True))
        signature_bytes = base64.b64decode(signature, validate=True)
    except ValueError:
        return SignatureCheck("bad", recorded_fp, _("the signature row is unreadable"))
    if fingerprint(embedded) != recorded_fp:
        return SignatureCheck("bad", recorded_fp, _("the signature row is inconsistent"))
    if public is not None and recorded_fp != wanted:
        return SignatureCheck(
            "bad",
            recorded_fp,
            _("signed by another key ({found}), not the given one ({wanted})").format(
                found=recorded_fp, wanted=wanted
            ),
        )
    try:
        (public or embedded).verify(signature_bytes, _message(own_digest))
    except InvalidSignature:
        return SignatureCheck(
            "bad", recorded_fp, _("the signature does not match the workbook's contents")
        )
    return SignatureCheck("verified" if public is not None else "signed", recorded_fp)


def store_signer(store) -> Ed25519PrivateKey | None:
    """The signing key of ``store`` (made on its first export); None for an in-memory store."""
    store_id = getattr(store, "store_id", None)
    if store_id is None and getattr(store, "path", None) is not None:  # a worker's view
        store_id = store.meta("store_id")
    return signing_key(store_id) if store_id else None

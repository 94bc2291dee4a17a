"""Scratch files sealed with a key that lives only in this process's memory.

The chunked xlsx read spills a large sheet's rows to temporary files (``readers.excel``)
before they are stored; those rows still carry customer numbers in clear. Each file is
written as nonce + AES-GCM ciphertext under a random key made once per process and never
written anywhere, so a file left behind by a crash, or copied from a lost laptop, reads as
noise, and a file altered on disk is refused instead of imported.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12
_key: AESGCM | None = None
_key_lock = threading.Lock()


def _cipher() -> AESGCM:
    global _key
    with _key_lock:
        if _key is None:
            _key = AESGCM(AESGCM.generate_key(bit_length=256))
        return _key


def write_sealed(path: str | Path, data: bytes | memoryview) -> None:
    """Write ``data`` to ``path`` encrypted under the process's scratch key."""
    nonce = os.urandom(_NONCE_BYTES)
    sealed = _cipher().encrypt(nonce, bytes(data), None)
    with open(path, "wb") as fh:
        fh.write(nonce)
        fh.write(sealed)


def read_sealed(path: str | Path) -> bytes:
    """The bytes ``write_sealed`` wrote to ``path`` in this process (InvalidTag if altered,
    or written by another process)."""
    with open(path, "rb") as fh:
        blob = fh.read()
    return _cipher().decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], None)

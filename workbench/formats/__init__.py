"""Platform formats: exports of real contact-centre platforms recognised and rewritten.

Each module (one per format) has ``ID``, ``NAME``, ``detect(sheet) -> score`` (0–1) and
``to_kind(sheet) -> (kind, sheet with canonical headers, notes)``; its docstring cites the
public documentation or sample the format was built from. ``recognise`` runs every detector
on a sheet as read and, when one is confident, returns the rewritten sheet: its header row
holds the field names of ``workbench.readers.headers.KIND_FIELDS`` and its values forms the
import's coercion reads, so the rest of the import handles it unchanged. Pure logic, no Qt.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from types import ModuleType

from workbench.formats import base
from workbench.i18n import _
from workbench.readers.raw import RawSheet

log = logging.getLogger(__name__)
THRESHOLD = 0.8


def _modules() -> list[ModuleType]:
    from workbench.formats import (
        asterisk_cdr,
        asterisk_queue_log,
        avaya_cms,
        cisco_csq,
        five9_call_log,
        freeswitch_cdr,
        genesys_cloud,
        pva_sessions,
        tinet_cdr,
        uci_bank_marketing,
        value_forms,
    )

    # value_forms last: it only fires when no platform format did
    return [asterisk_queue_log, asterisk_cdr, avaya_cms, cisco_csq, five9_call_log,
            freeswitch_cdr, genesys_cloud, pva_sessions, tinet_cdr, uci_bank_marketing,
            value_forms]  # fmt: skip


@dataclass
class Recognised:
    """A sheet rewritten by a platform format."""

    format_id: str
    name: str
    kind: str
    sheet: RawSheet
    notes: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        text = _("recognised as {name}").format(name=self.name)
        return text + ("; " + "; ".join(self.notes) if self.notes else "")


def recognise(
    sheet: RawSheet,
    options: dict[str, str] | None = None,
    mapping: dict[str, str] | None = None,
) -> Recognised | None:
    """The sheet rewritten by the best-matching format, or None when none is confident.

    ``options`` are the reading options (``@date_format``, ``@yes:FIELD``); with a user
    ``mapping`` only the generic value forms are tried (they take the mapping into account).
    """
    token = base.CONTEXT.set(base.Context(dict(options or {}), dict(mapping or {})))
    try:
        return _recognise(sheet, bool(mapping))
    finally:
        base.CONTEXT.reset(token)


def _recognise(sheet: RawSheet, mapped: bool) -> Recognised | None:
    best: tuple[float, ModuleType] | None = None
    for module in _modules():
        if mapped and module.ID != "value_forms":
            continue
        try:
            score = module.detect(sheet)
        except Exception:  # a detector must never stop a file; it just does not match
            log.debug("format %s failed to detect", module.ID, exc_info=True)
            continue
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, module)
    if best is None:
        return None
    module = best[1]
    kind, rewritten, notes = module.to_kind(sheet)
    if rewritten.height <= 1 and sheet.height > 2:
        # the format found its headers but none of the rows: read the file as it is instead
        log.info("format %s kept no rows of %s rows; not used", module.ID, sheet.height)
        return None
    rewritten.name = sheet.name
    rewritten.source_format = sheet.source_format
    rewritten.note = "; ".join(n for n in (sheet.note, module.NAME) if n)
    return Recognised(module.ID, module.NAME, kind, rewritten, notes)


def names() -> list[tuple[str, str]]:
    """(id, display name) of every format, for help texts."""
    return [(m.ID, m.NAME) for m in _modules()]

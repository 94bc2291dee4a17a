"""The contact rules inside a target profile file (``[contact_rules]`` beside ``[targets]``).

``workbench targets save FILE`` adds the rules in force; ``workbench targets load FILE`` saves
the file's rules as a new version when the file has them (a file without them leaves the rules
as they are).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from workbench.compliance.rules import ContactRules, current_rules, save_rules
from workbench.errors import InputRejected, UsageError
from workbench.i18n import _
from workbench.io_safety import atomic_write_text

SECTION = "contact_rules"


def _read(path: Path) -> dict[str, Any]:
    raw = path.read_bytes().decode("utf-8-sig")
    return json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw)


def read_rules(path: str | Path) -> ContactRules | None:
    """The file's contact rules, or None when it has no ``contact_rules`` table."""
    path = Path(path)
    data = _read(path)
    section = data.get(SECTION) if isinstance(data, dict) else None
    if section is None:
        return None
    try:
        rules = ContactRules.from_json(dict(section))
        from workbench.compliance.rules import check_rules

        check_rules(rules)
    except (UsageError, TypeError, ValueError) as exc:
        message = exc.message if isinstance(exc, UsageError) else str(exc)
        raise InputRejected(
            _("contact_rules: {message}").format(message=message),
            file=path,
            hint=_("see 'workbench compliance --rules' for the settings"),
        ) from exc
    return rules


def save_if_changed(con: Any, rules: ContactRules | None, *, note: str) -> int | None:
    """Save ``rules`` (from ``read_rules``) as a new version when they differ; the version."""
    if rules is None or rules == current_rules(con)[1]:
        return None
    return save_rules(con, rules, note=note)


def add_to_file(con: Any, path: str | Path) -> None:
    """Add the rules in force to a profile file just written by ``write_profile_file``."""
    path = Path(path)
    data = _read(path)
    data[SECTION] = current_rules(con)[1].to_json()
    if path.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = tomli_w.dumps(data)
    atomic_write_text(path, text)

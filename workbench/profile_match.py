"""Which saved mapping profile fits a file whose headers were not recognised (no Qt).

The window and the command line (a scheduled ``workbench import``) decide the same way: a
readable table whose kind or required fields are missing, and a saved profile whose every
mapped header is among the file's headers, is imported again with that profile.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

log = logging.getLogger(__name__)


def headers_unmatched(preview: Any) -> bool:
    """True when a readable table was found whose kind or required fields are missing.

    A file that is no table at all (a PDF, a half-copied workbook, a locked file) is not a
    mapping question: its preview has an error or no header row.
    """
    if preview is None or getattr(preview, "error", None):
        return False
    headers = [h for h in (getattr(preview, "headers", None) or []) if str(h or "").strip()]
    if len(headers) < 2:
        return False
    return getattr(preview, "kind", None) is None or bool(getattr(preview, "missing", ()))


def fitting_profile(profiles: Sequence[dict], headers: Sequence[str]) -> str | None:
    """The name of a saved profile whose every mapped header is among ``headers``."""
    present = {str(h).strip() for h in headers if h is not None}
    for profile in profiles:
        mapping = profile.get("mapping") or {}
        if mapping and all(str(h).strip() in present for h in mapping.values()):
            return profile.get("name")
    return None


def profile_dict(profile: Any) -> dict:
    """A ``MappingProfile`` (or a dict) as ``{"name", "kind", "mapping"}``."""
    if isinstance(profile, dict):
        return profile
    return {
        "name": getattr(profile, "name", None),
        "kind": getattr(profile, "kind", None),
        "mapping": dict(getattr(profile, "mapping", {}) or {}),
    }


def profile_for(con: Any, path: str) -> str | None:
    """The saved profile that fits ``path`` when its headers were not recognised, else None."""
    from workbench.jobs.profiles import list_profiles
    from workbench.readers import preview

    try:
        found = preview(path)
    except Exception:  # an unreadable file: its rejection already says why
        log.info("no preview for %s", path, exc_info=True)
        return None
    if not headers_unmatched(found):
        return None
    profiles = [profile_dict(p) for p in list_profiles(con)]
    return fitting_profile(profiles, list(found.headers))

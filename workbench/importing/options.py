"""What the user may tell the import about a file beyond its column mapping."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ImportOptions:
    """Choices for one import job (command-line flags, a saved profile, the mapping dialog).

    ``csat_scale``: "5", "10" or "labels" (None: from the header, else guessed from the values
    with a warning). ``accept_partial``: keep a file of which fewer than half of the data rows
    could be stored (by default such a file is rejected whole).
    """

    csat_scale: str | None = None
    accept_partial: bool = False

    def to_json(self) -> dict:
        """The options worth saving in a mapping profile (those set)."""
        return {k: v for k, v in (("csat_scale", self.csat_scale),) if v is not None}

    def with_saved(self, saved: dict) -> ImportOptions:
        """These options, completed by a profile's saved ones (what was given wins)."""
        scale = self.csat_scale or saved.get("csat_scale")
        return replace(self, csat_scale=scale)

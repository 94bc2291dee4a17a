"""Generic files whose values need reading the way the file means them (filled in below)."""

from __future__ import annotations

from workbench.readers.raw import RawSheet

ID = "value_forms"
NAME = "value forms"


def detect(sheet: RawSheet) -> float:
    return 0.0


def to_kind(sheet: RawSheet) -> tuple[str, RawSheet, list[str]]:
    raise NotImplementedError

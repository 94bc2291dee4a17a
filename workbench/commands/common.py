"""Helpers every sub-command shares: the ``--store`` option, opening the store, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from datetime import date
from typing import Any

from workbench.errors import UsageError
from workbench.i18n import _
from workbench.paths import default_store_path
from workbench.store import Store


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="store file (default: $WORKBENCH_STORE, else workbench.duckdb in the user data "
        "folder)",
    )


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON on stdout")


def open_store(args: argparse.Namespace, *, read_only: bool = False, **options: Any) -> Store:
    """Open the store named by ``--store`` / ``$WORKBENCH_STORE`` / the default
    (``options``: those of ``Store.open``)."""
    return Store.open(
        default_store_path(getattr(args, "store", None)), read_only=read_only, **options
    )


def parse_date(text: str, option: str) -> date:
    """``YYYY-MM-DD`` or a usage error naming the option."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(
            _("{option}: '{text}' is not a date").format(option=option, text=text),
            hint=_("write it as YYYY-MM-DD"),
        ) from exc


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")

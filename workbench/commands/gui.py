"""``workbench [gui] [--store PATH] [--lang zh_CN|en] [FILE ...]`` and ``workbench --demo``."""

from __future__ import annotations

import argparse
import sys

from workbench.commands.common import add_store_argument

NAME = "gui"
HELP = "open the workbench window (the default)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="interface language")
    parser.add_argument("files", nargs="*", metavar="FILE", help="files to import on start")


def run(args: argparse.Namespace) -> int:
    store = getattr(args, "store", None)
    if getattr(args, "demo", False) and not store:
        from workbench.demo import ensure_demo_store  # creates the demo store once

        store = str(ensure_demo_store(progress=lambda m: print(f"workbench: {m}", file=sys.stderr)))

    from workbench.views.app import run_gui  # Qt only from here on

    return run_gui(
        store=store,
        lang=getattr(args, "lang", None),
        files=list(getattr(args, "files", []) or []),
        demo=bool(getattr(args, "demo", False)),
    )

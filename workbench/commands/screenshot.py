"""``workbench screenshot --view VIEW --out FILE.png [--store PATH] [--size WxH] [--lang L]``."""

from __future__ import annotations

import argparse

from workbench.commands.common import add_store_argument

NAME = "screenshot"
HELP = "render one view of the window offscreen to a PNG (documentation, checks)"

VIEWS = (
    "dashboard", "trends", "agents", "bots", "campaigns", "abandoned", "imports", "compliance",
    "targets", "intraday", "staffing", "centres",
)  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument("--view", required=True, choices=VIEWS, help="which view to render")
    parser.add_argument("--out", required=True, metavar="FILE.png", help="PNG file to write")
    parser.add_argument("--size", default="1280x800", metavar="WxH", help="window size in pixels")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default="en", help="interface language")
    parser.add_argument(
        "--demo", action="store_true", help="render the demo store (made on first use)"
    )
    parser.add_argument(
        "--open",
        metavar="FILE.xlsx",
        help="render a compliance workbook as the branch manager sees it (no store needed)",
    )


def run(args: argparse.Namespace) -> int:
    from workbench.views.app import parse_size, screenshot  # Qt only from here on

    size = parse_size(args.size)
    if args.open:
        from workbench.views.workbook_file import screenshot_workbook

        print(screenshot_workbook(args.open, args.view, args.out, size=size, lang=args.lang))
        return 0
    store = getattr(args, "store", None)
    if args.demo and not store:
        from workbench.demo import ensure_demo_store

        store = str(ensure_demo_store())
    out = screenshot(store, args.view, args.out, size=size, lang=args.lang)
    print(out)
    return 0

"""Sub-commands of ``workbench`` (cli.md), one module each.

Each module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
None imports Qt at module level: the GUI ones import it inside ``run``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# Order is the order of ``workbench --help``.
COMMAND_MODULES: tuple[str, ...] = (
    "gui",
    "import_cmd",
    "kpis",
    "erlang",
    "staffing",
    "export",
    "verify",
    "targets",
    "screenshot",
    "store",
    "compliance",
    "lake",
    "keys",
)


def load_commands() -> list[ModuleType]:
    """The command modules that exist in this build, imported."""
    modules = []
    for name in COMMAND_MODULES:
        try:
            modules.append(importlib.import_module(f"workbench.commands.{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"workbench.commands.{name}":
                raise
    return modules

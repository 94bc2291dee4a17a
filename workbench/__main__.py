"""Entry points: ``workbench`` / ``python -m workbench`` (console) and ``workbench-gui``."""

from __future__ import annotations

import sys


def main() -> None:
    from workbench.cli import main as cli_main

    sys.exit(cli_main())


def gui_main() -> None:
    from workbench.cli import main as cli_main

    sys.exit(cli_main(["gui", *sys.argv[1:]]))


if __name__ == "__main__":
    main()

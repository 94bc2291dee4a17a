"""The command line (cli.md): parsing, dispatch, exit codes, one-line errors. No Qt here."""

from __future__ import annotations

import argparse
import contextlib
import difflib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from workbench import __version__
from workbench.commands import load_commands
from workbench.commands.common import add_store_argument
from workbench.errors import UsageError, WorkbenchError
from workbench.i18n import _, set_language
from workbench.logs import setup_logging

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse that raises ``UsageError`` (one line, exit 2) instead of printing usage."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message, hint=_("run '{prog} --help'").format(prog=self.prog))


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The ``workbench`` parser with every sub-command; with ``only``, the options of that
    sub-command alone (the others by name and help: building them all cost ~30 ms of every
    command)."""
    parser = _Parser(
        prog="workbench",
        description="Remote-banking centre workbench: import exports, track KPIs, export "
        "compliance workbooks. With no sub-command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="open the window on a store with the demo month"
    )
    add_store_argument(parser)
    parser.add_argument(
        "--lang",
        choices=("zh_CN", "en"),
        default=argparse.SUPPRESS,
        help="language of messages (default: $WORKBENCH_LANG, else the system locale)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in load_commands():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        if only is None or only == module.NAME:
            module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def _with_default_command(argv: list[str], names: set[str]) -> list[str]:
    """``workbench [FILE…]`` and ``workbench --store X`` mean ``workbench gui …``.

    A first word that is neither a sub-command nor an existing file is a typo, not a file to
    open in the window: ``UsageError`` (exit 2) naming the closest sub-command.
    """
    if any(a in ("-h", "--help", "--version") for a in argv[:1]):
        return argv
    first_positional = _first_positional(argv)
    if first_positional in names:
        return argv
    if first_positional is not None and not Path(first_positional).exists():
        raise _unknown_command(first_positional, names)
    demo = "--demo" in argv
    rest = [a for a in argv if a != "--demo"]
    return (["--demo"] if demo else []) + ["gui", *rest]


def _unknown_command(word: str, names: set[str]) -> UsageError:
    """``unknown command 'kpi' — did you mean 'kpis'?`` (or the list of commands)."""
    close = difflib.get_close_matches(word, sorted(names), n=1, cutoff=0.6)
    if close:
        hint = _("did you mean '{command}'?").format(command=close[0])
    else:
        hint = _("the commands are: {commands}").format(commands=", ".join(sorted(names)))
    return UsageError(
        _("unknown command '{word}' (and no such file)").format(word=word), hint=hint
    )


def _first_positional(argv: list[str]) -> str | None:
    """The first word that is not an option or an option's value."""
    skip_next = False
    for word in argv:
        if skip_next:
            skip_next = False
        elif word in _TAKES_VALUE:
            skip_next = True
        elif not word.startswith("-"):
            return word
    return None


_TAKES_VALUE = {"--store", "--lang"}


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status of cli.md."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # A console or pipe that cannot show Chinese (cp1252, ascii: a scheduled task logging to
        # a file) gets \uXXXX escapes, not a crash after the work is done (valid inside JSON).
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
    set_language(_lang_option(argv))
    log_path = setup_logging()
    sys.unraisablehook = _log_unraisable
    try:
        names = {module.NAME for module in load_commands()}
        words = _with_default_command(argv, names)
        chosen = _first_positional(words)
        args = build_parser(chosen if chosen in names else None).parse_args(words)
        log.info("workbench %s: %s", __version__, " ".join(argv))
        return int(args.handler(args) or 0)
    except WorkbenchError as exc:
        log.info("refused: %s", exc, exc_info=exc.exit_code == 1)
        print(f"workbench: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(
            "workbench: " + _("interrupted — nothing half-done was kept"), file=sys.stderr
        )
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        log.exception("internal error")
        where = (
            _("details are in {path}").format(path=log_path)
            if log_path
            else _("no log could be written")
        )
        print(
            "workbench: "
            + _("internal error ({error}) — this is a bug; {where}").format(
                error=f"{type(exc).__name__}: {exc}", where=where
            ),
            file=sys.stderr,
        )
        return 1


def _lang_option(argv: list[str]) -> str | None:
    """The value of the first ``--lang`` (global or a sub-command's), before parsing: the
    parser's own errors are then already in that language."""
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def _log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """An error Python can only ignore (a library's generator closed after a failed write)
    goes to the log, not to the terminal as a traceback."""
    log.warning(
        "ignored error in %r",
        unraisable.object,
        exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback),
    )

"""How the clerk can run this program again: the prefix of every command it prints
(`… resume ID`, `… check FILE`, `… -h`), so that each runs as printed even where
`report-interview` is not on PATH (a virtual environment that was never activated)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from functools import cache
from pathlib import Path
from typing import Final

NAME: Final = "report-interview"
_PLAIN: Final = r"[\w@%+=:,./-]+"  # what the shell reads back as it is
MODULE: Final = "report_interview"


@cache
def command_prefix() -> str:
    """`report-interview` when PATH finds this very program under that name; else the
    way it was started: the script as typed (`.venv/bin/report-interview`) or the
    interpreter with `-m report_interview`."""
    script = _started_script()
    found = shutil.which(NAME)
    installed = Path(sys.executable).with_name(NAME)
    if found and any(_same_file(found, candidate) for candidate in (script, installed)):
        return NAME
    if script:
        return quote(script)
    return " ".join(map(quote, [_interpreter(), "-m", MODULE]))


def command(*arguments: str) -> str:
    """A whole command line to print, its arguments quoted for the shell where needed."""
    return " ".join([command_prefix(), *map(quote, arguments)])


def quote(argument: str) -> str:
    """An argument as the shell reads it back: as it is when it holds only letters
    (Chinese ones too), digits and @%+=:,./-; else in quotes."""
    return argument if re.fullmatch(_PLAIN, argument) else shlex.quote(argument)


def _started_script() -> str:
    """sys.argv[0] when the program was started by its console script, else ""."""
    script = sys.argv[0] if sys.argv else ""
    return script if Path(script).name.startswith(NAME) and os.path.isfile(script) else ""


def _interpreter() -> str:
    """The Python that runs this program, as typed when it was started with `-m` (and
    found again the same way), else its full path."""
    argv = getattr(sys, "orig_argv", [])
    typed = argv[0] if argv[1:3] == ["-m", MODULE] else ""
    found = shutil.which(typed) if typed else None
    return typed if found and _same_file(found, sys.executable) else sys.executable


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (False when either is missing)."""
    try:
        return bool(a) and bool(b) and os.path.samefile(a, b)
    except OSError:
        return False

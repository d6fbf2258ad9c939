"""Jupyter notebooks: code cells scanned as one Python module (cells share their globals), with
line numbers within the cell plus the cell index; ``!`` shell lines scanned as command lines;
``%env NAME=VALUE`` read as the environment assignment it is (``os.environ["NAME"] = "VALUE"``);
a ``%%writefile PATH`` cell scanned as the file it writes (a YAML recipe, a script), by the
scanner of that file's kind. Markdown cells and outputs are never read."""

from __future__ import annotations

import dataclasses
import json
import re

from ..model import ModelRef, Unresolvable
from . import commands, python
from .common import Context, Found
from .interface import FunctionScanner
from .suppress import apply_suppressions

TRIGGER = python.TRIGGER + commands.TRIGGER
_MAGIC = re.compile(r"^\s*(!|%)")
# IPython's %env NAME=VALUE (also NAME VALUE): sets the variable for the rest of the notebook
_ENV = re.compile(r"^\s*%env\s+([A-Za-z_]\w*)(?:\s*=\s*|\s+)(\S.*?)\s*$")


def _cells(data) -> list[tuple[int, list[str]]]:
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise ValueError("not a notebook (no cells)")
    out = []
    for index, cell in enumerate(data["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        if isinstance(src, list):
            src = "".join(s for s in src if isinstance(s, str))
        if not isinstance(src, str):
            continue
        out.append((index, src.splitlines()))
    return out


_WRITEFILE = re.compile(r"^\s*%%(?:writefile|file)\s+(?:-a\s+)?(\S+)\s*$")


def _in_place_of_magic(line: str, code_lines: list[str]) -> str:
    """The Python line read in place of a ``!`` or ``%`` line: blank, or ``pass`` at its indentation
    inside a block (``if not os.path.exists(d):`` then ``    !python -m x --init``), whose body it
    may be, so that the cell still parses."""
    indent = line[: len(line) - len(line.lstrip())]
    before = next((c for c in reversed(code_lines) if c.strip()), "")
    opened = before.rstrip().endswith(":") or before[:1].isspace()
    return f"{indent}pass" if indent and opened else ""


def _written_file(index: int, lines: list[str], ctx: Context) -> Found:
    """A ``%%writefile PATH`` cell: its lines scanned as the file they write (lines counted in
    the cell), by the scanner of that file's kind."""
    from . import SCANNERS

    m = _WRITEFILE.match(lines[0]) if lines else None
    kind = SCANNERS.kind_of(m.group(1).strip("'\"")) if m else None
    if kind is None or kind == "notebook":
        return [], []
    body = "\n".join(["", *lines[1:]])  # the magic line stays line 1
    try:
        found = SCANNERS.scanner(kind).scan(body, Context(root=ctx.root, rel=ctx.rel))
    except (SyntaxError, ValueError, RecursionError):
        return [], []
    cell = lambda loc: dataclasses.replace(loc, cell=index)  # noqa: E731
    return (
        [
            dataclasses.replace(r, location=cell(r.location))
            for r in apply_suppressions(found.refs, body)
        ],
        [dataclasses.replace(u, location=cell(u.location)) for u in found.unresolvable],
    )


def scan(text: str, ctx: Context) -> Found:
    cells = _cells(json.loads(text))
    code_lines: list[str] = []
    shell_lines: list[str] = []
    where: list[tuple[int, int]] = []  # combined line (0-based) -> (cell index, line in cell)
    as_written: dict[int, tuple[str, str]] = {}  # combined line (1-based) -> (%env line, value)
    written: Found = ([], [])
    for index, lines in cells:
        cell_magic = bool(lines) and lines[0].lstrip().startswith("%%")
        if cell_magic and _WRITEFILE.match(lines[0]):
            r, u = _written_file(index, lines, ctx)
            written[0].extend(r)
            written[1].extend(u)
        continued = False  # the line before was a ``!`` line ending in a backslash
        for n, line in enumerate(lines, 1):
            where.append((index, n))
            if continued:
                # ``!cmd \`` then ``--model-id org/x``: IPython joins the continued lines
                # into one shell command, none of them Python
                shell_lines.append(line)
                code_lines.append("")
                continued = line.rstrip().endswith("\\")
            elif cell_magic:
                shell_lines.append(
                    line if lines[0].lstrip().startswith(("%%bash", "%%sh", "%%script")) else ""
                )
                code_lines.append("")
            elif env := _ENV.match(line):
                value = env.group(2)
                if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
                    value = value[1:-1]
                shell_lines.append("")
                code_lines.append(f"import os; os.environ[{env.group(1)!r}] = {value!r}")
                as_written[len(code_lines)] = (line, value)
            elif _MAGIC.match(line):
                shell = line.lstrip().startswith("!")
                shell_lines.append(line.lstrip()[1:] if shell else "")
                code_lines.append(_in_place_of_magic(line, code_lines))
                continued = shell and line.rstrip().endswith("\\")
            else:
                shell_lines.append("")
                code_lines.append(line)
    code = "\n".join(code_lines)
    refs: list[ModelRef] = []
    unresolvable: list[Unresolvable] = []
    try:
        r, u = python.scan(code, ctx)
    except (SyntaxError, ValueError):
        # a broken cell: leave it out (blank lines keep the positions) and scan the rest together
        pos = 0
        for _index, lines in cells:
            span = range(pos, pos + len(lines))
            pos += len(lines)
            try:
                compile(
                    "\n".join(code_lines[i] for i in span),
                    ctx.rel,
                    "exec",
                    flags=0x400,
                    dont_inherit=True,
                )
            except (SyntaxError, ValueError):
                for i in span:
                    code_lines[i] = ""
        code = "\n".join(code_lines)
        try:
            r, u = python.scan(code, ctx)
        except (SyntaxError, ValueError):
            r, u = [], []
    refs.extend(apply_suppressions(r, code))
    unresolvable.extend(u)
    shell = "\n".join(shell_lines)
    sr, su = commands.scan_command_text(shell, ctx, shell_lines)
    refs.extend(apply_suppressions(sr, shell))
    unresolvable.extend(su)

    def remap(loc):
        if 0 < loc.line <= len(where):
            cell, line = where[loc.line - 1]
            if loc.line in as_written:  # the %env line, not the assignment read in its place
                text, value = as_written[loc.line]
                return dataclasses.replace(
                    loc, line=line, cell=cell, column=text.find(value) + 1, snippet=text.strip()
                )
            return dataclasses.replace(loc, line=line, cell=cell)
        return loc

    refs = [dataclasses.replace(r, location=remap(r.location)) for r in refs]
    unresolvable = [dataclasses.replace(u, location=remap(u.location)) for u in unresolvable]
    return refs + written[0], unresolvable + written[1]


SCANNER = FunctionScanner("notebook", TRIGGER, scan)

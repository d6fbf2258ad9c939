"""GitHub Actions workflow-command annotations, so findings show on a pull request as is.

One line per finding location: ``::error file=app/main.py,line=3,col=42,title=...::message``.
Errors become ``::error``, warnings ``::warning``, infos and waived findings ``::notice`` (the
waiver — who approved it, until when — is in the message). A finding with no location, or whose
model has no file location, is annotated without ``file``; a notebook location names the
cell in the message (the line inside a cell is not a line of the ``.ipynb`` file). Suppressed locations are left out.

Against a baseline (``scan --baseline``) only the new findings are annotated.

Annotations come errors first, then warnings, then notices (GitHub shows a limited number
per step), each group in the report's order.

Escaping follows the runner's rules: in the message ``%``, ``\\r`` and ``\\n`` are
percent-encoded; in property values ``:`` and ``,`` are as well. Every piece of text is first
made one plain line (``scrub.one_line``): a control character from a model card or a file name
never reaches the log (the line breaks of a message are licaudit's own).

When the audit could not see everything (files skipped, lineage cut, models the Hub did not
answer for), a last annotation says so: a warning, an error when ``--strict`` fails the run.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..scrub import one_line
from ._common import unseen, waiver_description
from .baseline import is_new
from .contract import FindingEntry, Report

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_ORDER = ("error", "warning", "notice")


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: list[tuple[str, str]], lines: list[str]) -> str:
    """One workflow command; each property and each line of the message one plain line."""
    props = ",".join(f"{k}={escape_property(one_line(v))}" for k, v in properties if v != "")
    message = "\n".join(one_line(line) for line in lines)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _message(f: FindingEntry) -> list[str]:
    lines = [f["message"]]
    if f.get("chain"):
        lines.append("Through lineage: " + " -> ".join(f["chain"]))
    if f.get("waived"):
        lines.append(f"Waived: {waiver_description(f['waived'])}")
    else:
        lines.append(f"Fix: {f['remediation']}")
    return lines


def _command_name(f: FindingEntry) -> str:
    return "notice" if f.get("waived") else _COMMANDS[f["severity"]]


def annotations(findings: Iterable[FindingEntry]) -> str:
    """One workflow command per location of each finding, errors first (GitHub shows a limited
    number of annotations per step)."""
    out: list[str] = []
    for f in sorted(findings, key=lambda f: _ORDER.index(_command_name(f))):
        name = _command_name(f)
        title = f"licaudit {f['rule']}" + (" (waived)" if f.get("waived") else "")
        message = _message(f)
        locations = f["locations"]
        live = [loc for loc in locations if not loc.get("suppressed")]
        if locations and not live:
            continue  # every reference to the model is suppressed in the code
        if not live:
            out.append(_command(name, [("title", title)], message))
            continue
        for loc in live:
            props = [("file", loc["path"])]
            if loc.get("cell") is not None:
                # a notebook: the line is inside a cell, not a line of the .ipynb file
                where = f"cell {loc['cell']}" + (f", line {loc['line']}" if loc.get("line") else "")
                out.append(_command(name, [*props, ("title", title)], [*message, f"(in {where})"]))
                continue
            if loc.get("line"):
                props.append(("line", str(loc["line"])))
                if loc.get("column"):
                    props.append(("col", str(loc["column"])))
            props.append(("title", title))
            out.append(_command(name, props, message))
    return "".join(line + "\n" for line in out)


class GithubFormat:
    """GitHub Actions workflow commands, one per finding location."""

    name = "github"
    filename = "licaudit-annotations.txt"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        # against a baseline: what the change adds
        out = annotations(f for f in doc["findings"] if is_new(f))
        summary = doc.get("summary") or {}
        parts = unseen(summary)  # type: ignore[arg-type]
        if any(summary.get(k) for k in ("skipped", "lineage_cut", "unanswered")):
            strict = summary.get("strict")
            out += (
                _command(
                    "error" if strict else "warning",
                    [("title", "licaudit: not everything was audited")],
                    [
                        "Not audited: "
                        + "; ".join(parts)
                        + (" (--strict fails the run)" if strict else "")
                    ],
                )
                + "\n"
            )
        return out

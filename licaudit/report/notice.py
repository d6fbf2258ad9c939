"""The attribution file (``ATTRIBUTION.md`` / ``NOTICE`` style): exactly what the licenses of the
models in use require the team to display or ship, grouped per license with the models it covers
and a link to each license.

A license binds a model directly or through its lineage (a fine-tune of a Llama model carries the
Llama license's notice); both are listed. Models whose references are all suppressed are left
out; models whose license is unknown are listed at the end so nothing is silently dropped.
Everything comes from the report document's ``licenses`` terms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..licensing.obligations import (
    Attribution,
    Display,
    Duty,
    LicenseCopy,
    ModificationNotice,
    Naming,
    NoEndorsement,
    Notice,
    Obligation,
    ProhibitedUses,
    UsePolicy,
)
from . import _common as c
from .contract import Report
from .markdown import md_autolink, md_escape, md_link


def _fenced(text: str) -> list[str]:
    """``text`` verbatim in a fenced block (the fence is longer than any backtick run in it)."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "text", text.replace("\r\n", "\n").replace("\r", "\n"), fence]


def _uses(group: c.NoticeGroup) -> list[str]:
    out = []
    for model_id, chain in group.uses:
        line = f"- {md_escape(model_id)}"
        if chain:
            line += f" (through its base model: {' → '.join(md_escape(x) for x in chain)})"
        out.append(line)
    return out


def _group(doc: Report, group: c.NoticeGroup) -> list[str]:
    entry = group.entry or {}
    name = entry.get("name") or group.license
    out = [f"## {md_escape(name)}", ""]
    facts = [
        f"- License text: {md_autolink(entry.get('url'))}"
        if c.safe_url(entry.get("url"))
        else "- License text: not recorded"
    ]
    facts.append(
        f"- Identifier: {md_escape(group.license)}"
        + (f" (SPDX: {md_escape(entry['spdx'])})" if entry.get("spdx") else "")
    )
    licensor = (entry.get("licensor") or {}).get("name")
    if licensor:
        facts.append(f"- Licensor: {md_escape(licensor)}")
    out += facts + ["", "Models covered:", ""] + _uses(group) + [""]
    if not entry.get("known"):
        out += [
            "licaudit does not know this license's terms: read the license and add what it requires "
            "to display or ship here by hand.",
            "",
        ]
        return out
    obs = c.license_obligations(doc, group.license)
    for ob in obs:
        if isinstance(ob, Display):
            out += [
                "### Display",
                "",
                "Display this text prominently (website, user interface, blog post, about page or product documentation)"
                + (f", {md_escape(ob.when)}:" if ob.when else ":"),
                "",
                f"> **{md_escape(ob.text)}**",
                "",
            ]
    for ob in obs:
        if isinstance(ob, Notice):
            out += ["### Notice", "", "Ship this notice with the product:", ""]
            out += _fenced(ob.text) + [""]
    ship = [_requirement(entry, name, ob) for ob in obs if isinstance(ob, REQUIREMENTS)]
    if ship:
        out += ["### Requirements", ""] + ship + [""]
    if not any(isinstance(ob, Duty) for ob in obs):
        out += ["This license requires no attribution notice.", ""]
    return out


# the duties listed under "Requirements" (display and notice texts have their own sections)
REQUIREMENTS = (
    Naming,
    LicenseCopy,
    ModificationNotice,
    NoEndorsement,
    UsePolicy,
    ProhibitedUses,
    Attribution,
)


def _requirement(entry: Mapping[str, Any], name: str, ob: Obligation) -> str:
    match ob:
        case Naming():
            return f"- Naming: {md_escape(ob.rule)}"
        case LicenseCopy():
            url = entry.get("url")
            return f"- Include a copy of the {md_escape(name)} with any redistribution" + (
                f": {md_autolink(url)}" if c.safe_url(url) else "."
            )
        case UsePolicy():
            line = (
                f"- Follow {md_link(ob.name, ob.url) if c.safe_url(ob.url) else md_escape(ob.name)}"
            )
            if ob.pass_on:
                line += " and pass it on to your users as an enforceable term"
            return line + "."
        case ModificationNotice():
            return "- Modified files and derivatives must carry prominent notices of the change."
        case NoEndorsement():
            licensor = (entry.get("licensor") or {}).get("name") or "the licensor"
            return f"- Do not imply endorsement by {md_escape(licensor)}."
        case ProhibitedUses():
            return "- Never use the model for: " + md_escape("; ".join(ob.uses)) + "."
        case Attribution():
            return f"- {md_escape(ob.text)}"
    raise AssertionError(f"not a requirement: {type(ob).__name__}")


class NoticeFormat:
    """The attribution file: what the licenses in use require to display or ship."""

    name = "notice"
    filename = "ATTRIBUTION.md"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        groups, unknown = c.notice_groups(doc)
        out = [
            "# Third-party AI model attributions",
            "",
            "This project uses the AI models listed below. Their licenses require the notices, "
            "displays and copies set out in this file.",
            "",
        ]
        if not groups and not unknown:
            out += ["No AI models are in use.", ""]
        for group in groups:
            out += _group(doc, group)
        if unknown:
            out += [
                "## Models with an unknown license",
                "",
                "No source declares a license for these models; their attribution requirements are unknown:",
                "",
            ]
            out += [f"- {md_escape(m)}" for m in unknown] + [""]
        subject = c.reviewed_subject(doc)
        out += [
            f"Generated by licaudit {md_escape(doc['tool']['version'])} from the licenses of the models this repository uses"
            + (f" ({md_escape(subject)})." if subject else "."),
            "",
        ]
        return "\n".join(out).rstrip("\n") + "\n"

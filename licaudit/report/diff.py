"""``licaudit diff OLD.json NEW.json``: what a change adds, from two saved JSON reports, offline.

The comparison (``compare``) is a document of its own (``schemas/diff.schema.json``): the models
the repository references that were added or removed, the changes of each kept model's license,
revision and verdict, the findings that are new and those that are gone (matched as
``baseline.match`` matches them). Its verdict is ``fail`` when a new finding fails NEW's policy
(the exit code is then 1). ``render`` writes it as text, JSON, Markdown or GitHub annotations
(one per new finding, as the ``github`` report format writes them).
"""

from __future__ import annotations

from typing import Any

from .. import jsontext
from ..errors import LicauditError
from ..model import model_key
from . import _common as c
from .baseline import match
from .contract import ModelEntry, Report
from .github import annotations
from .markdown import MD

SCHEMA_VERSION = "1"
FORMATS = ("text", "json", "markdown", "github")
FIELDS = ("license", "revision", "verdict")


def _direct(doc: Report) -> dict[str, ModelEntry]:
    return {model_key(m["id"], m["source"]): m for m in doc["models"] if m["direct"]}


def _facts(doc: Report, m: ModelEntry) -> dict[str, str | None]:
    return {
        "license": m["license"]["id"] if m["license"] else None,
        "revision": m.get("revision"),
        "verdict": c.model_verdict(doc, m),
    }


def _model(doc: Report, m: ModelEntry) -> dict[str, Any]:
    return {"id": m["id"], "source": m["source"], **_facts(doc, m)}


def _side(doc: Report) -> dict[str, Any]:
    return {
        "review": doc.get("review"),
        "policy": doc["policy"]["name"],
        "verdict": doc["summary"]["verdict"],
    }


def compare(old: Report, new: Report) -> dict[str, Any]:
    """The difference from ``old`` to ``new``."""
    from .. import __version__

    before, after = _direct(old), _direct(new)
    added = [_model(new, after[k]) for k in after if k not in before]
    removed = [_model(old, before[k]) for k in before if k not in after]
    changed = []
    for key in after:
        if key in before:
            was, now = _facts(old, before[key]), _facts(new, after[key])
            changed += [
                {"id": after[key]["id"], "source": after[key]["source"], "field": name,
                 "old": was[name], "new": now[name]}
                for name in FIELDS
                if was[name] != now[name]
            ]  # fmt: skip
    _, appeared, gone = match(old["findings"], new["findings"])
    failing = [f for f in appeared if c.finding_verdict(new, f) == c.BLOCKED]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "licaudit", "version": __version__},
        "old": _side(old),
        "new": _side(new),
        "models": {"added": added, "removed": removed, "changed": changed},
        "findings": {"new": appeared, "resolved": gone},
        "summary": {
            "added": len(added),
            "removed": len(removed),
            "changed": len(changed),
            "new_findings": len(appeared),
            "failing_findings": len(failing),
            "resolved_findings": len(gone),
            "verdict": "fail" if failing else "pass",
        },
    }


def _label(side: dict[str, Any]) -> str:
    subject = c.reviewed_subject({"review": side["review"], "root": "(unknown)"})
    return subject or "models named on the command line"


def _summary(diff: dict[str, Any]) -> str:
    s = diff["summary"]
    return (
        f"{s['verdict'].upper()}: {c.count(s['added'], 'model')} added, {s['removed']} removed, "
        f"{c.count(s['changed'], 'change')}; {c.count(s['new_findings'], 'new finding')} "
        f"({s['failing_findings']} failing the policy), {s['resolved_findings']} resolved"
    )


def _value(v: str | None) -> str:
    return c.one_line(v) if v else "none"


def _finding_line(f: dict[str, Any]) -> str:
    where = c.where(f["locations"][0]) if f["locations"] else ""
    return (
        f"{f['severity']}  {c.one_line(f['rule'])}  {c.one_line(f['message'])}"
        + (f" (at {c.one_line(where)})" if where else "")
        + (" [waived]" if f.get("waived") else "")
    )


def _text(diff: dict[str, Any]) -> str:
    t = c.one_line
    out = [f"licaudit diff: {t(_label(diff['old']))} -> {t(_label(diff['new']))}", ""]
    models = diff["models"]
    sections = [
        ("Models added", [f"+ {t(m['id'])}  {_value(m['license'])}  {m['verdict']}"
                          for m in models["added"]]),
        ("Models removed", [f"- {t(m['id'])}  {_value(m['license'])}" for m in models["removed"]]),
        ("Changed", [f"~ {t(ch['id'])}  {ch['field']}: {_value(ch['old'])} -> {_value(ch['new'])}"
                     for ch in models["changed"]]),
        ("New findings", [_finding_line(f) for f in diff["findings"]["new"]]),
        ("Resolved findings", [_finding_line(f) for f in diff["findings"]["resolved"]]),
    ]  # fmt: skip
    for title, lines in sections:
        if lines:
            out.append(f"{title} ({len(lines)}):")
            out += [f"  {line}" for line in lines]
            out.append("")
    if all(not lines for _, lines in sections):
        out += ["No change to the models or the findings.", ""]
    out.append(_summary(diff))
    return "\n".join(out) + "\n"


def _markdown(diff: dict[str, Any]) -> str:
    mk = MD
    out = [
        "## License review: what this change adds",
        "",
        mk.fmt("From {} to {}.", _label(diff["old"]), _label(diff["new"])),
        "",
        mk.fmt("{}", mk.strong(_summary(diff))),
        "",
    ]
    models = diff["models"]
    rows = [
        [mk.markup("added"), mk.text(m["id"]), mk.fmt("license {}, verdict {}",
                                                      _value(m["license"]), m["verdict"])]
        for m in models["added"]
    ] + [
        [mk.markup("removed"), mk.text(m["id"]), mk.fmt("license {}", _value(m["license"]))]
        for m in models["removed"]
    ] + [
        [mk.markup("changed"), mk.text(ch["id"]),
         mk.fmt("{}: {} → {}", ch["field"], _value(ch["old"]), _value(ch["new"]))]
        for ch in models["changed"]
    ]  # fmt: skip
    if rows:
        out += ["| Change | Model | Detail |", "| --- | --- | --- |"]
        out += [f"| {' | '.join(row)} |" for row in rows]
        out.append("")
    for title, findings in (
        ("New findings", diff["findings"]["new"]),
        ("Resolved findings", diff["findings"]["resolved"]),
    ):
        if findings:
            out += [f"### {title} ({len(findings)})", ""]
            for f in findings:
                head, subs = c.finding_parts(f, mk)
                out.append(f"- {head}")
                out += [f"  - {sub}" for sub in subs]
            out.append("")
    if not rows and not diff["findings"]["new"] and not diff["findings"]["resolved"]:
        out += ["No change to the models or the findings.", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render(diff: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return jsontext.dumps(diff, sort_keys=True, ensure_ascii=False) + "\n"
    if fmt == "text":
        return _text(diff)
    if fmt == "markdown":
        return _markdown(diff)
    if fmt == "github":
        return annotations(diff["findings"]["new"])
    raise LicauditError(f"unknown diff format '{fmt}' (choose from {', '.join(FORMATS)})")

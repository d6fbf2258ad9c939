"""Text and JSON views of the knowledge base for ``licaudit licenses ...``.

``show_text`` says what a license asks through ``obligations.obligations`` (the same items the
``obligations`` finding and the review checklist render), around the facts only it shows
(flags, derivatives, governing law, termination, notes, sources)."""

from __future__ import annotations

import difflib
import itertools
import textwrap
from typing import Any

from .. import jsontext
from ..errors import LicauditError
from ..resources import schema
from . import KnowledgeBase, License, normalize
from .identify import Identification
from .obligations import (
    Attribution,
    Cap,
    CommercialUse,
    Display,
    Geographic,
    Hosting,
    LicenseCopy,
    ModificationNotice,
    Naming,
    NoEndorsement,
    Notice,
    Obligation,
    OutputRestriction,
    ProhibitedUses,
    ResearchScope,
    UsePolicy,
    UserLimit,
    obligations,
)

CATEGORIES = tuple(
    schema("license")["properties"]["category"]["enum"]
)  # as the license schema lists them
WIDTH = 100


def find(kb: KnowledgeBase, name: str) -> License:
    """The license ``name`` names (id, SPDX id or alias), or a LicauditError suggesting close matches."""
    lic = kb.lookup(name)
    if lic is not None:
        return lic
    keys: dict[str, str] = {}
    for item in kb:
        for key in (item.id, item.spdx, *item.aliases):
            keys.setdefault(normalize(key), item.id)
    close = difflib.get_close_matches(normalize(name), list(keys), n=8, cutoff=0.6)
    ids = list(dict.fromkeys(keys[k] for k in close))[:4]
    hint = f" (did you mean: {', '.join(ids)}?)" if ids else " (see `licaudit licenses list`)"
    raise LicauditError(f"unknown license '{name}'{hint}")


def summary_row(lic: License) -> dict[str, Any]:
    return {
        "id": lic.id,
        "name": lic.name,
        "spdx": lic.spdx,
        "category": lic.category,
        "commercial_use": lic.terms.get("commercial_use"),
        "licensor": lic.licensor_name,
        "country": lic.licensor_country,
        "placeholder": lic.placeholder,
    }


def list_json(licenses: list[License]) -> str:
    return (
        jsontext.dumps({"licenses": [summary_row(lic) for lic in licenses]}, ensure_ascii=False)
        + "\n"
    )


def list_text(licenses: list[License]) -> str:
    if not licenses:
        return "no licenses\n"
    rows = [
        (
            lic.id,
            lic.category,
            lic.terms.get("commercial_use", ""),
            lic.licensor_country or "-",
            lic.name,
        )
        for lic in licenses
    ]
    head = ("ID", "CATEGORY", "COMMERCIAL", "CC", "NAME")
    widths = [max(len(r[i]) for r in [*rows, head]) for i in range(4)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True)) + "  " + row[4]
        for row in [head, *rows]
    ]
    lines.append(f"{len(licenses)} license{'s' if len(licenses) != 1 else ''}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def show_json(lic: License) -> str:
    return jsontext.dumps(dict(lic.data), ensure_ascii=False) + "\n"


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(str(text).split()),
        WIDTH,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [first or indent]


def _items(label: str, items) -> list[str]:
    items = [i for i in items or () if i]
    if not items:
        return []
    out = [f"  {label}:"]
    for item in items:
        out += _wrap(item, "      ", "    - ")
    return out


def _labels(terms: Any, pairs: tuple[tuple[str, str], ...]) -> list[str]:
    """The label of each key set in ``terms``, in the order given."""
    return [label for key, label in pairs if terms.get(key)]


def _show(kind: type, items: list[Obligation]) -> list[str]:
    """``licenses show``'s words for a run of obligations of one kind."""
    item = items[0]
    match item:
        case Display():
            return _wrap(
                f'Display: "{item.text}"' + (f" ({item.when})" if item.when else "")
            ) + _wording(item.wording)
        case ModificationNotice():
            return [
                "  Modified files and derivatives must carry prominent notices of the change."
            ] + _wording(item.wording)
        case NoEndorsement():
            return ["  Do not imply the licensor's endorsement."] + _wording(item.wording)
        case ProhibitedUses():
            return _items("Never use it for", list(item.uses))
        case ResearchScope():
            return _wrap(f"Research: {item.text}")
        case Cap():
            return _wrap(
                f"Threshold: {item.text}. {'Duty' if item.duty else 'Above it'}: {item.above}"
                + (f" Measured: {item.measured}" if item.measured else "")
            )
        case Naming():
            return _wrap(f"Naming: {item.rule}")
        case LicenseCopy():
            return ["  Ship a copy of the license with every redistribution."] + _wording(
                item.wording
            )
        case Notice():
            return _wrap(f'Notice file text: "{item.text}"') + _wording(item.wording)
        case UsePolicy():
            how = [
                label
                for flag, label in (
                    (item.incorporated, "incorporated by reference"),
                    (item.pass_on, "MUST be passed on to downstream users as an enforceable term"),
                    (item.updatable, "the licensor may update it"),
                )
                if flag
            ]
            return _wrap(
                f"Use policy: {item.name}"
                + (f" <{item.url}>" if item.url else "")
                + (f" ({'; '.join(how)})" if how else "")
            )
        case Attribution():
            return _items("Attribution", [x.text for x in items])
        case CommercialUse():
            return []  # the first line says it, for every license
        case UserLimit():
            return _wrap(
                f"User limit: {item.threshold:,} monthly active users. Above it: {item.above}"
                + (f" Measured: {item.measured}" if item.measured else "")
            )
        case Hosting():
            return _wrap("Hosting: offering the model as a service may need a separate license.")
        case Geographic():
            return _items("Geographic restrictions", [_region(x) for x in items])
        case OutputRestriction():
            return _items("Outputs", [x.text for x in items])
    raise AssertionError(f"no words for {kind.__name__}")


def _wording(sentences: tuple[str, ...]) -> list[str]:
    """The license's own sentences for a duty, under it."""
    return [
        line
        for text in sentences
        for line in _wrap(f"in the license's words: {text}", "      ", "    ")
    ]


def _region(geo: Geographic) -> str:
    scope = f" ({', '.join(geo.modalities)} models)" if geo.modalities else ""
    text = f"{geo.region}{scope}: {geo.description}"
    if geo.who:
        text += f" Who: {geo.who}"
    if geo.exempt:
        text += f" Exempt: {geo.exempt}"
    return text


def show_text(lic: License) -> str:
    d, t = lic.data, lic.terms
    when = ", ".join(
        x for x in (f"version {d['version']}" if d.get("version") else "", d.get("date") or "") if x
    )
    out = [f"{lic.id}: {lic.name}" + (f" ({when})" if when else "")]
    licensor = lic.licensor_name or "no single licensor"
    if lic.licensor_country:
        licensor += f" ({lic.licensor_country})"
    out.append(f"  SPDX: {lic.spdx}   category: {lic.category}   licensor: {licensor}")
    if lic.url:
        out.append(f"  URL: {lic.url}")
    if d.get("summary"):
        out.append("")
        out += _wrap(d["summary"], "", "")
    if lic.placeholder:
        out.append("")
        out.append(
            "  This id is a placeholder: it names no license terms. Find the actual license."
        )
        return "\n".join(out) + "\n"
    out += ["", "What you must know:"]
    cu = t.get("commercial_use", "unknown")
    out += _wrap(
        f"Commercial use: {cu}" + (f". {t['commercial_note']}" if t.get("commercial_note") else "")
    )
    flags = _labels(
        t,
        (
            ("research_only", "research use only"),
            ("non_production", "non-production use only"),
            ("remote_restriction", "the licensor may restrict your use remotely"),
            ("share_alike", "share-alike: adaptations keep the license"),
            ("patent_grant", "includes a patent license"),
        ),
    )
    if flags:
        out += _wrap("Also: " + "; ".join(flags) + ".")
    for kind, items in itertools.groupby(obligations(t), type):
        out += _show(kind, list(items))
    der = t.get("derivatives")
    if der:
        bits = _labels(
            der,
            (
                ("must_carry_license", "derivatives must carry this license"),
                (
                    "includes_outputs_training",
                    "models trained on its outputs or distilled from it count as derivatives",
                ),
            ),
        )
        if der.get("note"):
            bits.append(der["note"])
        if bits:
            out += _wrap("Derivatives: " + "; ".join(bits))
    if t.get("governing_law"):
        out += _wrap(f"Governing law: {t['governing_law']}")
    out += _items("Termination", t.get("termination"))
    if d.get("notes"):
        out.append("")
        out += ["Notes:"] + [line for n in d["notes"] for line in _wrap(n, "    ", "  - ")]
    out.append("")
    out += _wrap("Aliases: " + (", ".join(lic.aliases) if lic.aliases else "none"), "  ", "")
    out.append("Sources:")
    for s in d.get("sources", ()):
        out += _wrap(f"{s['source']} [{s.get('verified', 'unverified')}]", "    ", "  - ")
    return "\n".join(out) + "\n"


def identification_json(path: str, ident: Identification) -> str:
    doc = {
        "file": path,
        "license": ident.license,
        "kind": ident.kind,
        "confidence": ident.confidence,
        "reason": ident.reason,
    }
    return jsontext.dumps(doc, ensure_ascii=False) + "\n"


def identification_text(path: str, ident: Identification) -> str:
    """One line per file (``scrub.one_line``: the file name and the phrases quoted from the text
    cannot reach the terminal as control characters)."""
    from ..scrub import one_line

    if ident.license is None:
        return f"{one_line(path)}: {one_line(ident.reason)}\n"
    what = "use policy of" if ident.kind == "use-policy" else "license"
    return (
        f"{one_line(path)}: {what} {ident.license} (confidence {ident.confidence:.2f}): "
        f"{one_line(ident.reason)}\n"
    )

"""What the human-facing formats (text, markdown, html, notice, github) share.

Everything here reads the JSON report document only — never the scanner or the knowledge base —
so a saved report renders exactly as the scan did. The helpers return plain data; each format
does its own escaping (see ``markdown.md_escape`` and ``html.escape``): nothing returned here is
safe to paste into markup as is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

# model verdicts, worst first
BLOCKED, REVIEW, WAIVED, OK, SUPPRESSED, BASE = "blocked", "review", "waived", "ok", "suppressed", "base"
VERDICT_LABELS = {
    BLOCKED: "Blocked",
    REVIEW: "Needs sign-off",
    WAIVED: "Approved by waiver",
    OK: "OK",
    SUPPRESSED: "Suppressed in the code",
    BASE: "Checked through the models built on it",
}


def one_line(text: Any) -> str:
    """A value as a single line of text: control characters (newlines included) become spaces."""
    if text is None:
        return ""
    s = str(text)
    return "".join(" " if (ord(c) < 32 or ord(c) == 127 or c in "\u2028\u2029\u0085") else c for c in s).strip()


def safe_url(url: Any) -> str | None:
    """``url`` when it is an absolute http(s) URL, percent-encoded so it cannot break out of a
    Markdown link or an HTML attribute; ``None`` for anything else (``javascript:``, ``data:``,
    relative paths, URLs with white space or control characters)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ord(c) < 33 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def where(loc: dict[str, Any], column: bool = False) -> str:
    """``path:line`` (``path:line:column`` with ``column``), ``path`` when the line is unknown;
    notebook cells as ``path[cell N]:line``."""
    path = loc["path"]
    if loc.get("cell") is not None:
        path = f"{path}[cell {loc['cell']}]"
    if not loc.get("line"):
        return path
    if column and loc.get("column"):
        return f"{path}:{loc['line']}:{loc['column']}"
    return f"{path}:{loc['line']}"


def active(finding: dict[str, Any]) -> bool:
    return not finding.get("waived")


def blocking_rank(doc: dict[str, Any]) -> int:
    """The lowest severity rank that fails the policy (errors always block a model)."""
    fail_on = doc["policy"].get("fail_on", "error")
    return SEVERITY_RANK.get(fail_on, SEVERITY_RANK["error"])


def findings_for(doc: dict[str, Any], model_id: str | None) -> list[dict[str, Any]]:
    return [f for f in doc["findings"] if f["model"] == model_id]


def model_verdict(doc: dict[str, Any], model: dict[str, Any]) -> str:
    if model.get("suppressed"):
        return SUPPRESSED
    mine = findings_for(doc, model["id"])
    if not model.get("direct", True) and not mine:
        return BASE
    live = [f for f in mine if active(f)]
    threshold = min(blocking_rank(doc), SEVERITY_RANK["error"])
    if any(SEVERITY_RANK[f["severity"]] >= threshold for f in live):
        return BLOCKED
    if any(f["severity"] in ("error", "warning") for f in live):
        return REVIEW
    if any(not active(f) for f in mine):
        return WAIVED
    return OK


def license_entry(doc: dict[str, Any], lic_id: str | None) -> dict[str, Any] | None:
    if not lic_id:
        return None
    return doc.get("licenses", {}).get(lic_id)


def license_name(doc: dict[str, Any], lic_id: str | None) -> str:
    entry = license_entry(doc, lic_id)
    if entry:
        return entry.get("name") or lic_id or "unknown"
    return lic_id or "unknown"


def license_category(doc: dict[str, Any], lic_id: str | None) -> str:
    entry = license_entry(doc, lic_id)
    return (entry or {}).get("category") or "unknown"


def bound_licenses(model: dict[str, Any]) -> list[dict[str, Any]]:
    """The model's effective licenses, one per license id (the shortest chain wins), own first."""
    best: dict[Any, dict[str, Any]] = {}
    for eff in model.get("effective_licenses", []):
        key = eff["license"]
        if key not in best or len(eff["chain"]) < len(best[key]["chain"]):
            best[key] = eff
    return sorted(best.values(), key=lambda e: (len(e["chain"]), e["license"] or "", e["model"]))


def lineage(model: dict[str, Any]) -> list[str]:
    """The longest lineage chain the model's effective licenses walk (model -> base -> ...)."""
    chains = [e["chain"] for e in model.get("effective_licenses", [])]
    longest = max(chains, key=len, default=[model["id"]])
    return list(longest) if len(longest) > 1 else [model["id"]]


def organization_mau(doc: dict[str, Any]) -> int | None:
    value = doc["policy"].get("organization", {}).get("monthly_active_users")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Obligation:
    """One thing a license asks the team to do (or know), for the legal review checklist."""

    kind: str  # display | notice | license-copy | naming | use-policy | mau | attribution | geographic | output | commercial
    license: str  # license id
    text: str  # the obligation, plain text
    detail: str = ""  # exact text to display/ship, or the threshold comparison
    url: str | None = None  # a link (use policy, license text), unchecked: pass through safe_url
    status: str = ""  # for mau: below | above | unknown
    via: tuple[str, ...] = field(default=())  # lineage chain when inherited


def _fmt_int(n: int) -> str:
    return f"{n:,}"


def obligations(doc: dict[str, Any], lic_id: str, chain: list[str] | tuple[str, ...] = ()) -> list[Obligation]:
    """The checklist one license brings, read from the document's ``licenses`` terms."""
    entry = license_entry(doc, lic_id)
    if not entry or not entry.get("known"):
        return []
    terms = entry.get("terms") or {}
    via = tuple(chain) if len(chain) > 1 else ()
    out: list[Obligation] = []

    def add(kind: str, text: str, **kw: Any) -> None:
        out.append(Obligation(kind=kind, license=lic_id, text=text, via=via, **kw))

    if terms.get("display_text"):
        add("display", "Display this attribution prominently (website, user interface, documentation)", detail=terms["display_text"])
    if terms.get("notice_text"):
        add("notice", "Ship a notice file containing this text", detail=terms["notice_text"])
    if terms.get("license_copy"):
        add("license-copy", f"Give a copy of the {entry.get('name') or lic_id} with any redistribution", url=entry.get("url"))
    naming = terms.get("naming")
    if naming:
        prefix = naming.get("prefix")
        add("naming", naming["rule"], detail=f"required name prefix: {prefix}" if prefix else "")
    policy = terms.get("use_policy")
    if policy:
        name = policy.get("name") or "the acceptable use policy"
        text = f"Follow {name}"
        if policy.get("pass_on"):
            text += " and pass it on to your users as an enforceable term"
        add("use-policy", text, url=policy.get("url"))
    mau = terms.get("mau_limit")
    if mau:
        threshold = mau["threshold"]
        org = organization_mau(doc)
        if org is None:
            status, detail = "unknown", f"limit {_fmt_int(threshold)}; the policy does not state the organization's figure (organization.monthly_active_users)"
        elif org >= threshold:
            status, detail = "above", f"limit {_fmt_int(threshold)}; the organization reports {_fmt_int(org)}"
            if mau.get("above"):
                detail += f": {mau['above']}"
        else:
            status, detail = "below", f"limit {_fmt_int(threshold)}; the organization reports {_fmt_int(org)}"
        add("mau", "Stay within the monthly active users limit", detail=detail, status=status)
    for item in terms.get("attribution") or []:
        add("attribution", item)
    for geo in terms.get("geographic_restrictions") or []:
        text = f"{geo['region']}: {geo['description']}"
        if geo.get("modalities"):
            text += f" (applies to {', '.join(geo['modalities'])} models)"
        add("geographic", text, detail=geo.get("exempt", ""))
    for item in terms.get("output_restrictions") or []:
        add("output", item)
    if terms.get("commercial_use") in ("conditional", "prohibited"):
        add("commercial", f"Commercial use is {terms['commercial_use']}", detail=terms.get("commercial_note", ""))
    return out


def model_obligations(doc: dict[str, Any], model: dict[str, Any]) -> list[tuple[dict[str, Any], list[Obligation]]]:
    """(effective license, its checklist) for every license that binds the model, own first."""
    return [(eff, obligations(doc, eff["license"], eff["chain"])) for eff in bound_licenses(model) if eff["license"]]


@dataclass
class NoticeGroup:
    license: str
    entry: dict[str, Any] | None
    uses: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (model id, chain when inherited)


def notice_groups(doc: dict[str, Any]) -> tuple[list[NoticeGroup], list[str]]:
    """(one group per license binding a used model, ids of used models with no known license).

    "Used" means referenced by the repository and not suppressed; a license binds the model
    itself or through its lineage (a fine-tune carries its base model's license)."""
    groups: dict[str, NoticeGroup] = {}
    unknown: list[str] = []
    for model in doc["models"]:
        if not model["direct"] or model["suppressed"]:
            continue
        bound = [e for e in bound_licenses(model) if e["license"]]
        if not bound:
            unknown.append(model["id"])
        for eff in bound:
            group = groups.setdefault(eff["license"], NoticeGroup(eff["license"], license_entry(doc, eff["license"])))
            group.uses.append((model["id"], tuple(eff["chain"]) if len(eff["chain"]) > 1 else ()))
    for group in groups.values():
        group.uses.sort(key=lambda u: (u[0].lower(), u[0], u[1]))
    ordered = sorted(groups.values(), key=lambda g: ((g.entry or {}).get("name") or g.license).lower())
    return ordered, sorted(set(unknown), key=lambda s: (s.lower(), s))


def iter_findings(doc: dict[str, Any], severity: str) -> Iterator[dict[str, Any]]:
    return (f for f in doc["findings"] if f["severity"] == severity)


def count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"

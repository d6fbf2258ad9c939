"""What every source shares when it builds a ``ModelRecord``: declared licenses mapped to the
knowledge base, the publisher as the catalog knows it, card values read defensively."""

from __future__ import annotations

from typing import Any

from .. import lazyre
from ..licensing import License, knowledge_base
from ..licensing.expression import ExpressionError, looks_like_expression, parse_expression
from ..model import Fact, Publisher
from .catalog import Catalog


def license_id(declared: str | None) -> str | None:
    """The knowledge-base id of a declared license, else the declared value as is."""
    if not declared:
        return None
    lic = knowledge_base().lookup(declared) or restated(declared)
    return lic.id if lic else declared


_QUALIFIED = lazyre.compile(r"^(?P<id>[^()\[\]]+?)\s*[(\[](?P<words>[^()\[\]]*)[)\]]\s*\.?$")
_WORD = lazyre.compile(r"[a-z0-9]+")
_FILLER = {
    "license",
    "licence",
    "version",
    "v",
}  # never "only", "or", "later": they change a license


def restated(declared: str) -> License | None:
    """The license a declared value names with a qualifier that only restates the license
    (``cc-by-nc-4.0 (Non-Commercial)``: every word of it is in the license's own name or ids).
    A qualifier that says anything else (``MIT (modified)``, ``gpl-3.0 (or later)``) leaves
    the value unknown: it may be other terms."""
    m = _QUALIFIED.match(declared.strip())
    if m is None:
        return None
    lic = knowledge_base().lookup(m["id"])
    if lic is None:
        return None
    own = "".join(_WORD.findall(" ".join((lic.name, lic.id, lic.spdx, *lic.aliases)).lower()))
    words = [w for w in _WORD.findall(m["words"].lower()) if w not in _FILLER]
    return lic if all(w in own for w in words) else None


def license_fields(declared: Any, license_name: str | None = None) -> tuple[str | None, str | None]:
    """(license, license_expression) for a declared license.

    ``other`` + ``license_name`` is the knowledge-base id of the name; a list is every license
    at once (an ``AND`` expression); an SPDX expression is kept as written."""
    if isinstance(declared, (list, tuple)):
        items = [str(x).strip() for x in declared if str(x).strip()]
        if not items:
            declared = None
        elif len(items) == 1:
            declared = items[0]
        else:
            declared = " AND ".join(items)
    if declared is None:
        return None, None
    declared = str(declared).strip()
    if not declared:
        return None, None
    if declared.lower() == "other" and license_name:
        return license_id(str(license_name).strip()), None
    qualified = restated(declared)
    if qualified is not None:
        return qualified.id, None
    if looks_like_expression(declared):
        return _expression_license(declared), declared
    return license_id(declared), None


def _expression_license(expression: str) -> str:
    """The license value for a declared SPDX expression: the expression with knowledge-base ids
    (``Apache-2.0 OR MIT`` -> ``apache-2.0 OR mit``), as the policy engine expands it; the
    expression as declared when it does not parse."""
    try:
        return parse_expression(expression).normalized or expression
    except ExpressionError:
        return expression


def catalog_publisher(cat: Catalog, org: str | None, provenance: dict[str, Fact]) -> Publisher:
    """The publisher of ``org`` as the catalog knows it (its fact added to ``provenance``), else
    the org alone."""
    pub = cat.publisher(org)
    if pub is None:
        return Publisher(org=org)
    provenance["publisher"] = Fact("catalog", f"publisher {pub.org} ({pub.source})")
    return Publisher(name=pub.name, country=pub.country, org=org)


def as_tuple(value: Any) -> tuple[str, ...]:
    """A card value that may be one string or a list of them, as a tuple of non-empty strings."""
    if not value:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v).strip() for v in value if isinstance(v, str) and v.strip())
    return ()

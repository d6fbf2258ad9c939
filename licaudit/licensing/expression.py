"""SPDX license expressions (``apache-2.0 OR mit``, ``MIT AND CC-BY-4.0``,
``GPL-2.0 WITH Classpath-exception-2.0``), parsed with the ``license-expression`` library and
resolved against the knowledge base.

    >>> r = parse_expression("apache-2.0 OR mit")
    >>> r.operator, r.licenses, r.choices
    ('OR', ('apache-2.0', 'mit'), (('apache-2.0',), ('mit',)))

Symbols the knowledge base does not know are kept as written and listed in ``unknown``.
"""

from __future__ import annotations

import functools
import re

from .. import lazyre
from ..errors import LicauditError
from ..recordtype import dataclass
from . import KnowledgeBase, knowledge_base

MAX_CHOICES = (
    64  # an expression whose expansion into alternatives is larger is not expanded further
)

_OPERATOR_WORD = lazyre.compile(r"(?:^|[\s()])(?:and|or|with)(?:$|[\s()])", re.IGNORECASE)


class ExpressionError(LicauditError):
    """The text is not a valid SPDX license expression."""


@dataclass(frozen=True)
class Expression:
    """A parsed license expression.

    - ``text``: the input as given.
    - ``normalized``: the expression re-rendered with knowledge-base ids where a symbol resolved
      (``apache-2.0 OR mit``), so equal expressions compare equal.
    - ``operator``: ``"OR"`` or ``"AND"`` at the top level, ``None`` for a single license
      (possibly ``WITH`` an exception).
    - ``licenses``: every component license in order of appearance, de-duplicated: the
      knowledge-base id when it resolves, else the symbol as written.
    - ``unknown``: the symbols the knowledge base does not know (as written).
    - ``exceptions``: the ``WITH`` exception symbols.
    - ``choices``: the alternatives (disjunctive normal form): a user must satisfy all the
      licenses of ONE choice. ``a OR b`` gives ``((a,), (b,))``; ``a AND b`` gives ``((a, b),)``.
    """

    text: str
    normalized: str
    operator: str | None
    licenses: tuple[str, ...]
    unknown: tuple[str, ...]
    exceptions: tuple[str, ...]
    choices: tuple[tuple[str, ...], ...]

    @property
    def is_compound(self) -> bool:
        return self.operator is not None

    @property
    def is_choice(self) -> bool:
        """True when the licensee may pick among alternatives (an OR somewhere that matters)."""
        return len(self.choices) > 1


def looks_like_expression(text: str | None) -> bool:
    """True when ``text`` contains an AND / OR / WITH operator word or parentheses, i.e. it
    should go through :func:`parse_expression` rather than a plain alias lookup."""
    if not text:
        return False
    return bool(_OPERATOR_WORD.search(text)) or "(" in text


@functools.cache
def _licensing():
    from license_expression import Licensing

    return Licensing()


def parse_expression(text: str, kb: KnowledgeBase | None = None) -> Expression:
    """Parse ``text`` as an SPDX license expression and resolve each symbol through the
    knowledge base (by id, SPDX id or alias). Raises :class:`ExpressionError` when the text is
    empty or not a valid expression."""
    from license_expression import ExpressionError as _LibError
    from license_expression import ExpressionParseError

    kb = kb or knowledge_base()
    if not text or not text.strip():
        raise ExpressionError("empty license expression")
    try:
        tree = _licensing().parse(text, validate=False, strict=False)
    except (_LibError, ExpressionParseError) as exc:
        raise ExpressionError(
            f"invalid license expression '{text.strip()}': {str(exc).splitlines()[0]}"
        ) from exc
    except Exception as exc:  # the library raises assorted errors on odd input
        raise ExpressionError(
            f"invalid license expression '{text.strip()}': {type(exc).__name__}"
        ) from exc
    if tree is None:
        raise ExpressionError("empty license expression")
    return _build(text, tree, kb)


def _build(text: str, tree, kb: KnowledgeBase) -> Expression:
    from license_expression import LicenseSymbol, LicenseWithExceptionSymbol

    licenses: list[str] = []
    unknown: list[str] = []
    exceptions: list[str] = []

    def resolve(symbol) -> str:
        key = symbol.key
        lic = kb.lookup(key)
        if lic is None:
            if key not in unknown:
                unknown.append(key)
            return key
        return lic.id

    def walk(node) -> tuple[str, list[tuple[str, ...]]]:
        """(rendered text, DNF choices) of a node; collects licenses and exceptions."""
        if isinstance(node, LicenseWithExceptionSymbol):
            lid = resolve(node.license_symbol)
            exc = node.exception_symbol.key
            if lid not in licenses:
                licenses.append(lid)
            if exc not in exceptions:
                exceptions.append(exc)
            return f"{lid} WITH {exc}", [(lid,)]
        if isinstance(node, LicenseSymbol):
            lid = resolve(node)
            if lid not in licenses:
                licenses.append(lid)
            return lid, [(lid,)]
        op = _op_name(node)
        parts = [walk(arg) for arg in node.args]
        rendered = f" {op} ".join(
            f"({r})" if _op_name_or_none(arg) not in (None, op) else r
            for (r, _), arg in zip(parts, node.args, strict=True)
        )
        if op == "OR":
            choices = [c for _, cs in parts for c in cs]
        else:
            choices = [()]
            for _, cs in parts:
                choices = [tuple(dict.fromkeys(a + b)) for a in choices for b in cs][:MAX_CHOICES]
        return rendered, _dedupe(choices)[:MAX_CHOICES]

    rendered, choices = walk(tree)
    return Expression(
        text=text,
        normalized=rendered,
        operator=_op_name_or_none(tree),
        licenses=tuple(licenses),
        unknown=tuple(unknown),
        exceptions=tuple(exceptions),
        choices=tuple(choices),
    )


def _op_name(node) -> str:
    name = type(node).__name__.upper()
    if name not in ("AND", "OR"):
        raise ExpressionError(f"unsupported license expression node {type(node).__name__}")
    return name


def _op_name_or_none(node) -> str | None:
    from license_expression import LicenseSymbol, LicenseWithExceptionSymbol

    if isinstance(node, LicenseSymbol | LicenseWithExceptionSymbol):
        return None
    return _op_name(node)


def _dedupe(choices: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    seen: dict[frozenset[str], tuple[str, ...]] = {}
    for c in choices:
        seen.setdefault(frozenset(c), c)
    return list(seen.values())

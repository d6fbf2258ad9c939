"""The indented JSON text of every report and of the lockfile, written at C speed where it counts.

``json.dumps(..., indent=2)`` runs the standard library's pure-Python encoder (its C encoder only
writes compact text), which costs a large report (thousands of locations) a noticeable share of a
scan. ``dumps`` gives exactly the same text: strings go through the C string encoder, containers
are joined here. Anything it does not know (another type, a key that is not a string, a float
that is not finite) is left to ``json.dumps`` itself, so the bytes never differ.
"""

from __future__ import annotations

import json
from json.encoder import c_make_encoder, encode_basestring, encode_basestring_ascii
from typing import Any

# The types a container may hold for the C encoder to write it whole (``leaf`` in ``dumps``):
# exactly these types, none of their subclasses, so that its text is json's own; a float goes
# the long way (a non-finite one is left to json).
_SCALARS = frozenset({str, int, bool, type(None)})


class _Fallback(Exception):
    pass


def dumps(value: Any, *, sort_keys: bool = False, ensure_ascii: bool = True) -> str:
    """``json.dumps(value, indent=2, sort_keys=sort_keys, ensure_ascii=ensure_ascii)``."""
    string = encode_basestring_ascii if ensure_ascii else encode_basestring
    leaf_encoders: dict[str, Any] = {}

    def leaf(o: Any, inner: str, indent: str) -> str:
        """A container of scalars alone, at the depth ``inner`` indents its items to: written
        by the C encoder in one call, its items separated by a comma, a line break and the
        indent (json's text for them at that depth), the brackets' own line breaks added."""
        encoder = leaf_encoders.get(inner)
        if encoder is None:
            encoder = leaf_encoders[inner] = c_make_encoder(
                None, None, string, None, ": ", "," + inner, sort_keys, False, True
            )
        text = "".join(encoder(o, 0))
        return text[0] + inner + text[1:-1] + indent + text[-1]

    def encode(o: Any, indent: str) -> str:
        kind = type(o)
        if kind is str:
            return string(o)
        if kind is dict:
            if not o:
                return "{}"
            inner = indent + "  "
            keys = list(o)
            if any(type(k) is not str for k in keys):
                raise _Fallback
            if c_make_encoder is not None and _SCALARS.issuperset(map(type, o.values())):
                return leaf(o, inner, indent)
            if sort_keys:
                keys.sort()
            parts = [string(k) + ": " + encode(o[k], inner) for k in keys]
            return "{" + inner + ("," + inner).join(parts) + indent + "}"
        if kind is list or kind is tuple:
            if not o:
                return "[]"
            inner = indent + "  "
            if c_make_encoder is not None and _SCALARS.issuperset(map(type, o)):
                return leaf(o, inner, indent)
            return "[" + inner + ("," + inner).join([encode(v, inner) for v in o]) + indent + "]"
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if kind is int:
            return int.__repr__(o)
        if kind is float and o == o and o not in (float("inf"), float("-inf")):
            return float.__repr__(o)
        raise _Fallback

    try:
        return encode(value, "\n")
    except (_Fallback, RecursionError):
        return json.dumps(value, indent=2, sort_keys=sort_keys, ensure_ascii=ensure_ascii)

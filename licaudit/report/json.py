"""The JSON report: keys sorted, two-space indent, one trailing newline."""

from __future__ import annotations

import json

from .contract import Report


def render(doc: Report) -> str:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

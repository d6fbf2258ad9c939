"""The JSON report: keys sorted, two-space indent, one trailing newline."""

from __future__ import annotations

from .. import jsontext
from .contract import Report


class JsonFormat:
    """The JSON report itself: keys sorted, two-space indent, one trailing newline."""

    name = "json"
    filename = "licaudit.json"

    def render(self, doc: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        return jsontext.dumps(doc, sort_keys=True, ensure_ascii=False) + "\n"

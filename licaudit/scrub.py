"""The one scrub for text that reaches a terminal or a log.

Text licaudit did not write — a model card's license name, a file name, a Hub answer, a value
quoted in an error — may hold control characters: an escape sequence that retitles the
terminal or fakes colours (OSC, CSI), a BEL, a carriage return that overwrites the line, a
newline that forges the next line of a CI log or a new tag-value field, bidirectional overrides
that show text in another order than it is. ``one_line`` turns each of them into a space, so
such text shows as one plain line. Every format that prints for people (text, Markdown, HTML,
GitHub annotations, SPDX tag-value) and every message of the command line uses it; formats that
encode their strings themselves (JSON, SARIF, CycloneDX, SPDX JSON) keep the text as it was.
"""

from __future__ import annotations

from typing import Any

# C0 controls, DEL, C1 controls (the 8-bit CSI and OSC among them), the Unicode line and
# paragraph separators, and the bidirectional embedding, override, isolate and mark characters.
_CONTROLS = (
    [*range(0x00, 0x20), *range(0x7F, 0xA0)]
    + [0x2028, 0x2029]
    + [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)
_TABLE = dict.fromkeys(_CONTROLS, " ")


def one_line(text: Any) -> str:
    """``text`` (any value; None is empty) as a single plain line: every control character a
    space, the ends stripped."""
    if text is None:
        return ""
    return str(text).translate(_TABLE).strip()

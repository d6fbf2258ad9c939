"""The Format seam: what a report format is to the rest of licaudit.

A format is an object with a ``name`` (its ``--format`` value), a ``filename`` (where
``--output-dir`` writes it) and ``render(document) -> str`` over the JSON report
(``report.contract.Report``). It never reaches back into scanning, so a saved report renders
exactly as the scan would have. ``color`` says whether the text goes to a terminal that shows
colours (never a pipe, a file, or ``NO_COLOR``); formats without colour ignore it. ``quiet``
(``--quiet``) asks a terminal view for the summary line and what fails the run only; documents
(JSON, SARIF, reviews, bills of materials) are complete whatever it says.

Every format is one class beside its module (``text.TextFormat``, ``sarif.SarifFormat`` ...),
registered once, in ``report.FORMATS``. A format that needs a heavy library (spdx-tools,
cyclonedx-python-lib, jinja2) imports it inside ``render``, so loading the registry costs
nothing and each library loads only when its format is asked for.
"""

from __future__ import annotations

from typing import Protocol

from .contract import Report


class Format(Protocol):
    name: str  # the --format value
    filename: str  # the default file name under --output-dir

    def render(self, document: Report, /, *, color: bool = False, quiet: bool = False) -> str:
        """The whole output for ``document``: the same report always gives the same text."""
        ...

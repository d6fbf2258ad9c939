"""click's progress bar on standard error, the one every long step draws (discovery of a large
tree, resolution on the Hub): drawn only on a terminal, never into a pipe, a file or CI logs."""

from __future__ import annotations

import sys


def progress_bar(label: str, length: int, show: bool = True, **options):
    """A bar of ``length`` steps; hidden unless ``show`` and standard error is a terminal.
    ``options`` go to ``click.progressbar`` (``item_show_func`` ...)."""
    import click

    return click.progressbar(
        length=length,
        label=label,
        file=sys.stderr,
        hidden=not (show and length and sys.stderr.isatty()),
        show_pos=True,
        show_eta=False,
        width=24,
        fill_char="#",
        empty_char=".",
        bar_template="%(label)s [%(bar)s] %(info)s",
        **options,
    )

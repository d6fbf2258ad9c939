"""click's progress bar on standard error, the one every long step draws (discovery of a large
tree, resolution on the Hub): drawn only on a terminal, never into a pipe, a file or CI logs."""

from __future__ import annotations

import sys


class _Hidden:
    """A bar that is not drawn (what click's is when hidden), without importing click's
    terminal support: a run whose standard error is no terminal never needs it."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.current_item = None
        self.pos = 0

    def __enter__(self) -> _Hidden:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def update(self, n_steps: int, current_item=None) -> None:
        self.pos += n_steps
        if current_item is not None:
            self.current_item = current_item

    def render_progress(self) -> None:
        return None


def progress_bar(label: str, length: int, show: bool = True, **options):
    """A bar of ``length`` steps; hidden unless ``show`` and standard error is a terminal.
    ``options`` go to ``click.progressbar`` (``item_show_func`` ...)."""
    if not (show and length and sys.stderr.isatty()):
        return _Hidden(length)
    import click

    return click.progressbar(
        length=length,
        label=label,
        file=sys.stderr,
        show_pos=True,
        show_eta=False,
        width=24,
        fill_char="#",
        empty_char=".",
        bar_template="%(label)s [%(bar)s] %(info)s",
        **options,
    )

"""The resolver's one seam: a ``Source`` is a place a model's facts come from.

The resolver (``licaudit.resolve.Resolver``) asks its sources in order about each model
(a ``Query``); the first that answers with a ``ModelRecord`` wins, and a source that has nothing
to say returns None so the next one is asked. The built-in chain (``resolve.default_sources``):

1. ``LockfileSource``: the pins of ``licaudit.lock``, used as is;
2. ``LocalSource``: what a local artifact declares about itself (``cards.ArtifactMetadata``);
3. ``RegistrySource``: a torch.hub repository or a torchaudio bundle, by the loader data's
   license for it (never the Hub);
4. ``OllamaSource``: an Ollama library tag, through the catalog's library table;
5. ``HubSource`` (online only): the Hugging Face Hub, cached on disk, with retries; when the Hub
   fails it answers from the catalog and says why;
6. ``CatalogSource``: the built-in catalog, which answers every Hub model (with ``unresolved``
   when it does not know it).

The resolver owns what is common to every source: the thread pool (lookups of one lineage level
run concurrently), lineage (every base model is queried in turn, cycle-safe and depth-bounded:
an ancestor beyond the bound is a record of its own with no license, never silently dropped),
the progress bar, the order of results, and interruption (Ctrl-C cancels every source). A source owns its own knowledge, caching and retries,
and may be called from several threads at once. A new source is one class: subclass ``Source``
(or write any class with ``name``, ``lookup`` and ``warnings``) and put it in the list. Two
methods are optional, with no-op defaults on ``Source``: ``unanswered`` (a source that may stand
in for an answer it could not get) and ``cancel`` (a source that waits on something).
"""

from __future__ import annotations

from typing import Protocol

from ..model import ModelRecord, ModelRef, model_key
from ..recordtype import dataclass


@dataclass(frozen=True)
class Query:
    """One model to resolve: referenced by the repository (``ref`` set) or reached through
    lineage as the base model of another (``ref`` None)."""

    id: str
    source: str  # huggingface | ollama | local | modelscope | torch-hub | torchaudio
    revision: str | None = None  # the revision the reference names, if any
    ref: ModelRef | None = None

    @property
    def key(self) -> str:
        return model_key(self.id, self.source)


class Source(Protocol):
    """A place a model's facts come from."""

    name: str  # a short label: lockfile, local, ollama, hub, catalog

    def lookup(self, query: Query) -> ModelRecord | None:
        """The record of ``query``'s model, or None when this source has no answer (the next
        source is asked). Never raises for a network or data problem: a failure this source
        cannot recover from is an answer too (a record whose ``unresolved`` says why)."""
        ...

    def warnings(self) -> list[str]:
        """Run-level warnings once every model is resolved (for example "the Hub could not be
        reached"); none by default."""
        return []

    def unanswered(self) -> dict[str, str]:
        """Optional. The models (by ``model_key``) this source should have answered and could not, with
        the reason: a failure that is no fact about the model (the Hub down, rate-limited,
        refusing access, sending an answer that cannot be read), or an answer worse than the pin
        it would replace. The record it gave instead is a stand-in: ``lock`` pins no stand-in,
        and ``--strict`` fails on them. None by default."""
        return {}

    def cancel(self) -> None:
        """Optional. Stop at once: the run was interrupted, lookups still running return as soon as they
        can (a source that never waits has nothing to do)."""

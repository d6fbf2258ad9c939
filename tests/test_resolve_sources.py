"""The resolver's seam: sources asked in order, the first answer wins, and a new source is one
class (here an in-house registry put in front of the Hub and of the catalog)."""

from __future__ import annotations

import threading

import pytest

from licaudit.cards import ArtifactMetadata
from licaudit.model import HUGGINGFACE, LOCAL, OLLAMA, Fact, Location, ModelRecord, ModelRef
from licaudit.resolve import Resolver, default_sources, resolve
from licaudit.resolve.hub import HubClient, HubSource
from licaudit.resolve.interface import Query, Source
from licaudit.resolve.sources import (
    CatalogSource,
    LocalSource,
    ModelScopeSource,
    OllamaSource,
    RegistrySource,
)

from .resolve_support import hub_environment, make_catalog, refs

LLAMA_BASE = "meta-llama/Llama-3.1-8B"


class Registry(Source):
    """An organization's own model registry: it knows a few models and nothing else."""

    name = "registry"

    def __init__(self, known: dict[str, str], log: list[tuple[str, str]] | None = None):
        self.known = {k.lower(): v for k, v in known.items()}
        self.log = log if log is not None else []
        self.lock = threading.Lock()

    def lookup(self, query: Query) -> ModelRecord | None:
        with self.lock:
            self.log.append((self.name, query.id))
        lic = self.known.get(query.id.lower()) if query.source == HUGGINGFACE else None
        if lic is None:
            return None
        return ModelRecord(
            id=query.id,
            source=query.source,
            license=lic,
            base_models=(LLAMA_BASE,),
            provenance={"license": Fact("registry", "in-house registry")},
        )


class Declines:
    """A source written without subclassing Source (the protocol is structural): it is asked,
    has no answer, and has a run-level warning to give."""

    name = "declines"

    def __init__(self, log: list[tuple[str, str]]):
        self.log = log

    def lookup(self, query: Query) -> ModelRecord | None:
        self.log.append((self.name, query.id))
        return None

    def warnings(self) -> list[str]:
        return ["the declining source was asked"]


def test_the_default_chain_in_order(tmp_path):
    cat = make_catalog(tmp_path)
    assert [type(s) for s in default_sources(cat)] == [
        LocalSource,
        RegistrySource,
        OllamaSource,
        ModelScopeSource,
        CatalogSource,
    ]
    chain = default_sources(cat, pins=None, hub=HubClient(cache=None))
    assert [s.name for s in chain] == [
        "local", "registry", "ollama", "modelscope", "hub", "catalog",
    ]  # fmt: skip


def test_a_new_source_is_asked_in_order_and_the_first_answer_wins(tmp_path):
    cat = make_catalog(tmp_path)
    log: list[tuple[str, str]] = []
    sources = default_sources(cat)
    catalog_at = next(i for i, s in enumerate(sources) if isinstance(s, CatalogSource))
    sources[catalog_at:catalog_at] = [Declines(log), Registry({"acme/catalogued": "mit"}, log)]
    local = ModelRef(
        "models/m",
        LOCAL,
        Location("models/m/README.md", 1),
        "model folder (model card)",
        metadata=ArtifactMetadata("card", "models/m/README.md", license="apache-2.0"),
    )
    found = [*refs("acme/catalogued", "acme/only-in-catalog"), local]
    res = Resolver(sources).resolve(found)

    # the registry answers before the catalog: its license wins over the catalog's cc-by-nc-4.0
    mine = res.get("acme/catalogued")
    assert mine.license == "mit" and mine.provenance["license"].source == "registry"
    # a model it does not know goes on to the catalog
    other = res.get("acme/only-in-catalog")
    assert other.license == "apache-2.0" and other.provenance["license"].source == "catalog"
    # the local artifact is answered before either source is reached
    assert res.get("models/m", LOCAL).license == "apache-2.0"
    assert ("registry", "models/m") not in log and ("declines", "models/m") not in log
    # asked in order, each about every model that got that far, lineage included
    for model in ("acme/catalogued", "acme/only-in-catalog", LLAMA_BASE):
        assert [name for name, asked in log if asked == model] == ["declines", "registry"]
    assert res.get(LLAMA_BASE).license == "llama3.1"  # the base the registry named
    assert res.warnings == ["the declining source was asked"]


def test_a_source_in_front_of_the_hub_saves_its_requests(monkeypatch, tmp_path):
    with hub_environment(monkeypatch, tmp_path) as hub:
        hub.add("acme/in-house", card={"license": "apache-2.0"})
        hub.add("acme/plain", card={"license": "mit"})
        hub.add(LLAMA_BASE, card={"license": "llama3.1"})
        cat = make_catalog(tmp_path)
        sources = default_sources(cat, hub=HubClient())
        hub_at = next(i for i, s in enumerate(sources) if isinstance(s, HubSource))
        sources.insert(hub_at, Registry({"acme/in-house": "cc-by-nc-4.0"}))
        res = Resolver(sources).resolve(refs("acme/in-house", "acme/plain"))
        assert hub.count("/api/models/acme/in-house") == 0  # answered before the Hub
        assert hub.count("/api/models/acme/plain") == 1
        assert hub.count(f"/api/models/{LLAMA_BASE}") == 1  # the registry's base: the Hub's
    assert res.get("acme/in-house").license == "cc-by-nc-4.0"
    assert res.get("acme/plain").license == "mit"
    assert res.get(LLAMA_BASE).provenance["license"].source == "hub"


def test_no_answer_at_all_is_unresolved_never_an_error():
    (rec,) = (
        Resolver([])
        .resolve([ModelRef("x:1", OLLAMA, Location("Modelfile", 1), "FROM")])
        .records.values()
    )
    assert (
        rec.license is None and rec.unresolved == "no resolution source knows the ollama model x:1"
    )


def test_lineage_cycles_and_depth_are_bounded():
    """A source whose every model names a new base (and one naming itself): the resolver stops
    at the depth bound, never asks about a model twice, and records the first ancestor it did
    not examine as unknown (an ancestor not examined is never silently dropped)."""

    class Endless(Source):
        name = "endless"

        def __init__(self):
            self.asked: list[str] = []

        def lookup(self, query: Query) -> ModelRecord:
            self.asked.append(query.id)
            n = int(query.id.rsplit("-", 1)[1])
            return ModelRecord(query.id, HUGGINGFACE, base_models=(query.id, f"acme/m-{n + 1}"))

    source = Endless()
    res = Resolver([source], workers=2).resolve(refs("acme/m-0"))
    from licaudit.resolve.lineage import MAX_DEPTH

    assert len(source.asked) == len(set(source.asked)) == MAX_DEPTH + 1
    assert len(res.records) == MAX_DEPTH + 2
    beyond = res.get(f"acme/m-{MAX_DEPTH + 1}")
    assert beyond.license is None and "not examined" in beyond.unresolved
    assert list(res.cut) == [f"huggingface:acme/m-{MAX_DEPTH + 1}"]


def test_a_local_folder_named_like_its_hub_base_keeps_both(tmp_path):
    """Identities carry their source: a local folder whose path spells a Hub id is not that
    Hub model, and its base is still resolved."""
    folder = LLAMA_BASE.lower()
    local = ModelRef(
        folder,
        LOCAL,
        Location(f"{folder}/README.md", 1),
        "model folder (model card)",
        metadata=ArtifactMetadata(
            "card", f"{folder}/README.md", license="mit", base_models=(LLAMA_BASE,)
        ),
    )
    res = resolve([local], cat=make_catalog(tmp_path))
    assert res.get(folder, LOCAL).license == "mit"
    assert res.get(LLAMA_BASE).license == "llama3.1"
    assert res.get(LLAMA_BASE).provenance["license"].source == "catalog"


@pytest.mark.parametrize("workers", [1, 8])
def test_results_keep_the_reference_order_whatever_the_threads(tmp_path, workers):
    cat = make_catalog(tmp_path)
    ids = [f"zzz/model-{i:02d}" for i in range(40)]
    res = Resolver(default_sources(cat), workers=workers).resolve(refs(*ids))
    assert [r.id for r in res.records.values()] == ids

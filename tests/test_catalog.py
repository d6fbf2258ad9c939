"""The built-in offline catalog: its files, its facts, and how the resolver reads it (offline)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from licaudit.licensing import knowledge_base
from licaudit.model import HUGGINGFACE, OLLAMA, Location, ModelRef
from licaudit.resolve import resolve
from licaudit.resolve.catalog import Catalog, catalog
from licaudit.resolve.lineage import effective_licenses
from licaudit.resources import data_dir, validation_errors

CATALOG_DIR = data_dir("licenses") / "catalog"
CATALOG_FILES = sorted(CATALOG_DIR.rglob("*.yaml"))


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return Catalog.load()


def hub_ref(model_id: str) -> ModelRef:
    return ModelRef(
        id=model_id,
        source=HUGGINGFACE,
        location=Location("app.py", 1),
        evidence="from_pretrained()",
    )


def ollama_ref(name_tag: str) -> ModelRef:
    return ModelRef(id=name_tag, source=OLLAMA, location=Location("Modelfile", 1), evidence="FROM")


# --------------------------------------------------------------------------- the files


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.relative_to(CATALOG_DIR).as_posix())
def test_every_catalog_file_validates_against_the_schema(path: Path):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(doc, dict) and doc, f"{path.name} is empty"
    assert validation_errors("catalog", doc) == []


def test_model_files_are_organized_per_publisher_family():
    names = {p.name for p in (CATALOG_DIR / "models").glob("*.yaml")}
    for expected in (
        "meta.yaml",
        "google.yaml",
        "mistral.yaml",
        "qwen.yaml",
        "deepseek.yaml",
        "microsoft.yaml",
        "tii.yaml",
        "allenai.yaml",
        "cohere.yaml",
        "01ai.yaml",
        "nvidia.yaml",
        "openai.yaml",
        "stability.yaml",
        "embeddings.yaml",
    ):
        assert expected in names


def test_every_entry_names_its_source_and_verification(cat: Catalog):
    for entry in cat.entries():
        assert entry.source.startswith("https://"), entry.key
        assert entry.verified in ("primary", "secondary", "unverified"), entry.key
        assert entry.modalities, f"{entry.key} has no modalities"
    for pub in cat.publisher_list():
        assert pub.source.startswith("https://"), pub.org
        assert pub.verified in ("primary", "secondary", "unverified"), pub.org
    for name, lib in cat.ollama.items():
        assert lib["source"] == f"https://ollama.com/library/{name}"


def test_the_catalog_is_big_enough(cat: Catalog):
    assert len(cat.models) >= 200
    assert len(cat.patterns) >= 30
    assert len(cat.ollama) >= 40
    assert len(cat.publisher_list()) >= 40


def test_the_catalog_loads_fast_and_the_same_every_time():
    start = time.perf_counter()
    first = Catalog.load()
    elapsed = time.perf_counter() - start
    # measured at about 0.15 s (YAML + schema validation); a generous bound for slow CI machines
    assert elapsed < 3.0, f"loading the catalog took {elapsed:.2f} s"
    second = Catalog.load()
    assert [e.key for e in first.entries()] == [e.key for e in second.entries()]
    assert catalog() is catalog()


# --------------------------------------------------------------------------- cross references


def test_every_license_is_a_canonical_knowledge_base_id(cat: Catalog):
    kb = knowledge_base()
    listed = [e for e in cat.entries() if e.license is not None]
    missing = sorted({e.license for e in listed if kb.lookup(e.license) is None})
    assert missing == [], f"license ids missing from the knowledge base: {missing}"
    not_canonical = sorted({e.license for e in listed if kb.lookup(e.license).id != e.license})
    assert not_canonical == [], f"use the canonical ids, not aliases: {not_canonical}"


def test_an_entry_without_a_license_says_why(cat: Catalog):
    """A pattern excluded from a family (license: null, so the model stays unknown) explains it."""
    silent = [e.key for e in cat.entries() if e.license is None and not e.license_note]
    assert silent == []


def test_every_publisher_is_listed_and_every_hub_org_is_known(cat: Catalog):
    for entry in cat.entries():
        assert cat.publisher(entry.publisher) is not None, (
            f"{entry.key}: publisher {entry.publisher} is not listed"
        )
        org = entry.key.split("/")[0]
        assert cat.publisher(org) is not None, (
            f"{entry.key}: the Hub org {org} is not a listed publisher"
        )


def test_publisher_countries_are_iso_codes_or_absent(cat: Catalog):
    for pub in cat.publisher_list():
        assert pub.country is None or (len(pub.country) == 2 and pub.country.isupper()), pub.org
        if pub.role == "publisher":
            assert pub.country, f"{pub.org}: a model developer needs its country"


def test_every_base_model_is_an_exact_catalog_entry(cat: Catalog):
    for entry in cat.entries():
        for base in entry.base_models:
            found = cat.model(base)
            assert found is not None, f"{entry.key}: base {base} is not in the catalog"
            assert not found.is_pattern, (
                f"{entry.key}: base {base} only matches the pattern {found.key}"
            )
            assert entry.base_model_relation, f"{entry.key} has base models but no relation"


def test_catalog_lineage_has_no_cycles(cat: Catalog):
    for entry in cat.entries():
        seen = {entry.key.lower()}
        frontier = list(entry.base_models)
        while frontier:
            base = frontier.pop()
            assert base.lower() not in seen, f"cycle through {base} from {entry.key}"
            seen.add(base.lower())
            frontier.extend(cat.model(base).base_models)


def test_every_ollama_tag_maps_to_an_exact_catalog_entry(cat: Catalog):
    for name, lib in cat.ollama.items():
        upstream, entry = cat.ollama_upstream(name)  # latest -> default
        if lib.get("default"):
            assert entry is lib and upstream is not None, f"{name}:latest does not resolve"
        else:  # latest unmapped: the library's own license answers, and its note says why
            assert entry is lib and lib.get("license") and "latest" in lib.get("note", ""), name
        for tag, hub_id in lib["tags"].items():
            found = cat.model(hub_id)
            assert found is not None and not found.is_pattern, (
                f"{name}:{tag} -> {hub_id} is not a catalog entry"
            )


# --------------------------------------------------------------------------- through the resolver, offline


def test_the_resolver_resolves_every_catalog_entry_offline(cat: Catalog):
    ids = [e.key for e in cat.entries() if not e.is_pattern]
    res = resolve([hub_ref(i) for i in ids], offline=True, cat=cat)
    kb = knowledge_base()
    for model_id in ids:
        rec = res.get(model_id)
        entry = cat.model(model_id)
        if entry.license is None:  # a repository that declares no license: the note says so
            assert entry.license_note and entry.license_note in rec.unresolved, model_id
            continue
        assert rec is not None and rec.unresolved is None, model_id
        assert rec.license == cat.model(model_id).license
        assert kb.lookup(rec.license) is not None
        assert rec.provenance["license"].source == "catalog"
        assert rec.publisher.name, f"{model_id}: no publisher name"
    # every ancestor reached through lineage resolved too
    no_license = {f"huggingface:{e.key}".lower() for e in cat.entries() if e.license is None}
    unresolved = sorted(k for k, r in res.records.items() if r.unresolved and k not in no_license)
    assert unresolved == []


def test_the_resolver_resolves_every_ollama_tag_offline(cat: Catalog):
    names = []
    for name, lib in cat.ollama.items():
        names.append(name)  # latest
        names.extend(f"{name}:{tag.replace('*', 'q4_K_M')}" for tag in lib["tags"])
    res = resolve([ollama_ref(n) for n in names], offline=True, cat=cat)
    for name_tag in names:
        rec = res.get(name_tag, OLLAMA)
        assert rec is not None and rec.unresolved is None, name_tag
        assert rec.license is not None and knowledge_base().lookup(rec.license) is not None, (
            name_tag
        )
        if not rec.base_models and not cat.ollama[name_tag.partition(":")[0]].get("default"):
            continue  # latest of a library whose default tag is not recorded
        (upstream,) = rec.base_models
        assert res.get(upstream).license == cat.model(upstream).license


def test_pattern_ids_resolve_through_the_resolver(cat: Catalog):
    res = resolve(
        [hub_ref("meta-llama/Llama-3.1-70B-Instruct-Turbo-Hypothetical")], offline=True, cat=cat
    )
    rec = res.get("meta-llama/Llama-3.1-70B-Instruct-Turbo-Hypothetical")
    assert rec.license == "llama3.1"
    assert "pattern meta-llama/Llama-3.1-*" in rec.provenance["license"].detail
    unknown = resolve([hub_ref("nobody/unknown-model")], offline=True, cat=cat).get(
        "nobody/unknown-model"
    )
    assert unknown.license is None and "catalog" in unknown.unresolved


# --------------------------------------------------------------------------- key facts


def test_the_demo_models_keep_their_licenses(cat: Catalog):
    assert cat.model("meta-llama/Llama-3.1-8B-Instruct").license == "llama3.1"
    assert cat.model("mistralai/Mistral-7B-Instruct-v0.3").license == "apache-2.0"
    assert cat.model("CohereForAI/c4ai-command-r-v01").license == "cc-by-nc-4.0"
    assert cat.model("sentence-transformers/all-MiniLM-L6-v2").license == "apache-2.0"


ISSUE_MODELS = {
    "meta-llama/Llama-4-Maverick-17B-128E-Instruct": "llama4",
    "meta-llama/Llama-4-Scout-17B-16E-Instruct": "llama4",
    "meta-llama/Llama-3.1-8B": "llama3.1",
    "meta-llama/Llama-3.1-70B": "llama3.1",
    "meta-llama/Llama-3.1-405B": "llama3.1",
    "deepseek-ai/DeepSeek-V3": "deepseek",
    "deepseek-ai/DeepSeek-V3-0324": "mit",
    "deepseek-ai/DeepSeek-R1": "mit",
    "Qwen/Qwen3-235B-A22B": "apache-2.0",
    "Qwen/Qwen3-32B": "apache-2.0",
    "Qwen/Qwen2.5-72B-Instruct": "qwen",
    "Qwen/Qwen2.5-72B": "qwen",
    "Qwen/Qwen2.5-3B-Instruct": "qwen-research",
    "Qwen/Qwen2.5-3B": "qwen-research",
    "Qwen/Qwen2.5-7B-Instruct": "apache-2.0",
    "Qwen/Qwen2.5-Coder-3B-Instruct": "qwen-research",
    "mistralai/Mistral-Small-3.1-24B-Instruct-2503": "apache-2.0",
    "mistralai/Mixtral-8x22B-Instruct-v0.1": "apache-2.0",
    "mistralai/Mixtral-8x7B-Instruct-v0.1": "apache-2.0",
    "mistralai/Codestral-22B-v0.1": "mnpl",
    "mistralai/Mistral-Large-Instruct-2407": "mrl",
    "mistralai/Mistral-7B-v0.1": "apache-2.0",
    "google/gemma-3-27b-it": "gemma",
    "google/gemma-3-12b-it": "gemma",
    "google/gemma-3-4b-it": "gemma",
    "google/gemma-3-1b-it": "gemma",
    "deepseek-ai/DeepSeek-V2.5": "deepseek",
    "tiiuae/falcon-40b": "apache-2.0",
    "tiiuae/falcon-180B": "falcon-180b",
    "tiiuae/Falcon3-7B-Instruct": "falcon-llm-license",
    "allenai/OLMo-7B": "apache-2.0",
    "allenai/OLMo-2-1124-7B-Instruct": "apache-2.0",
    "01-ai/Yi-34B": "apache-2.0",
    "CohereForAI/c4ai-command-r-plus": "cc-by-nc-4.0",
    "openai/gpt-oss-20b": "apache-2.0",
    "openai/whisper-large-v3": "apache-2.0",
    "microsoft/phi-4": "mit",
    "stabilityai/stable-diffusion-2-1": "openrail++",
    "bigscience/bloom": "bigscience-bloom-rail-1.0",
    "nvidia/Llama-3.1-Nemotron-Nano-8B-v1": "nvidia-open-model-license",
}


@pytest.mark.parametrize("model_id,license_id", sorted(ISSUE_MODELS.items()))
def test_models_named_by_the_issues_are_exact_entries_with_their_license(
    cat: Catalog, model_id, license_id
):
    entry = cat.model(model_id)
    assert entry is not None and not entry.is_pattern, model_id
    assert entry.license == license_id


R1_DISTILL_BASES = {
    "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B": "Qwen/Qwen2.5-Math-1.5B",
    "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B": "Qwen/Qwen2.5-Math-7B",
    "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B": "Qwen/Qwen2.5-14B",
    "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B": "Qwen/Qwen2.5-32B",
    "deepseek-ai/DeepSeek-R1-Distill-Llama-8B": "meta-llama/Llama-3.1-8B",
    "deepseek-ai/DeepSeek-R1-Distill-Llama-70B": "meta-llama/Llama-3.3-70B-Instruct",
}


@pytest.mark.parametrize("distill,base", sorted(R1_DISTILL_BASES.items()))
def test_r1_distills_name_their_real_base(cat: Catalog, distill, base):
    entry = cat.model(distill)
    assert entry.license == "mit"
    assert entry.base_models == (base,)


def test_r1_distill_of_llama_inherits_the_llama_license_through_lineage(cat: Catalog):
    res = resolve([ollama_ref("deepseek-r1:70b")], offline=True, cat=cat)
    rec = res.get("deepseek-r1:70b", OLLAMA)
    chain = effective_licenses(rec, lambda mid: res.get(mid))
    by_model = {e.model: e.license for e in chain}
    assert by_model["deepseek-ai/DeepSeek-R1-Distill-Llama-70B"] == "mit"
    assert by_model["meta-llama/Llama-3.3-70B-Instruct"] == "llama3.3"


def test_multimodal_models_carry_image(cat: Catalog):
    for model_id in (
        "meta-llama/Llama-4-Scout-17B-16E-Instruct",
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct",
        "meta-llama/Llama-3.2-11B-Vision-Instruct",
        "meta-llama/Llama-3.2-90B-Vision",
    ):
        assert "image" in cat.model(model_id).modalities, model_id
    for model_id in (
        "meta-llama/Llama-3.2-3B-Instruct",
        "meta-llama/Llama-3.3-70B-Instruct",
        "google/gemma-3-1b-it",
    ):
        assert cat.model(model_id).modalities == ("text",), model_id
    # a Vision id the catalog lists no exact entry for still gets the multimodal pattern
    assert "image" in cat.model("meta-llama/Llama-3.2-11B-Vision-Instruct-FP8").modalities
    assert "audio" in cat.model("openai/whisper-large-v3").modalities


@pytest.mark.parametrize(
    "org,country",
    [
        ("meta-llama", "US"),
        ("google", "US"),
        ("mistralai", "FR"),
        ("deepseek-ai", "CN"),
        ("Qwen", "CN"),
        ("tiiuae", "AE"),
        ("01-ai", "CN"),
        ("THUDM", "CN"),
        ("CohereForAI", "CA"),
        ("CohereLabs", "CA"),
        ("microsoft", "US"),
        ("nvidia", "US"),
        ("stabilityai", "GB"),
        ("allenai", "US"),
        ("openai", "US"),
        ("BAAI", "CN"),
        ("intfloat", "US"),
        ("mixedbread-ai", "DE"),
        ("jinaai", "DE"),
        ("LGAI-EXAONE", "KR"),
        ("upstage", "KR"),
        ("ai21labs", "IL"),
        ("zai-org", "CN"),
        ("moonshotai", "CN"),
    ],
)
def test_publisher_countries(cat: Catalog, org, country):
    assert cat.publisher(org).country == country
    assert cat.publisher(org.upper()).country == country  # org names compare case-insensitively


def test_repackers_are_marked(cat: Catalog):
    for org in ("TheBloke", "bartowski", "unsloth", "lmstudio-community"):
        assert cat.publisher(org).is_repacker, org
    assert not cat.publisher("meta-llama").is_repacker
    repack = cat.model("TheBloke/Llama-2-7B-GGUF")
    assert (
        repack.base_models == ("meta-llama/Llama-2-7b-hf",)
        and repack.base_model_relation == "quantized"
    )


@pytest.mark.parametrize(
    "name_tag,upstream",
    [
        ("deepseek-r1:1.5b", "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B"),
        ("deepseek-r1:7b", "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"),
        ("deepseek-r1:8b", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"),
        ("deepseek-r1:14b", "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B"),
        ("deepseek-r1:32b", "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B"),
        ("deepseek-r1:70b", "deepseek-ai/DeepSeek-R1-Distill-Llama-70B"),
        ("deepseek-r1:671b", "deepseek-ai/DeepSeek-R1"),
        ("deepseek-r1:8b-0528-qwen3-q4_K_M", "deepseek-ai/DeepSeek-R1-0528-Qwen3-8B"),
        ("llama3.1", "meta-llama/Llama-3.1-8B-Instruct"),
        ("llama3.1:latest", "meta-llama/Llama-3.1-8B-Instruct"),
        ("llama3.1:70b-instruct-q4_K_M", "meta-llama/Llama-3.1-70B-Instruct"),
        ("llama3.1:8b-text-q8_0", "meta-llama/Llama-3.1-8B"),
        ("llama3.2-vision:90b", "meta-llama/Llama-3.2-90B-Vision-Instruct"),
        ("llama4:maverick", "meta-llama/Llama-4-Maverick-17B-128E-Instruct"),
        ("qwen2.5:3b", "Qwen/Qwen2.5-3B-Instruct"),
        ("qwen2.5:72b-instruct-q4_K_M", "Qwen/Qwen2.5-72B-Instruct"),
        ("mixtral:8x22b", "mistralai/Mixtral-8x22B-Instruct-v0.1"),
        ("mistral:7b-instruct-v0.2-q4_0", "mistralai/Mistral-7B-Instruct-v0.2"),
        ("gemma3", "google/gemma-3-4b-it"),
        ("nomic-embed-text", "nomic-ai/nomic-embed-text-v1.5"),
        ("registry.ollama.ai/library/phi4:14b", "microsoft/phi-4"),
        ("library/codestral:22B", "mistralai/Codestral-22B-v0.1"),
    ],
)
def test_ollama_tags(cat: Catalog, name_tag, upstream):
    assert cat.ollama_upstream(name_tag)[0] == upstream


def test_ollama_unknown_names_and_tags(cat: Catalog):
    assert cat.ollama_upstream("no-such-model:7b") == (None, None)
    upstream, entry = cat.ollama_upstream("llama3.1:3b")
    assert upstream is None and entry["name"] == "llama3.1"


def test_ollama_hugging_face_names_are_hub_ids():
    assert Catalog.ollama_hub_id("hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M") == (
        "bartowski/Llama-3.2-3B-Instruct-GGUF"
    )
    assert (
        Catalog.ollama_hub_id("huggingface.co/Qwen/Qwen2.5-7B-Instruct-GGUF")
        == "Qwen/Qwen2.5-7B-Instruct-GGUF"
    )
    assert Catalog.ollama_hub_id("llama3.1:8b") is None
    assert Catalog.ollama_hub_id("hf.co/onlyone") is None


def test_ollama_issue_families_are_present(cat: Catalog):
    for name in (
        "llama3.1",
        "llama3.2",
        "llama3.2-vision",
        "llama3.3",
        "llama4",
        "llama2",
        "llama3",
        "gemma",
        "gemma2",
        "gemma3",
        "qwen",
        "qwen2",
        "qwen2.5",
        "qwen2.5-coder",
        "qwen3",
        "qwq",
        "deepseek-r1",
        "deepseek-v3",
        "deepseek-coder-v2",
        "mistral",
        "mistral-small",
        "mistral-nemo",
        "mistral-large",
        "mixtral",
        "codestral",
        "phi3",
        "phi3.5",
        "phi4",
        "falcon3",
        "olmo2",
        "command-r",
        "yi",
        "nemotron",
        "gpt-oss",
        "nomic-embed-text",
        "mxbai-embed-large",
        "all-minilm",
        "bge-m3",
        "snowflake-arctic-embed",
        "starcoder2",
        "codellama",
        "llava",
        "tinyllama",
        "granite3.3",
    ):
        assert name in cat.ollama, name


def test_family_invariants_hold_for_every_entry(cat: Catalog):
    """Rules that hold across a whole family, checked on every exact entry and pattern."""
    for entry in cat.entries():
        key = entry.key.lower()
        if key.startswith("meta-llama/") and ("vision" in key or "llama-4-" in key):
            assert "image" in entry.modalities, f"{entry.key} is multimodal"
        if key.startswith("qwen/qwen2.5-"):
            if "-3b" in key:
                assert entry.license == "qwen-research", entry.key
            elif "-72b" in key:
                assert entry.license == "qwen", entry.key
            else:
                assert entry.license == "apache-2.0", entry.key
        if key.startswith("qwen/qwen3-"):
            assert entry.license == "apache-2.0", entry.key
        if key.startswith("deepseek-ai/deepseek-r1-distill") and not entry.is_pattern:
            assert all(not b.lower().startswith("deepseek-ai/") for b in entry.base_models), (
                entry.key
            )
            assert entry.base_models, f"{entry.key} must name its real base"
        if key.startswith("tiiuae/falcon3-"):
            assert entry.license == "falcon-llm-license", entry.key
        if key.startswith("01-ai/yi-"):
            assert entry.license == "apache-2.0", entry.key


def test_vision_ollama_tags_lead_to_multimodal_upstreams(cat: Catalog):
    for name_tag in (
        "llama3.2-vision",
        "llama3.2-vision:90b",
        "llama4:scout",
        "llama4:128x17b",
        "gemma3:27b",
    ):
        upstream, _ = cat.ollama_upstream(name_tag)
        assert "image" in cat.model(upstream).modalities, name_tag

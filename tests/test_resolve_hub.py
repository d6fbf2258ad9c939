"""Resolution against a Hub: the real huggingface_hub client talking to a local Hub-compatible
server (HF_ENDPOINT), with the disk cache, retries, timeouts and every failure outcome."""

from __future__ import annotations

import json
import re
import socket
import time

import pytest

from licaudit.audit import audited_models
from licaudit.cards import ArtifactMetadata
from licaudit.model import LOCAL, Location, ModelRef
from licaudit.resolve import resolve
from licaudit.resolve.cache import HubCache
from licaudit.resolve.hub import HubClient

from .resolve_support import hub_environment, make_catalog, model_requests, refs

LLAMA_BASE = "meta-llama/Llama-3.1-8B"
LLAMA_INSTRUCT = "meta-llama/Llama-3.1-8B-Instruct"


@pytest.fixture
def hub_env(monkeypatch, tmp_path):
    with hub_environment(monkeypatch, tmp_path) as hub:
        yield hub


def add_llama_family(hub):
    hub.add(
        LLAMA_BASE, card={"license": "llama3.1"}, gated="manual", pipeline_tag="text-generation"
    )
    hub.add(
        LLAMA_INSTRUCT,
        card={"license": "llama3.1", "base_model": LLAMA_BASE, "base_model_relation": "finetune"},
        gated="manual",
        pipeline_tag="text-generation",
    )


def test_plain_license_with_revision_and_provenance(hub_env, tmp_path):
    hub_env.add("acme/plain", card={"license": "apache-2.0"}, pipeline_tag="text-generation")
    res = resolve(refs("acme/plain"), offline=False, cat=make_catalog(tmp_path), progress=False)
    rec = res.get("acme/plain")
    assert rec.license == "apache-2.0"
    assert rec.revision == hub_env.models["acme/plain"].sha
    assert rec.provenance["license"].source == "hub"
    assert rec.revision[:12] in rec.provenance["license"].detail
    assert rec.modalities == ("text",)
    assert (rec.publisher.name, rec.publisher.country) == ("Acme Models Ltd", "GB")
    assert rec.unresolved is None and rec.notes == ()
    assert res.warnings == []
    assert model_requests(hub_env) == 1


def test_license_other_with_license_name_maps_to_the_knowledge_base(hub_env, tmp_path):
    hub_env.add(
        "acme/research",
        card={"license": "other", "license_name": "mrl", "license_link": "LICENSE.md"},
    )
    hub_env.add("acme/custom", card={"license": "other", "license_name": "acme-custom-license"})
    res = resolve(
        refs("acme/research", "acme/custom"),
        offline=False,
        cat=make_catalog(tmp_path),
        progress=False,
    )
    research = res.get("acme/research")
    assert research.license == "mrl"
    assert research.license_name == "mrl" and research.license_link == "LICENSE.md"
    custom = res.get("acme/custom")
    assert (
        custom.license == "acme-custom-license"
    )  # unknown to the knowledge base: kept as declared
    assert custom.license_name == "acme-custom-license"


def test_spdx_expression_is_kept_as_declared(hub_env, tmp_path):
    hub_env.add("acme/dual", card={"license": "Apache-2.0 OR MIT"})
    hub_env.add("acme/both", card={"license": ["mit", "cc-by-4.0"]})
    res = resolve(
        refs("acme/dual", "acme/both"), offline=False, cat=make_catalog(tmp_path), progress=False
    )
    dual = res.get("acme/dual")
    assert dual.license_expression == "Apache-2.0 OR MIT"  # as declared
    assert dual.license == "apache-2.0 OR mit"  # with knowledge-base ids, for the policy to expand
    both = res.get("acme/both")  # a list of licenses: every one applies
    assert (both.license, both.license_expression) == ("mit AND cc-by-4.0", "mit AND cc-by-4.0")


def test_local_artifact_lineage_reaches_the_hub(hub_env, tmp_path):
    add_llama_family(hub_env)
    local = ModelRef(
        "models/llama-q4.gguf",
        LOCAL,
        Location("models/llama-q4.gguf"),
        "GGUF header",
        metadata=ArtifactMetadata(
            source="gguf",
            path="models/llama-q4.gguf",
            license="apache-2.0",
            base_models=(LLAMA_INSTRUCT,),
            base_model_relation="quantized",
            organization="meta-llama",
        ),
    )
    res = resolve([local], offline=False, cat=make_catalog(tmp_path), progress=False)
    rec = res.get("models/llama-q4.gguf", LOCAL)
    assert rec.license == "apache-2.0" and rec.provenance["license"].source == "gguf"
    assert rec.base_model_relation == "quantized" and rec.publisher.country == "US"
    assert hub_env.count("/api/models/models") == 0  # a local artifact is never looked up online
    (model,) = [m for m in audited_models([local], res) if m.direct]
    assert [(e.license, e.chain[-1]) for e in model.effective_licenses] == [
        ("apache-2.0", "models/llama-q4.gguf"),
        ("llama3.1", LLAMA_INSTRUCT),
        ("llama3.1", LLAMA_BASE),
    ]


PROGRESS_CHILD = """
import sys
from licaudit.resolve import resolve
from licaudit.model import HUGGINGFACE, Location, ModelRef

refs = [ModelRef(i, HUGGINGFACE, Location("app.py", 1), "test") for i in sys.argv[1:]]
resolve(refs, offline=True)
sys.stderr.write("<offline done>")
resolve(refs, offline=False, progress=False)
sys.stderr.write("<quiet done>")
res = resolve(refs, offline=False)
print(len(res.records))
"""


def _stderr_on_a_terminal(args: list[str]) -> tuple[str, str]:
    """Run the resolver in a child process whose standard error is a pseudo-terminal."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-c", PROGRESS_CHILD, *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        text=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    out = child.stdout.read()
    assert child.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8", "replace"), out


def test_progress_bar_on_a_terminal_only_while_the_hub_is_asked(hub_env, tmp_path, capsys):
    add_llama_family(hub_env)
    hub_env.add("acme/plain", card={"license": "mit"})
    err, out = _stderr_on_a_terminal([LLAMA_INSTRUCT, "acme/plain"])
    assert out.strip() == "3"  # the two references and the base model lineage reached
    offline, rest = err.split("<offline done>")
    assert offline == ""  # offline: nothing to wait for, no bar
    quiet, shown = rest.split("<quiet done>")
    assert quiet == ""  # progress=False
    assert "resolving models [" in shown
    frames = re.findall(r"\[([#.]+)\] (\d+)/(\d+)(?:  \+ (\d+)/(\d+) base models)?", shown)
    fills = [bar.count("#") for bar, *_ in frames]
    counts = [(int(n), int(total)) for _, n, total, *_ in frames]
    assert counts[-1] == (2, 2) and (1, 2) in counts
    assert frames[-1][3:] == ("1", "1")  # lineage reached the base model, counted beside
    # the bar never goes back: it measures the referenced models, base models come beside it
    assert fills == sorted(fills) and fills[-1] == 24
    assert all(total == 2 for _, total in counts)
    # not a terminal: no bar even when asked
    resolve(refs("acme/other"), offline=False, cat=make_catalog(tmp_path), progress=True)
    assert capsys.readouterr().err == ""


def test_readme_front_matter_when_card_data_is_missing(hub_env, tmp_path):
    hub_env.add(
        "acme/no-card-data",
        card={
            "license": "cc-by-nc-4.0",
            "base_model": "acme/root",
            "extra_gated_eu_disallowed": True,
        },
        card_in_api=False,
        tags=[],
    )
    hub_env.add("acme/root", card={"license": "mit"})
    res = resolve(
        refs("acme/no-card-data"), offline=False, cat=make_catalog(tmp_path), progress=False
    )
    rec = res.get("acme/no-card-data")
    assert rec.license == "cc-by-nc-4.0"
    assert "README.md" in rec.provenance["license"].detail
    assert rec.base_models == ("acme/root",)
    assert rec.eu_disallowed is True
    assert hub_env.count("/resolve/") == 1


def _alias_bomb(levels: int = 9) -> str:
    """YAML whose ``license`` is ten-fold aliases nested ``levels`` deep (10**levels strings)."""
    lines = ["---", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    return "\n".join(
        [*lines, f"license: *l{levels}", "base_model: acme/root", "---", "", "# card", ""]
    )


def test_hostile_card_values_neither_hang_nor_crash(hub_env, tmp_path):
    hub_env.add("acme/bomb", card=None, readme_body=_alias_bomb(), tags=[])
    hub_env.add("acme/root", card={"license": "mit"})
    hub_env.add("acme/odd-pipeline", card={"license": "mit", "pipeline_tag": ["text-generation"]})
    hub_env.add("acme/malformed", card=None, readme_body="---\nlicense: [mit\n---\n", tags=[])
    started = time.monotonic()
    res = resolve(
        refs("acme/bomb", "acme/odd-pipeline", "acme/malformed"),
        offline=False,
        cat=make_catalog(tmp_path),
        progress=False,
    )
    assert time.monotonic() - started < 10
    bomb = res.get("acme/bomb")
    assert bomb.license is None and bomb.unresolved  # a nested license value is no license
    assert bomb.base_models == ("acme/root",)  # the rest of the card is still read
    odd = res.get("acme/odd-pipeline")
    assert odd.license == "mit" and odd.modalities == ()
    malformed = res.get("acme/malformed")  # read as discovery reads a local card, and said so
    assert "the model card could not be read: malformed model card front matter" in (
        malformed.unresolved
    )


def test_tags_when_neither_card_data_nor_readme_declare(hub_env, tmp_path):
    hub_env.add(
        "acme/tags-only",
        card=None,
        tags=["license:apache-2.0", "base_model:acme/root", "base_model:quantized:acme/root"],
    )
    hub_env.add("acme/root", card={"license": "mit"})
    rec = resolve(
        refs("acme/tags-only"), offline=False, cat=make_catalog(tmp_path), progress=False
    ).get("acme/tags-only")
    assert rec.license == "apache-2.0"
    assert rec.provenance["license"].detail.startswith("hub tags")
    assert rec.base_models == ("acme/root",) and rec.base_model_relation == "quantized"


def test_base_model_chain_two_levels_and_relicensed_repack(hub_env, tmp_path):
    add_llama_family(hub_env)
    hub_env.add(
        "acme/Llama-3.1-8B-Instruct-GGUF",
        card={
            "license": "apache-2.0",
            "base_model": [LLAMA_INSTRUCT],
            "base_model_relation": "quantized",
        },
    )
    found = refs("acme/Llama-3.1-8B-Instruct-GGUF")
    res = resolve(found, offline=False, cat=make_catalog(tmp_path), progress=False)
    assert {r.id for r in res.records.values()} == {
        "acme/Llama-3.1-8B-Instruct-GGUF",
        LLAMA_INSTRUCT,
        LLAMA_BASE,
    }
    models = {m.record.id: m for m in audited_models(found, res)}
    quant = models["acme/Llama-3.1-8B-Instruct-GGUF"]
    assert quant.direct and not models[LLAMA_BASE].direct
    effective = [(e.license, e.model, e.chain) for e in quant.effective_licenses]
    assert effective == [
        ("apache-2.0", "acme/Llama-3.1-8B-Instruct-GGUF", ("acme/Llama-3.1-8B-Instruct-GGUF",)),
        ("llama3.1", LLAMA_INSTRUCT, ("acme/Llama-3.1-8B-Instruct-GGUF", LLAMA_INSTRUCT)),
        ("llama3.1", LLAMA_BASE, ("acme/Llama-3.1-8B-Instruct-GGUF", LLAMA_INSTRUCT, LLAMA_BASE)),
    ]
    assert res.get(LLAMA_BASE).gated is True
    assert res.get(LLAMA_BASE).publisher.country == "US"


def test_base_model_cycle_terminates(hub_env, tmp_path):
    hub_env.add("acme/a", card={"license": "mit", "base_model": "acme/b"})
    hub_env.add("acme/b", card={"license": "apache-2.0", "base_model": "acme/a"})
    hub_env.add("acme/self", card={"license": "mit", "base_model": "acme/self"})
    found = refs("acme/a", "acme/self")
    res = resolve(found, offline=False, cat=make_catalog(tmp_path), progress=False)
    assert sorted(r.id for r in res.records.values()) == ["acme/a", "acme/b", "acme/self"]
    models = {m.record.id: m for m in audited_models(found, res)}
    assert [(e.model, e.chain) for e in models["acme/a"].effective_licenses] == [
        ("acme/a", ("acme/a",)),
        ("acme/b", ("acme/a", "acme/b")),
    ]
    assert [e.model for e in models["acme/self"].effective_licenses] == ["acme/self"]
    assert model_requests(hub_env) == 3  # each model asked once


def test_hub_wins_over_the_catalog_and_says_so(hub_env, tmp_path):
    hub_env.add("acme/catalogued", card={"license": "apache-2.0"})
    rec = resolve(
        refs("acme/catalogued"), offline=False, cat=make_catalog(tmp_path), progress=False
    ).get("acme/catalogued")
    assert rec.license == "apache-2.0"
    assert rec.provenance["license"].source == "hub"
    assert any(
        "the Hub declares apache-2.0, the catalog cc-by-nc-4.0" in n and "the Hub wins" in n
        for n in rec.notes
    )


def test_catalog_completes_a_card_without_license(hub_env, tmp_path):
    hub_env.add("acme/catalogued", card={"pipeline_tag": "text-generation"}, tags=[])
    rec = resolve(
        refs("acme/catalogued"), offline=False, cat=make_catalog(tmp_path), progress=False
    ).get("acme/catalogued")
    assert rec.license == "cc-by-nc-4.0"
    assert rec.provenance["license"].source == "catalog"
    assert rec.revision == hub_env.models["acme/catalogued"].sha


def test_unknown_everywhere_is_null_with_the_reason(hub_env, tmp_path):
    hub_env.add("acme/silent", card={"pipeline_tag": "text-generation"}, tags=[])
    rec = resolve(
        refs("acme/silent"), offline=False, cat=make_catalog(tmp_path), progress=False
    ).get("acme/silent")
    assert rec.license is None
    assert "declares no license" in rec.unresolved


def test_not_found_is_an_unknown_model(hub_env, tmp_path):
    res = resolve(
        refs("acme/does-not-exist", "acme/catalogued"),
        offline=False,
        cat=make_catalog(tmp_path),
        progress=False,
    )
    rec = res.get("acme/does-not-exist")
    assert rec.license is None
    assert "not found on the Hub" in rec.unresolved
    catalogued = res.get("acme/catalogued")  # also 404 on the Hub: the catalog answers, with a note
    assert catalogued.license == "cc-by-nc-4.0"
    assert any("not found on the Hub" in n for n in catalogued.notes)
    assert any(w.startswith("acme/does-not-exist: not found") for w in res.warnings)


@pytest.mark.parametrize("status", [401, 403])
def test_gated_or_private_says_how_to_fix(hub_env, tmp_path, status):
    hub_env.add("acme/private", status=status)
    hub_env.add("acme/catalogued", status=status)
    res = resolve(
        refs("acme/private", "acme/catalogued"),
        offline=False,
        cat=make_catalog(tmp_path),
        progress=False,
    )
    rec = res.get("acme/private")
    assert rec.license is None
    assert f"refused access ({status})" in rec.unresolved and "HF_TOKEN" in rec.unresolved
    assert res.get("acme/catalogued").license == "cc-by-nc-4.0"
    assert any("HF_TOKEN" in w for w in res.warnings)
    assert hub_env.count("/api/models/acme/private") == 1  # not retried


def test_gated_card_without_card_data_is_explained(hub_env, tmp_path):
    hub_env.add(
        "acme/gated", card={"license": "llama3.1"}, card_in_api=False, tags=[], gated="manual"
    )
    rec = resolve(
        refs("acme/gated"), offline=False, cat=make_catalog(tmp_path), progress=False
    ).get("acme/gated")
    assert rec.gated is True
    assert rec.license is None
    assert "model card could not be read" in rec.unresolved and "HF_TOKEN" in rec.unresolved


def test_token_is_sent_and_never_stored(hub_env, tmp_path, monkeypatch):
    secret = "hf_testsecret0123456789"
    monkeypatch.setenv("HF_TOKEN", secret)
    hub_env.add(
        "acme/private", card={"license": "other", "license_name": "mrl"}, private=True, token=secret
    )
    res = resolve(refs("acme/private"), offline=False, cat=make_catalog(tmp_path), progress=False)
    assert res.get("acme/private").license == "mrl"
    assert any(r.headers.get("authorization") == f"Bearer {secret}" for r in hub_env.requests)
    stored = "".join(p.read_text() for p in (tmp_path / "cache").rglob("*.json"))
    assert stored and secret not in stored
    assert secret not in repr(res)


def test_429_honours_retry_after_with_a_cap(hub_env, tmp_path):
    hub_env.add(
        "acme/busy", card={"license": "mit"}, fail_times=1, fail_status=429, retry_after="30"
    )
    start = time.monotonic()
    rec = resolve(refs("acme/busy"), offline=False, cat=make_catalog(tmp_path), progress=False).get(
        "acme/busy"
    )
    elapsed = time.monotonic() - start
    assert rec.license == "mit"
    assert hub_env.count("/api/models/acme/busy") == 2
    assert 0.15 <= elapsed < 5  # waited the capped 0.2 s, not 30 s


def test_500_is_retried_with_backoff_then_recovers(hub_env, tmp_path):
    hub_env.add("acme/flaky", card={"license": "mit"}, fail_times=2, fail_status=503)
    rec = resolve(
        refs("acme/flaky"), offline=False, cat=make_catalog(tmp_path), progress=False
    ).get("acme/flaky")
    assert rec.license == "mit"
    assert hub_env.count("/api/models/acme/flaky") == 3


def test_persistent_500_falls_back_without_crashing(hub_env, tmp_path):
    hub_env.add("acme/broken", fail_times=100, fail_status=500)
    hub_env.add("acme/catalogued", fail_times=100, fail_status=500)
    res = resolve(
        refs("acme/broken", "acme/catalogued"),
        offline=False,
        cat=make_catalog(tmp_path),
        progress=False,
    )
    assert hub_env.count("/api/models/acme/broken") == 3  # 1 + 2 retries, bounded
    assert "answered 500" in res.get("acme/broken").unresolved
    assert res.get("acme/catalogued").license == "cc-by-nc-4.0"
    # a server error is not a verdict: it is not cached, the next run asks again
    hub_env.reset_counts()
    resolve(refs("acme/broken"), offline=False, cat=make_catalog(tmp_path), progress=False)
    assert hub_env.count("/api/models/acme/broken") == 3


def test_slow_hub_times_out_and_falls_back_once(hub_env, tmp_path, monkeypatch):
    monkeypatch.setenv("LICAUDIT_HUB_TIMEOUT", "0.5")
    for i in range(6):
        hub_env.add(f"acme/slow-{i}", card={"license": "mit"}, delay=3)
    hub_env.add("acme/catalogued", card={"license": "mit"}, delay=3)
    ids = [f"acme/slow-{i}" for i in range(6)] + ["acme/catalogued", "acme/only-in-catalog"]
    start = time.monotonic()
    res = resolve(refs(*ids), offline=False, cat=make_catalog(tmp_path), progress=False)
    elapsed = time.monotonic() - start
    assert elapsed < 2.5
    hub_warnings = [w for w in res.warnings if "could not be reached" in w]
    assert len(hub_warnings) == 1 and "timed out" in hub_warnings[0]
    assert res.get("acme/catalogued").license == "cc-by-nc-4.0"  # the catalog answered
    assert res.get("acme/only-in-catalog").license == "apache-2.0"
    assert res.get("acme/slow-0").license is None
    assert "could not be reached" in res.get("acme/slow-0").unresolved
    # the lineage of a catalogued model is still followed, from the catalog
    assert res.get("meta-llama/Llama-3.1-8B").license == "llama3.1"


def test_no_network_falls_back_with_one_warning(hub_env, tmp_path, monkeypatch):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    start = time.monotonic()
    res = resolve(
        refs("acme/a", "acme/b", "acme/catalogued"),
        offline=False,
        cat=make_catalog(tmp_path),
        progress=False,
    )
    assert time.monotonic() - start < 5
    assert len(res.warnings) == 1 and "connection failed" in res.warnings[0]
    assert res.get("acme/catalogued").license == "cc-by-nc-4.0"


def test_disk_cache_second_run_makes_no_requests(hub_env, tmp_path):
    add_llama_family(hub_env)
    hub_env.add(
        "acme/quant",
        card={"license": "apache-2.0", "base_model": LLAMA_INSTRUCT},
        card_in_api=False,
    )
    hub_env.add("acme/missing-model-is-cached-too", status=404)
    cat = make_catalog(tmp_path)
    ids = ("acme/quant", "acme/missing-model-is-cached-too")
    first = resolve(refs(*ids), offline=False, cat=cat, progress=False)
    assert model_requests(hub_env) == 5  # 4 model infos + 1 README
    hub_env.reset_counts()
    second = resolve(refs(*ids), offline=False, cat=cat, progress=False)
    assert model_requests(hub_env) == 0
    assert second.hub_requests == 0
    assert {k: r.license for k, r in second.records.items()} == {
        k: r.license for k, r in first.records.items()
    }
    assert second.get("acme/quant").provenance == first.get("acme/quant").provenance


def test_cache_expires_and_is_keyed_by_endpoint(hub_env, tmp_path, monkeypatch):
    hub_env.add("acme/plain", card={"license": "mit"})
    cat = make_catalog(tmp_path)
    resolve(refs("acme/plain"), offline=False, cat=cat, progress=False)
    monkeypatch.setenv("LICAUDIT_CACHE_TTL", "0")
    hub_env.reset_counts()
    resolve(refs("acme/plain"), offline=False, cat=cat, progress=False)
    assert model_requests(hub_env) == 1
    monkeypatch.delenv("LICAUDIT_CACHE_TTL")
    # the same id on another endpoint is another entry
    monkeypatch.setenv("HF_ENDPOINT", hub_env.url.replace("127.0.0.1", "localhost"))
    hub_env.reset_counts()
    resolve(refs("acme/plain"), offline=False, cat=cat, progress=False)
    assert model_requests(hub_env) == 1


def test_damaged_cache_entries_are_ignored(hub_env, tmp_path):
    hub_env.add("acme/plain", card={"license": "mit"})
    cat = make_catalog(tmp_path)
    resolve(refs("acme/plain"), offline=False, cat=cat, progress=False)
    for path in (tmp_path / "cache").rglob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    hub_env.reset_counts()
    assert (
        resolve(refs("acme/plain"), offline=False, cat=cat, progress=False)
        .get("acme/plain")
        .license
        == "mit"
    )
    assert model_requests(hub_env) == 1


def test_offline_makes_no_requests(hub_env, tmp_path, monkeypatch):
    hub_env.add("acme/catalogued", card={"license": "apache-2.0"})
    cat = make_catalog(tmp_path)
    res = resolve(refs("acme/catalogued", "acme/unknown"), offline=True, cat=cat, progress=False)
    assert res.get("acme/catalogued").license == "cc-by-nc-4.0"
    assert (
        res.get("acme/unknown").license is None
        and "not in the built-in catalog" in res.get("acme/unknown").unresolved
    )
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    res = resolve(refs("acme/catalogued"), offline=False, cat=cat, progress=False)
    assert res.get("acme/catalogued").provenance["license"].source == "catalog"
    assert len(hub_env.requests) == 0
    assert res.warnings == []


def test_revision_is_asked_for(hub_env, tmp_path):
    model = hub_env.add("acme/plain", card={"license": "mit"})
    found = [
        r.__class__(r.id, r.source, r.location, r.evidence, revision=model.sha)
        for r in refs("acme/plain")
    ]
    rec = resolve(found, offline=False, cat=make_catalog(tmp_path), progress=False).get(
        "acme/plain"
    )
    assert rec.revision == model.sha
    assert hub_env.count(f"/api/models/acme/plain/revision/{model.sha}") == 1
    bad = [
        r.__class__(r.id, r.source, r.location, r.evidence, revision="nope")
        for r in refs("acme/plain")
    ]
    rec = resolve(bad, offline=False, cat=make_catalog(tmp_path), progress=False).get("acme/plain")
    assert "revision 'nope' not found" in rec.unresolved


def test_hub_client_answers_are_plain_json(hub_env, tmp_path):
    hub_env.add("acme/plain", card={"license": "mit", "base_model": ["acme/x", "acme/y"]})
    answer = HubClient(cache=HubCache(tmp_path / "c")).fetch("acme/plain")
    assert answer.ok and not answer.cached
    assert json.loads(json.dumps(answer.info)) == answer.info
    assert answer.info["card"]["base_model"] == ["acme/x", "acme/y"]
    assert HubClient(cache=HubCache(tmp_path / "c")).fetch("acme/plain").cached


def test_invalid_repository_id_is_not_sent(hub_env, tmp_path):
    res = resolve(
        refs("acme/bad--id..x"), offline=False, cat=make_catalog(tmp_path), progress=False
    )
    rec = res.get("acme/bad--id..x")
    assert rec.license is None and "not a valid Hub repository id" in rec.unresolved
    assert model_requests(hub_env) == 0

"""The lockfile: byte-stable round trip, schema validation, pins used as is, ``lock --check`` and
``scan --locked`` (offline: none of this touches the network)."""

from __future__ import annotations

import json

import pytest

from licaudit import audit
from licaudit.cards import ArtifactMetadata
from licaudit.errors import ConfigError
from licaudit.model import (
    HUGGINGFACE,
    LOCAL,
    OLLAMA,
    Fact,
    Location,
    ModelRecord,
    ModelRef,
    Publisher,
    model_key,
)
from licaudit.policy import load_policy
from licaudit.resolve import lockfile, resolve
from licaudit.resolve.lockfile import Pins
from licaudit.resources import validation_errors

from .resolve_support import hub_environment, make_catalog, model_requests, refs

FULL_RECORD = ModelRecord(
    id="Acme/Ünïcode-Model",
    source=HUGGINGFACE,
    revision="0123456789abcdef0123456789abcdef01234567",
    license="llama3.1",
    license_expression=None,
    license_name="llama3.1",
    license_link="https://example.invalid/LICENSE",
    base_models=("meta-llama/Llama-3.1-8B", "acme/other"),
    base_model_relation="merge",
    publisher=Publisher(name="Acme Models Ltd", country="GB", org="Acme"),
    gated=True,
    eu_disallowed=True,
    modalities=("image", "text"),
    provenance={
        "license": Fact("hub", "hub card data at revision 0123456789ab"),
        "publisher": Fact("catalog", "publisher acme (x)"),
    },
    notes=("the Hub declares llama3.1, the catalog apache-2.0 (x): the Hub wins",),
)


def offline_records(tmp_path):
    cat = make_catalog(tmp_path)
    found = [
        *refs("acme/only-in-catalog", "acme/catalogued", "zzz/unknown"),
        ModelRef("llama3.1:8b", OLLAMA, Location("Modelfile", 1), "FROM"),
        ModelRef(
            "models/local",
            LOCAL,
            Location("models/local/README.md", 1),
            "model card",
            metadata=ArtifactMetadata("card", "models/local/README.md", license="mit"),
        ),
    ]
    return resolve(found, offline=True, cat=cat, progress=False)


def test_round_trip_is_byte_stable(tmp_path):
    res = offline_records(tmp_path)
    records = [*res.records.values(), FULL_RECORD]
    text = lockfile.dumps(records)
    assert validation_errors("lockfile", json.loads(text)) == []
    again = lockfile.dumps(lockfile.loads(text).values())
    assert again == text
    # the order records come in does not matter
    assert lockfile.dumps(reversed(records)) == text
    path = tmp_path / "licaudit.lock"
    written = lockfile.write(path, records)
    assert path.read_bytes() == written.encode("utf-8") == text.encode("utf-8")
    lockfile.write(path, lockfile.read(path).values())
    assert path.read_text(encoding="utf-8") == text
    doc = json.loads(text)
    assert [m["id"] for m in doc["models"]] == sorted(
        (m["id"] for m in doc["models"]),
        key=lambda i: model_key(i, next(x["source"] for x in doc["models"] if x["id"] == i)),
    )
    assert "models/local" not in text  # local artifacts are read from the repository, not pinned
    assert (
        text.endswith("}\n")
        and text == json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    )
    pinned = lockfile.loads(text)[model_key("acme/ünïcode-model")]
    assert pinned == FULL_RECORD and pinned.provenance == FULL_RECORD.provenance


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", r"licaudit\.lock:1: invalid JSON: .*'licaudit lock --update'"),
        ('{"lockfile_version": 2, "models": []}', "lockfile_version"),
        ('{"lockfile_version": 1, "models": [{"id": "a/b"}]}', "models.0"),
        (
            '{"lockfile_version": 1, "models": [], "extra": 1}',
            r"licaudit\.lock:1: extra: unknown key 'extra'.* \(not a valid lockfile",
        ),
    ],
)
def test_invalid_lockfile_is_a_config_error(tmp_path, text, message):
    path = tmp_path / "licaudit.lock"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        lockfile.read(path)
    with pytest.raises(ConfigError, match=message):
        Pins.read(path, tmp_path)


def test_pins_are_used_as_is_and_never_fetched(monkeypatch, tmp_path):
    path = tmp_path / "licaudit.lock"
    lockfile.write(
        path, [FULL_RECORD, ModelRecord(id="acme/catalogued", source=HUGGINGFACE, license="mit")]
    )
    with hub_environment(monkeypatch, tmp_path) as hub:
        hub.add("acme/catalogued", card={"license": "apache-2.0"})
        res = resolve(
            refs("acme/ünïcode-model", "ACME/catalogued", "acme/new"),
            pins=Pins.read(path, tmp_path),
            offline=False,
            cat=make_catalog(tmp_path),
            progress=False,
        )
        assert hub.count("/api/models/acme/catalogued") == 0
        assert hub.count("/api/models/acme/new") == 1  # not pinned: asked
    assert res.lockfile == "licaudit.lock"
    assert res.unlocked == ["acme/new"]
    rec = res.get("acme/catalogued")
    assert rec.license == "mit"  # the pin, not the Hub's apache-2.0 nor the catalog's cc-by-nc-4.0
    assert rec.provenance["license"] == Fact("lockfile", "licaudit.lock: pinned without a source")
    full = res.get("acme/Ünïcode-Model")
    assert full.license == "llama3.1" and full.revision == FULL_RECORD.revision
    assert full.provenance["license"] == Fact(
        "lockfile", "licaudit.lock (hub): hub card data at revision 0123456789ab"
    )
    assert res.pinned[model_key("acme/ünïcode-model")] == FULL_RECORD


def test_require_locked_fails_before_any_request(monkeypatch, tmp_path):
    path = tmp_path / "licaudit.lock"
    lockfile.write(path, [FULL_RECORD])
    monkeypatch.chdir(tmp_path)
    with hub_environment(monkeypatch, tmp_path) as hub:
        with pytest.raises(lockfile.NotLockedError) as err:
            audit.check(
                refs("acme/ünïcode-model", "acme/b", "acme/a"),
                load_policy("default"),
                audit.Options(offline=False, locked=True),
            )
        assert model_requests(hub) == 0
    assert err.value.models == ["acme/a", "acme/b"]
    assert "acme/a, acme/b" in str(err.value)


def test_unpinned_without_a_lockfile_lists_every_reference(tmp_path):
    res = offline_records(tmp_path)
    assert res.lockfile is None
    assert res.unlocked == ["acme/catalogued", "acme/only-in-catalog", "llama3.1:8b", "zzz/unknown"]


def test_unknown_pins_say_how_to_fix(tmp_path):
    path = tmp_path / "licaudit.lock"
    lockfile.write(path, offline_records(tmp_path).records.values())
    res = resolve(
        refs("zzz/unknown"), pins=Pins.read(path), offline=True, cat=make_catalog(tmp_path)
    )
    rec = res.get("zzz/unknown")
    assert rec.license is None
    assert (
        "pinned in licaudit.lock without a license" in rec.unresolved
        and "lock --update" in rec.unresolved
    )


# -- the command line (the installed console script, offline) ---------------------------------

APP = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("mistralai/Mistral-7B-Instruct-v0.3")\n'
APP2 = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("sentence-transformers/all-MiniLM-L6-v2")\n'


def test_lock_check_and_scan_locked(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP})
    proc = run_licaudit("lock", "--check", cwd=repo)
    assert proc.returncode == 1
    assert "mistralai/Mistral-7B-Instruct-v0.3  (app.py:2)" in proc.stderr
    assert "licaudit.lock does not exist" in proc.stderr

    proc = run_licaudit("scan", "--locked", cwd=repo)
    assert proc.returncode == 1
    assert "not pinned in licaudit.lock: mistralai/Mistral-7B-Instruct-v0.3" in proc.stderr
    assert "licaudit lock" in proc.stderr

    proc = run_licaudit("lock", "--offline", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert "1 model(s) pinned (1 added, 0 removed, 0 changed)" in proc.stdout
    first = (repo / "licaudit.lock").read_bytes()
    doc = json.loads(first)
    assert validation_errors("lockfile", doc) == []
    assert [m["id"] for m in doc["models"]] == ["mistralai/Mistral-7B-Instruct-v0.3"]
    assert doc["models"][0]["license"] == "apache-2.0"

    assert run_licaudit("lock", "--check", cwd=repo).returncode == 0
    proc = run_licaudit("scan", "--locked", "--format", "json", cwd=repo)
    assert "not pinned" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["lockfile"] == "licaudit.lock"
    (model,) = [m for m in report["models"] if m["id"] == "mistralai/Mistral-7B-Instruct-v0.3"]
    assert model["license_provenance"] == "lockfile"

    # locking again changes nothing, byte for byte
    assert run_licaudit("lock", "--offline", cwd=repo).returncode == 0
    assert (repo / "licaudit.lock").read_bytes() == first

    # a new reference: the check names it; locking adds it and keeps the existing pin
    (repo / "more.py").write_text(APP2, encoding="utf-8")
    proc = run_licaudit("lock", "--check", cwd=repo)
    assert (
        proc.returncode == 1
        and "sentence-transformers/all-MiniLM-L6-v2  (more.py:2)" in proc.stderr
    )
    assert "mistralai" not in proc.stderr
    # pre-commit passes the changed files: checking only those
    assert run_licaudit("lock", "--check", "app.py", cwd=repo).returncode == 0
    proc = run_licaudit("lock", cwd=repo)  # HF_HUB_OFFLINE=1 in the test environment
    assert proc.returncode == 0 and "(1 added, 0 removed, 0 changed)" in proc.stdout
    assert run_licaudit("lock", "--check", cwd=repo).returncode == 0

    # a reference removed: a whole-folder lock drops its pin
    (repo / "more.py").unlink()
    proc = run_licaudit("lock", "--offline", cwd=repo)
    assert "(0 added, 1 removed, 0 changed)" in proc.stdout
    assert (repo / "licaudit.lock").read_bytes() == first


def test_lock_usage_errors(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP, "licaudit.lock": "{broken"})
    proc = run_licaudit("lock", "--check", "--diff", cwd=repo)
    assert proc.returncode == 2 and "cannot be combined" in proc.stderr
    proc = run_licaudit("lock", "--diff", "--offline", cwd=repo)
    assert proc.returncode == 2
    proc = run_licaudit("lock", "--check", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "licaudit.lock:1: invalid JSON" in proc.stderr
    proc = run_licaudit("scan", cwd=repo)
    assert proc.returncode == 2 and "licaudit.lock" in proc.stderr


def test_lock_of_given_files_adds_and_keeps_every_other_pin(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP, "more.py": APP2})
    assert run_licaudit("lock", "--offline", "app.py", cwd=repo).returncode == 0
    assert [m["id"] for m in json.loads((repo / "licaudit.lock").read_text())["models"]] == [
        "mistralai/Mistral-7B-Instruct-v0.3"
    ]
    proc = run_licaudit("lock", "--offline", "more.py", cwd=repo)  # pre-commit's changed files
    assert proc.returncode == 0 and "(1 added, 0 removed, 0 changed)" in proc.stdout
    proc = run_licaudit("lock", "--offline", "--update", "app.py", cwd=repo)
    assert (
        proc.returncode == 0 and "2 model(s) pinned (0 added, 0 removed, 0 changed)" in proc.stdout
    )
    assert run_licaudit("lock", "--check", cwd=repo).returncode == 0


def test_lock_diff_needs_a_lockfile_and_the_hub(make_repo, run_licaudit):
    repo = make_repo({"app.py": APP})
    proc = run_licaudit("lock", "--diff", cwd=repo, env={"HF_HUB_OFFLINE": None})
    assert proc.returncode == 2
    assert "no licaudit.lock to compare: run 'licaudit lock' first" in proc.stderr
    assert run_licaudit("lock", "--offline", cwd=repo).returncode == 0
    proc = run_licaudit("lock", "--diff", cwd=repo)  # HF_HUB_OFFLINE=1 in the test environment
    assert proc.returncode == 2 and "cannot run with HF_HUB_OFFLINE set" in proc.stderr

"""End to end through the installed ``licaudit`` script with HF_ENDPOINT pointing at a local
Hub-compatible server: online scans, the disk cache across processes, ``lock``, ``lock --check``,
``scan --locked``, ``lock --diff`` (license drift) and ``lock --update``."""

from __future__ import annotations

import json
import socket

import pytest

from .hubserver import HubServer
from .resolve_support import model_requests

SECRET = "hf_e2esecret_do_not_print_0042"
QUANT = "acme/Llama-3.1-8B-Instruct-GGUF"
INSTRUCT = "meta-llama/Llama-3.1-8B-Instruct"
BASE = "meta-llama/Llama-3.1-8B"
APP = f"""\
from transformers import AutoModel
quant = AutoModel.from_pretrained("{QUANT}")
private = AutoModel.from_pretrained("acme/private-model")
ghost = AutoModel.from_pretrained("acme/ghost-model")
"""


@pytest.fixture
def hub():
    with HubServer() as server:
        server.add(
            BASE, card={"license": "llama3.1"}, gated="manual", pipeline_tag="text-generation"
        )
        server.add(
            INSTRUCT,
            card={"license": "llama3.1", "base_model": BASE, "base_model_relation": "finetune"},
            gated="manual",
        )
        server.add(
            QUANT,
            card={
                "license": "apache-2.0",
                "base_model": INSTRUCT,
                "base_model_relation": "quantized",
            },
            card_in_api=False,
        )
        server.add("acme/private-model", card={"license": "mit"}, private=True, token=SECRET)
        yield server


@pytest.fixture
def online(run_licaudit, hub, tmp_path):
    env = {
        "HF_ENDPOINT": hub.url,
        "HF_HUB_OFFLINE": None,
        "HF_TOKEN": SECRET,
        "HF_HOME": str(tmp_path / "hf-home"),
        "LICAUDIT_HUB_TIMEOUT": "5",
        "LICAUDIT_HUB_BACKOFF": "0.01",
        "LICAUDIT_HUB_MAX_WAIT": "0.2",
    }

    def run(*args, cwd, extra=None):
        proc = run_licaudit(*args, cwd=cwd, env={**env, **(extra or {})})
        for stream in (proc.stdout, proc.stderr):
            assert SECRET not in stream
        assert "Traceback" not in proc.stderr
        return proc

    return run


def models_by_id(report):
    return {m["id"]: m for m in report["models"]}


def test_online_scan_lock_and_drift(make_repo, online, hub):
    repo = make_repo({"app.py": APP})

    # an online scan: Hub facts, lineage to the root, the outcome of each failure
    proc = online("scan", "--format", "json", cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    assert "resolving models" not in proc.stderr  # no progress bar when stderr is not a terminal
    report = json.loads(proc.stdout)
    models = models_by_id(report)
    quant = models[QUANT]
    assert quant["license"]["id"] == "apache-2.0"
    assert quant["license_provenance"] == "hub"
    assert quant["revision"] == hub.models[QUANT.lower()].sha
    assert quant["base_models"] == [INSTRUCT] and quant["base_model_relation"] == "quantized"
    assert [(e["license"], e["chain"]) for e in quant["effective_licenses"]] == [
        ("apache-2.0", [QUANT]),
        ("llama3.1", [QUANT, INSTRUCT]),
        ("llama3.1", [QUANT, INSTRUCT, BASE]),
    ]
    assert models[BASE]["gated"] is True and models[BASE]["direct"] is False
    assert models["acme/private-model"]["license"]["id"] == "mit"  # HF_TOKEN was sent
    assert "not found on the Hub" in models["acme/ghost-model"]["unresolved"]
    assert any("acme/ghost-model" in w for w in report["warnings"])
    assert hub.count("/api/models/") == 5

    # the second scan is answered by the disk cache
    hub.reset_counts()
    proc = online("scan", "--format", "json", cwd=repo)
    assert model_requests(hub) == 0
    assert models_by_id(json.loads(proc.stdout))[QUANT]["license"]["id"] == "apache-2.0"

    # lock: every model and ancestor pinned with its revision and the source of each fact; the
    # ghost (a fact: the Hub does not know it) is pinned without a license, so lock exits 1
    proc = online("lock", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    assert "5 model(s) pinned (5 added" in proc.stdout
    assert "no license known for: acme/ghost-model" in proc.stdout
    text = (repo / "licaudit.lock").read_text(encoding="utf-8")
    assert SECRET not in text
    pinned = {m["id"]: m for m in json.loads(text)["models"]}
    assert set(pinned) == {QUANT, INSTRUCT, BASE, "acme/private-model", "acme/ghost-model"}
    assert pinned[QUANT]["revision"] == hub.models[QUANT.lower()].sha
    assert pinned[QUANT]["provenance"]["license"] == {
        "source": "hub",
        "detail": f"hub README.md at revision {hub.models[QUANT.lower()].sha[:12]}",
        "value": "apache-2.0",
    }
    assert pinned[BASE]["publisher"]["country"] == "US"

    # the CI guard and a locked scan never touch the network
    hub.reset_counts()
    assert (
        online(
            "lock", "--check", cwd=repo, extra={"LICAUDIT_CACHE_DIR": str(repo / ".no-cache")}
        ).returncode
        == 0
    )
    proc = online(
        "scan",
        "--locked",
        "--format",
        "json",
        cwd=repo,
        extra={"LICAUDIT_CACHE_DIR": str(repo / ".nc")},
    )
    assert "not pinned" not in proc.stderr, proc.stderr
    assert len(hub.requests) == 0
    locked = models_by_id(json.loads(proc.stdout))
    assert locked[QUANT]["license_provenance"] == "lockfile"
    assert [e["license"] for e in locked[QUANT]["effective_licenses"]] == [
        "apache-2.0",
        "llama3.1",
        "llama3.1",
    ]

    # no drift while the Hub says the same; the comparison asks the Hub afresh
    proc = online("lock", "--diff", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no license drift (4 model(s) checked" in proc.stdout
    assert "could not check acme/ghost-model" in proc.stderr
    assert hub.count("/api/models/") == 5

    # upstream relicenses the quant and adds an EU exclusion: drift, exit 1
    hub.models[QUANT.lower()].card = {
        "license": "other",
        "license_name": "llama3.1",
        "base_model": INSTRUCT,
        "extra_gated_eu_disallowed": True,
    }
    hub.models[QUANT.lower()].sha = "f" * 40
    proc = online("lock", "--diff", cwd=repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"{QUANT}: license apache-2.0 -> llama3.1" in proc.stdout
    assert f"{QUANT}: license_name none -> llama3.1" in proc.stdout
    assert f"{QUANT}: eu_disallowed none -> true" in proc.stdout
    assert "the Hub now at ffffffffffff" in proc.stdout
    assert (repo / "licaudit.lock").read_text(encoding="utf-8") == text  # --diff never writes

    # the lockfile keeps its pins until --update re-resolves
    assert online("lock", cwd=repo).stdout.count("0 changed") == 1
    proc = online("lock", "--update", cwd=repo)
    assert proc.returncode == 1 and "1 changed" in proc.stdout  # the ghost still has no license
    repinned = {m["id"]: m for m in json.loads((repo / "licaudit.lock").read_text())["models"]}
    assert repinned[QUANT]["license"] == "llama3.1" and repinned[QUANT]["revision"] == "f" * 40
    assert repinned[QUANT]["eu_disallowed"] is True
    assert online("lock", "--diff", cwd=repo).returncode == 0


def test_offline_and_unreachable(make_repo, online, hub):
    repo = make_repo({"app.py": APP})
    proc = online("scan", "--offline", "--format", "json", cwd=repo)
    assert len(hub.requests) == 0
    # offline, the quantization is known only by its name: its original's terms, said so
    quant = models_by_id(json.loads(proc.stdout))[QUANT]
    assert quant["license"]["id"] == "llama3.1" and quant["base_models"] == [INSTRUCT]
    assert quant["provenance"]["license"]["source"] == "inferred"
    online("scan", "--format", "json", cwd=repo, extra={"HF_HUB_OFFLINE": "1"})
    assert len(hub.requests) == 0

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    proc = online("scan", "--format", "json", cwd=repo, extra={"HF_ENDPOINT": dead})
    assert proc.returncode in (0, 1), proc.stderr
    warnings = json.loads(proc.stdout)["warnings"]
    assert len([w for w in warnings if "could not be reached" in w]) == 1
    online("lock", cwd=repo, extra={"HF_HUB_OFFLINE": "1"})
    proc = online("lock", "--diff", cwd=repo, extra={"HF_ENDPOINT": dead})
    assert proc.returncode == 2 and "could not be reached" in proc.stderr

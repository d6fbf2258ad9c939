"""``licaudit scan --hf-cache [DIR]``: the models on a machine, from a Hugging Face cache built by
the real ``huggingface_hub`` client (``snapshot_download`` against tests/hubserver.py), or a
folder of model snapshots, or an unpacked container filesystem — resolved offline from the
cached card and LICENSE at the exact cached revision, with the policy, reports and exit codes
of a repository scan."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from licaudit.resources import validation_errors

from .discover_helpers import write_safetensors
from .hubserver import HubServer, _fake_sha

MIT_TEXT = (
    "MIT License\n\nCopyright (c) 2025 Acme\n\nPermission is hereby granted, free of charge, to any "
    "person obtaining a copy of this software and associated documentation files (the "
    '"Software"), to deal in the Software without restriction, including without limitation the '
    "rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of "
    "the Software, and to permit persons to whom the Software is furnished to do so, subject to "
    "the following conditions:\n\nThe above copyright notice and this permission notice shall be "
    "included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED "
    '"AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE '
    "WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO "
    "EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER "
    "LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN "
    "CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n"
)
WEIGHTS = b"\x10\x00\x00\x00\x00\x00\x00\x00" + b'{"__metadata__":{}}'[:16].ljust(16) + b"\0" * 8

CARDED = "acme/support-ft"  # its card: cc-by-nc-4.0, a fine-tune of Llama 3.1 8B
LICENSE_ONLY = "acme/ranker"  # no license in the card, an MIT LICENSE file
CATALOGUED = "mistralai/Mistral-7B-Instruct-v0.3"  # no card at all: the catalog knows it
UNKNOWN = "acme/mystery"


def build_cache(hf_home, tmp_path) -> dict[str, str]:
    """snapshot_download of each model from the local Hub server into ``hf_home``, by the real
    client in a separate process; {model id: the cached commit}."""
    with HubServer() as hub:
        hub.add(CARDED, card={"license": "cc-by-nc-4.0", "base_model": "meta-llama/Llama-3.1-8B",
                              "base_model_relation": "finetune", "pipeline_tag": "text-generation"},
                files={"config.json": b'{"model_type": "llama"}', "model.safetensors": WEIGHTS})  # fmt: skip
        hub.add(LICENSE_ONLY, card={"pipeline_tag": "text-classification"},
                files={"LICENSE": MIT_TEXT.encode()})  # fmt: skip
        hub.add(CATALOGUED, card=None, readme_body="# Mistral\n")
        hub.add(UNKNOWN, card={"tags": ["x"]})
        script = (
            "import sys\nfrom huggingface_hub import snapshot_download\n"
            "for repo in sys.argv[1:]:\n    snapshot_download(repo)\n"
        )
        env = {**os.environ, "HF_ENDPOINT": hub.url, "HF_HOME": str(hf_home),
               "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1"}  # fmt: skip
        env.pop("HF_HUB_OFFLINE", None)
        env.pop("HF_HUB_CACHE", None)
        subprocess.run(
            [sys.executable, "-c", script, CARDED, LICENSE_ONLY, CATALOGUED, UNKNOWN],
            env=env, check=True, timeout=120, capture_output=True,
        )  # fmt: skip
    return {m: _fake_sha(m) for m in (CARDED, LICENSE_ONLY, CATALOGUED, UNKNOWN)}


@pytest.fixture
def hf_home(tmp_path):
    home = tmp_path / "hf-home"
    commits = build_cache(home, tmp_path)
    return home, commits


def test_the_user_cache_audited_offline_at_the_cached_revisions(hf_home, run_licaudit, tmp_path):
    home, commits = hf_home
    assert (home / "hub" / "models--acme--support-ft" / "snapshots" / commits[CARDED]).is_dir()
    env = {"HF_HOME": str(home), "HF_ENDPOINT": "http://127.0.0.1:9"}  # nothing listens there
    proc = run_licaudit("scan", "--hf-cache", "--format", "json", cwd=tmp_path, env=env)
    assert proc.returncode == 1, proc.stderr  # the non-commercial fine-tune fails the policy
    doc = json.loads(proc.stdout)
    assert validation_errors("report", doc) == []
    assert doc["review"]["kind"] == "cache"
    assert doc["review"]["repository"] == (home / "hub").resolve().as_posix()
    models = {m["id"]: m for m in doc["models"]}

    carded = models[CARDED]
    assert carded["revision"] == commits[CARDED]
    assert carded["purl"] == f"pkg:huggingface/acme/support-ft@{commits[CARDED]}"
    assert carded["license"]["id"] == "cc-by-nc-4.0"
    assert carded["provenance"]["license"]["source"] == "card"
    assert commits[CARDED] in carded["provenance"]["license"]["detail"]
    assert carded["provenance"]["revision"] == {
        "source": "hf-cache",
        "detail": f"cached snapshot {commits[CARDED][:12]}",
    }
    assert carded["base_models"] == ["meta-llama/Llama-3.1-8B"] and carded["direct"]
    assert carded["task"] == "text-generation" and carded["modalities"] == ["text"]
    (weights,) = carded["files"]
    assert weights["path"].endswith(f"{commits[CARDED]}/model.safetensors")
    import hashlib

    assert weights["sha256"] == hashlib.sha256(WEIGHTS).hexdigest()
    assert models["meta-llama/Llama-3.1-8B"]["direct"] is False  # lineage, from the catalog

    assert models[LICENSE_ONLY]["license"]["id"] == "mit"
    assert models[LICENSE_ONLY]["provenance"]["license"]["source"] == "license-file"
    assert models[CATALOGUED]["license"]["id"] == "apache-2.0"  # no card: the catalog's
    assert models[CATALOGUED]["provenance"]["license"]["source"] == "catalog"
    assert any("the catalog's apache-2.0 is used" in n for n in models[CATALOGUED]["notes"])
    assert models[UNKNOWN]["license"] is None
    rules = {(f["rule"], f["model"]) for f in doc["findings"]}
    assert ("commercial-use", CARDED) in rules and ("license-unknown", UNKNOWN) in rules

    # the same policy, formats and exit codes as a repository scan
    text = run_licaudit("scan", "--hf-cache", cwd=tmp_path, env=env)
    assert text.returncode == 1
    assert text.stdout.splitlines()[0].endswith(
        f"{(home / 'hub').resolve().as_posix()} — policy default (builtin:default)"
    )
    md = run_licaudit("scan", "--hf-cache", "--format", "markdown", cwd=tmp_path, env=env).stdout
    assert f"| Model cache | {(home / 'hub').resolve().as_posix()} |" in md.replace("\\_", "_")
    allowing = tmp_path / "allow.yaml"
    allowing.write_text("version: 1\nname: lab\norganization:\n  use: research\n"
                        "licenses:\n  unknown: warning\n", encoding="utf-8")  # fmt: skip
    research = run_licaudit(
        "scan", "--hf-cache", str(home), "--policy", str(allowing), cwd=tmp_path, env=env
    )
    assert research.returncode == 0, research.stdout


def test_an_unpacked_image_filesystem_and_a_folder_of_snapshots(hf_home, run_licaudit, tmp_path):
    home, commits = hf_home
    image = tmp_path / "image"
    shutil.copytree(home / "hub", image / "root/.cache/huggingface/hub", symlinks=True)
    exported = image / "opt/models/ranker-v3"
    write_safetensors(exported / "ranker.safetensors", {"license": "apache-2.0"})
    (image / "proc").mkdir()
    write_safetensors(image / "proc/ignored.safetensors", {"license": "mit"})  # pseudo fs
    # a second revision of one model: audited once, the other listed as skipped
    older = image / "root/.cache/huggingface/hub/models--acme--ranker/snapshots" / ("0" * 40)
    shutil.copytree(
        image / f"root/.cache/huggingface/hub/models--acme--ranker/snapshots/{commits[LICENSE_ONLY]}",
        older, symlinks=True,
    )  # fmt: skip
    os.utime(older, (1, 1))

    proc = run_licaudit("scan", "--hf-cache", str(image), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    models = {m["id"]: m for m in doc["models"]}
    assert {CARDED, LICENSE_ONLY, CATALOGUED, UNKNOWN, "opt/models/ranker-v3"} <= set(models)
    assert "proc" not in " ".join(models)
    assert models["opt/models/ranker-v3"]["source"] == "local"
    assert models["opt/models/ranker-v3"]["license"]["id"] == "apache-2.0"
    assert models[LICENSE_ONLY]["revision"] == commits[LICENSE_ONLY]  # main points at it
    assert [s["reason"] for s in doc["skipped"] if s["path"].endswith("0" * 40)] == [
        f"another cached revision of {LICENSE_ONLY}: the audit covers "
        f"{commits[LICENSE_ONLY][:12]} (main)"
    ]
    locations = models[CARDED]["locations"]
    assert locations[0]["path"].startswith("root/.cache/huggingface/hub/models--acme--support-ft/")

    assert run_licaudit("scan", "--hf-cache", str(tmp_path / "nowhere")).returncode == 2
    both = run_licaudit("scan", ".", "--hf-cache", str(image), cwd=tmp_path)
    assert both.returncode == 2 and "not both" in both.stderr

"""The lockfile never loses a pin and never pins what is not a fact, through the installed CLI
against the local Hub server: ``lock --update`` with the Hub down or failing, transient
failures (500, 429, a timeout) never pinned, pins without a license asked about again, lineage
cut at the depth bound, concurrent and failing writers, hand edits, duplicates, and a truncated
lockfile."""

from __future__ import annotations

import fcntl
import json
import os
import resource
import subprocess
import time

import pytest

from .hubserver import HubServer
from .resolve_support import dead_endpoint, hub_cli_env

BASE = "meta-llama/Llama-3.1-8B"
INSTRUCT = "meta-llama/Llama-3.1-8B-Instruct"
QUANT = "acme/Llama-3.1-8B-Instruct-GGUF"
PLAIN = "acme/plain-model"
APP = f"""\
from transformers import AutoModel
AutoModel.from_pretrained("{QUANT}")
AutoModel.from_pretrained("{PLAIN}")
"""


@pytest.fixture
def hub():
    with HubServer() as server:
        server.add(BASE, card={"license": "llama3.1"}, pipeline_tag="text-generation")
        server.add(INSTRUCT, card={"license": "llama3.1", "base_model": BASE})
        server.add(
            QUANT,
            card={
                "license": "llama3.1",
                "base_model": INSTRUCT,
                "base_model_relation": "quantized",
            },
        )
        server.add(PLAIN, card={"license": "mit"})
        yield server


@pytest.fixture
def online(run_licaudit, hub, tmp_path):
    def run(*args, cwd, **extra):
        proc = run_licaudit(*args, cwd=cwd, env=hub_cli_env(hub, tmp_path, **extra), timeout=60)
        assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
        return proc

    return run


def pins(repo) -> dict:
    return {m["id"]: m for m in json.loads((repo / "licaudit.lock").read_text())["models"]}


def test_update_with_the_hub_unreachable_keeps_every_pin(make_repo, online, hub):
    repo = make_repo({"app.py": APP})
    assert online("lock", cwd=repo).returncode == 0
    before = (repo / "licaudit.lock").read_bytes()
    assert pins(repo)[QUANT]["revision"] == hub.models[QUANT.lower()].sha

    proc = online("lock", "--update", cwd=repo, HF_ENDPOINT=dead_endpoint())
    # every pin kept as it was, revisions and the base models included, and it says so
    assert (repo / "licaudit.lock").read_bytes() == before, proc.stderr
    assert proc.returncode == 0
    assert "4 model(s) pinned (0 added, 0 removed, 0 changed)" in proc.stdout
    for model in (QUANT, INSTRUCT, BASE, PLAIN):
        assert f"pin kept as it was: {model}: the Hugging Face Hub could not be reached" in (
            proc.stderr
        )


def test_update_replaces_a_pin_only_by_an_answer_at_least_as_good(make_repo, online, hub):
    repo = make_repo({"app.py": APP})
    assert online("lock", cwd=repo).returncode == 0
    before = pins(repo)
    hub.models[PLAIN.lower()].fail_times = 10**6  # 500 on every request
    hub.models[QUANT.lower()].card = {"base_model": INSTRUCT}  # the card lost its license
    hub.models[BASE.lower()].sha = "e" * 40  # a new revision: a better answer, re-pinned
    proc = online("lock", "--update", cwd=repo)
    after = pins(repo)
    assert after[PLAIN] == before[PLAIN]
    assert after[QUANT] == before[QUANT]
    assert after[BASE]["revision"] == "e" * 40
    assert f"pin kept as it was: {PLAIN}: the Hub answered 500 after 2 retries" in proc.stderr
    assert f"pin kept as it was: {QUANT}: the Hub declares no license for it now" in proc.stderr
    assert proc.returncode == 0


@pytest.mark.parametrize(
    "failure, reason",
    [
        ({"fail_times": 10**6, "fail_status": 500}, "the Hub answered 500 after 2 retries"),
        ({"fail_times": 10**6, "fail_status": 429}, "rate-limited the requests (429)"),
        ({"delay": 3}, "timed out"),
    ],
    ids=["500", "429", "timeout"],
)
def test_a_transient_failure_is_never_pinned(make_repo, online, hub, failure, reason):
    repo = make_repo({"app.py": APP})
    for key, value in failure.items():
        setattr(hub.models[PLAIN.lower()], key, value)
    proc = online("lock", cwd=repo, LICAUDIT_HUB_TIMEOUT="1")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"not pinned: {PLAIN}: " in proc.stderr and reason in proc.stderr
    assert "rerun 'licaudit lock' when the Hub answers" in proc.stderr
    assert PLAIN not in pins(repo)
    # the CI guard sees the hole
    check = online("lock", "--check", cwd=repo)
    assert check.returncode == 1 and PLAIN in check.stderr
    # when the Hub answers again, the next lock pins it
    hub.models[PLAIN.lower()].fail_times = 0
    hub.models[PLAIN.lower()].delay = 0
    proc = online("lock", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert pins(repo)[PLAIN]["license"] == "mit"
    assert online("lock", "--check", cwd=repo).returncode == 0


def test_a_card_that_could_not_be_read_is_no_fact(make_repo, online, hub):
    """The model info answered, its README (the only place the license is written) failed: no
    license is known, and that is a failure, not a fact: not pinned, not cached."""
    hub.models[PLAIN.lower()].card_in_api = False
    hub.models[PLAIN.lower()].tags = []
    hub.models[PLAIN.lower()].readme_status = 503
    repo = make_repo({"app.py": APP})
    proc = online("lock", cwd=repo)
    assert proc.returncode == 1
    assert f"not pinned: {PLAIN}: the model card could not be read: the Hub answered 503" in (
        proc.stderr
    )
    assert PLAIN not in pins(repo)
    hub.models[PLAIN.lower()].readme_status = None
    proc = online("lock", cwd=repo)  # asked again: the failure was never cached
    assert proc.returncode == 0, proc.stderr
    assert pins(repo)[PLAIN]["license"] == "mit"
    assert pins(repo)[PLAIN]["provenance"]["license"]["detail"].startswith("hub README.md")


def test_a_pin_without_a_license_is_asked_about_again(make_repo, online, hub):
    repo = make_repo({"app.py": APP})
    hub.models[PLAIN.lower()].card = {}  # the card declares nothing yet
    proc = online("lock", cwd=repo)
    assert proc.returncode == 1 and f"no license known for: {PLAIN}" in proc.stdout
    assert pins(repo)[PLAIN]["license"] is None
    hub.models[PLAIN.lower()].card = {"license": "mit"}
    proc = online("lock", cwd=repo, LICAUDIT_CACHE_TTL="0")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert pins(repo)[PLAIN]["license"] == "mit"
    assert "1 changed" in proc.stdout


def test_lineage_deeper_than_the_bound_is_an_unknown_license(make_repo, online, hub):
    """A 31-deep chain of Apache repacks that ends in a Llama model: the ancestors beyond the
    bound are not examined, so the chain's license is unknown (the default policy fails), and
    the report says where lineage was cut."""
    chain = [f"acme/repack-{n}" for n in range(31)]
    for child, base in zip(chain, [*chain[1:], BASE], strict=True):
        hub.add(child, card={"license": "apache-2.0", "base_model": base})
    proc = online("check", chain[0], "--format", "json", cwd=make_repo({}))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    models = {m["id"]: m for m in report["models"]}
    cut = models["acme/repack-13"]
    assert cut["license"] is None and "not examined" in cut["unresolved"]
    assert "acme/repack-12" in cut["unresolved"]
    unknown = [f for f in report["findings"] if f["rule"] == "license-unknown"]
    assert [f["chain"][-1] for f in unknown] == ["acme/repack-13"]
    assert unknown[0]["chain"][0] == chain[0] and unknown[0]["severity"] == "error"
    assert any("lineage cut at 12 levels" in w for w in report["warnings"])
    assert "acme/repack-14" not in models

    # lock pins no unexamined ancestor and exits 1
    repo = make_repo({"app.py": f'AutoModel.from_pretrained("{chain[0]}")\n'}, name="deep")
    proc = online("lock", cwd=repo)
    assert proc.returncode == 1
    assert "not pinned: acme/repack-13: not examined" in proc.stderr
    assert "acme/repack-13" not in pins(repo) and "acme/repack-12" in pins(repo)


# --- writers -------------------------------------------------------------------------------


def test_another_writers_temporary_file_is_never_shared(make_repo, run_licaudit, tmp_path):
    repo = make_repo({"app.py": APP})
    outside = tmp_path / "outside.txt"
    outside.write_text("not yours\n")
    (repo / ".licaudit.lock.tmp").symlink_to(outside)  # the fixed name every writer used
    proc = run_licaudit("lock", "--offline", cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    assert outside.read_text() == "not yours\n"
    assert not (repo / "licaudit.lock").is_symlink()
    json.loads((repo / "licaudit.lock").read_text())


def test_concurrent_lock_runs_leave_one_valid_lockfile(make_repo, licaudit_bin, tmp_path):
    repo = make_repo({"app.py": APP})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICAUDIT_"))}
    env.update(HF_HUB_OFFLINE="1", LICAUDIT_CACHE_DIR=str(tmp_path / "cache"))
    procs = [
        subprocess.Popen(
            [licaudit_bin, "lock", "--offline"],
            cwd=repo,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert all(code == 1 for code, _ in results), results  # offline: acme/plain-model unknown
    assert not [n for n in os.listdir(repo) if n.endswith(".tmp")]
    pinned = {m["id"] for m in json.loads((repo / "licaudit.lock").read_text())["models"]}
    assert {QUANT, PLAIN} <= pinned


def test_a_second_writer_waits_for_the_first(make_repo, licaudit_bin, tmp_path):
    repo = make_repo({"app.py": APP})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICAUDIT_"))}
    env.update(HF_HUB_OFFLINE="1", LICAUDIT_CACHE_DIR=str(tmp_path / "cache"))
    err_path = tmp_path / "stderr.txt"
    fd = os.open(repo, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a licaudit run writing the lockfile holds it
        with err_path.open("w") as err:
            proc = subprocess.Popen(
                [licaudit_bin, "lock", "--offline"],
                cwd=repo,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=err,
                text=True,
            )
        deadline = time.monotonic() + 60  # a loaded machine may take long to start the run
        while "waiting for another" not in err_path.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, "did not wait for the lock"
            time.sleep(0.05)
        assert proc.poll() is None, "did not wait for the lock"
        assert not (repo / "licaudit.lock").exists()
    finally:
        os.close(fd)  # released
    assert proc.wait(timeout=60) == 1
    assert (
        "waiting for another licaudit run to finish writing licaudit.lock" in err_path.read_text()
    )
    json.loads((repo / "licaudit.lock").read_text())


def _file_size_limit(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_write_that_fails_keeps_the_previous_lockfile(make_repo, run_licaudit):
    """A full disk (a file size limit here) in the middle of the write: the previous lockfile
    is untouched, no temporary file is left, and the message is one line, exit 2."""
    repo = make_repo({"app.py": 'AutoModel.from_pretrained("google-bert/bert-base-uncased")\n'})
    assert run_licaudit("lock", "--offline", cwd=repo).returncode == 0
    before = (repo / "licaudit.lock").read_bytes()
    (repo / "app.py").write_text(APP)
    proc = run_licaudit("lock", "--offline", cwd=repo, preexec_fn=_file_size_limit(512))
    assert proc.returncode == 2
    assert proc.stderr.startswith("licaudit: error: cannot write") and "File too large" in (
        proc.stderr
    )
    assert (repo / "licaudit.lock").read_bytes() == before
    assert sorted(os.listdir(repo)) == [".git", "app.py", "licaudit.lock"]


# --- what the lockfile says ----------------------------------------------------------------


def test_a_license_edited_by_hand_is_pinned_without_a_source(make_repo, run_licaudit):
    repo = make_repo({"app.py": 'AutoModel.from_pretrained("mistralai/Mistral-7B-v0.1")\n'})
    assert run_licaudit("lock", "--offline", cwd=repo).returncode == 0
    doc = json.loads((repo / "licaudit.lock").read_text())
    (entry,) = doc["models"]
    assert entry["provenance"]["license"]["value"] == "apache-2.0"
    entry["license"] = "mit"  # a correction by hand
    (repo / "licaudit.lock").write_text(json.dumps(doc, indent=2))
    proc = run_licaudit("scan", "--offline", "--format", "json", cwd=repo)
    (model,) = json.loads(proc.stdout)["models"]
    assert model["license"]["id"] == "mit"
    detail = model["provenance"]["license"]["detail"]
    assert detail.startswith("licaudit.lock: pinned without a source: edited by hand; catalog")
    assert "said apache-2.0" in detail
    assert any(
        "licaudit.lock pins mit, the built-in catalog says apache-2.0" in n for n in model["notes"]
    )
    assert any(
        n.startswith("license edited by hand in licaudit.lock: catalog") for n in model["notes"]
    )
    # facts not edited keep their source
    assert "(catalog)" in model["provenance"]["modalities"]["detail"]
    # lock keeps the correction, as pinned without a source, from then on
    assert run_licaudit("lock", "--offline", cwd=repo).returncode == 0
    again = run_licaudit("scan", "--offline", "--format", "json", cwd=repo)
    assert json.loads(again.stdout)["models"][0]["provenance"]["license"]["detail"] == detail


def test_a_model_pinned_twice_is_an_error_naming_both_lines(make_repo, run_licaudit):
    repo = make_repo({"app.py": 'AutoModel.from_pretrained("mistralai/Mistral-7B-v0.1")\n'})
    assert run_licaudit("lock", "--offline", cwd=repo).returncode == 0
    doc = json.loads((repo / "licaudit.lock").read_text())
    twin = dict(doc["models"][0], id="MistralAI/Mistral-7B-v0.1", license="mit")
    doc["models"].append(twin)
    text = json.dumps(doc, indent=2)
    (repo / "licaudit.lock").write_text(text)
    first = text.splitlines().index("    {") + 1
    second = len(text.splitlines()) - text.splitlines()[::-1].index("    {")
    proc = run_licaudit("scan", "--offline", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"licaudit: error: licaudit.lock:{second}: models.1: ")
    assert f"MistralAI/Mistral-7B-v0.1 is pinned twice (first at line {first})" in proc.stderr


def test_a_truncated_lockfile_says_how_to_restore_and_update_rebuilds(make_repo, run_licaudit):
    repo = make_repo({"app.py": 'AutoModel.from_pretrained("mistralai/Mistral-7B-v0.1")\n'})
    assert run_licaudit("lock", "--offline", cwd=repo).returncode == 0
    text = (repo / "licaudit.lock").read_text()
    (repo / "licaudit.lock").write_text(text[: len(text) // 2])
    for args in (("scan", "--offline"), ("lock", "--offline")):
        proc = run_licaudit(*args, cwd=repo)
        assert proc.returncode == 2
        assert "git checkout -- licaudit.lock" in proc.stderr
        assert "'licaudit lock --update'" in proc.stderr
    proc = run_licaudit("lock", "--update", "--offline", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert "rebuilt from what the sources say now" in proc.stderr
    assert (repo / "licaudit.lock").read_text() == text
    assert run_licaudit("scan", "--offline", "--locked", cwd=repo).returncode == 0

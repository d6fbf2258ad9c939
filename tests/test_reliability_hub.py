"""Every Hub request is bounded, whatever the server does, through the installed CLI against the
local Hub server: an answer trickled a byte at a time, a hanging request and Ctrl-C, a huge
README, answers that are not what the Hub sends (garbage, the wrong types, a lying length, a
redirect loop), and disk cache entries of the wrong shape."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .hubserver import HubServer
from .resolve_support import hub_cli_env

EXCEPTION_NAMES = ("JSONDecodeError", "TooManyRedirects", "RemoteProtocolError", "Error:")


@pytest.fixture
def hub():
    with HubServer() as server:
        yield server


def check(run_licaudit, hub, tmp_path, model, *args, timeout=60, **env):
    """``licaudit check MODEL --format json`` online against ``hub``; (process, report)."""
    proc = run_licaudit(
        "check",
        model,
        "--format",
        "json",
        *args,
        cwd=tmp_path,
        env=hub_cli_env(hub, tmp_path, **env),
        timeout=timeout,
    )
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc, json.loads(proc.stdout)


def test_a_trickling_answer_is_cut_at_the_deadline(run_licaudit, hub, tmp_path):
    """One byte every 0.2 s keeps every read alive; the request's total deadline still ends it
    (today's per-read timeout would wait for the whole answer: minutes)."""
    hub.add("acme/trickle", card={"license": "mit"}, trickle=0.2)
    started = time.monotonic()
    proc, report = check(
        run_licaudit, hub, tmp_path, "acme/trickle", timeout=30, LICAUDIT_HUB_TIMEOUT="1"
    )
    assert time.monotonic() - started < 15
    (model,) = report["models"]
    assert model["license"] is None
    warning = next(w for w in report["warnings"] if "could not be reached" in w)
    assert "timed out: no complete answer within 1 s" in warning


def test_ctrl_c_during_a_hanging_request_stops_at_once(licaudit_bin, hub, tmp_path):
    hub.add("acme/hang", card={"license": "mit"}, delay=60)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICAUDIT_"))}
    online = hub_cli_env(hub, tmp_path, LICAUDIT_HUB_TIMEOUT="30")
    env.update({k: v for k, v in online.items() if v is not None})
    env["LICAUDIT_CACHE_DIR"] = str(tmp_path / "cache")
    proc = subprocess.Popen(
        [licaudit_bin, "check", "acme/hang"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while hub.count("/api/models/acme/hang") == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert hub.count("/api/models/acme/hang") == 1
        time.sleep(0.3)
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=5)
        elapsed = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert code == 130, err
    assert err.strip().endswith("licaudit: interrupted")
    assert "Traceback" not in err
    assert elapsed < 2


def test_a_huge_readme_costs_only_its_front_matter(run_licaudit, hub, tmp_path):
    model = hub.add(
        "acme/huge-card",
        card={"license": "mit"},
        card_in_api=False,
        readme_padding=64 * 1024 * 1024,
    )
    proc, report = check(run_licaudit, hub, tmp_path, "acme/huge-card")
    assert report["models"][0]["license"]["id"] == "mit"
    assert report["models"][0]["provenance"]["license"]["detail"].startswith("hub README.md")
    assert model.readme_sent < 24 * 1024 * 1024  # what the socket buffers took, not 64 MiB


def test_a_readme_whose_front_matter_never_ends_is_explained(run_licaudit, hub, tmp_path):
    hub.add(
        "acme/open-card",
        card=None,
        card_in_api=False,
        readme_body="---\nlicense: mit\n" + "x: y\n" * 10,
        readme_padding=4 * 1024 * 1024,
    )
    proc, report = check(run_licaudit, hub, tmp_path, "acme/open-card")
    unresolved = report["models"][0]["unresolved"]
    assert "the model card could not be read: its front matter does not end" in unresolved


@pytest.mark.parametrize(
    "hostile, sentence",
    [
        ({"api_body": b"<html>not json{"}, "the Hub's answer is not valid JSON"),
        ({"redirect_loop": True}, "the Hub redirected the request too many times"),
        (
            {"api_body": json.dumps({"id": 5, "tags": 7, "siblings": "x"}).encode()},
            "the Hub's answer could not be read",
        ),
        ({"api_length": 64 * 1024 * 1024}, "larger than 8 MiB"),
        ({"api_body": b'{"id": "acme/x"', "api_length": 400}, "timed out"),
    ],
    ids=["garbage", "redirect-loop", "wrong-types", "huge-length", "short-body"],
)
def test_answers_that_are_not_what_the_hub_sends_read_as_sentences(
    run_licaudit, hub, tmp_path, hostile, sentence
):
    hub.add("acme/x", card={"license": "mit"}, **hostile)
    proc, report = check(run_licaudit, hub, tmp_path, "acme/x", LICAUDIT_HUB_TIMEOUT="2")
    assert proc.returncode == 1  # the license is unknown: the default policy fails
    (model,) = report["models"]
    assert model["license"] is None
    said = " ".join([model["unresolved"], *report["warnings"]])
    assert sentence in said, said
    for name in EXCEPTION_NAMES:
        assert name not in said and name not in proc.stderr


def test_cache_entries_of_the_wrong_shape_are_misses(run_licaudit, hub, tmp_path):
    hub.add("acme/cached", card={"license": "mit", "base_model": "acme/base"})
    hub.add("acme/base", card={"license": "apache-2.0"})
    env = {"LICAUDIT_CACHE_DIR": str(tmp_path / "cache")}
    check(run_licaudit, hub, tmp_path, "acme/cached", **env)
    entries = sorted(Path(env["LICAUDIT_CACHE_DIR"], "hub").glob("*.json"))
    assert len(entries) == 2
    wrong = [
        {"status": "ok", "info": {"card": "mit", "tags": 5}, "message": ""},
        {"status": "ok", "info": None},
        {"status": ["ok"], "info": {}},
        {"status": "not-found", "info": {"card": {}}, "message": 3},
    ]
    for n, path in enumerate(entries):
        entry = json.loads(path.read_text())
        entry["value"] = wrong[n]
        path.write_text(json.dumps(entry))
    hub.reset_counts()
    proc, report = check(run_licaudit, hub, tmp_path, "acme/cached", **env)
    assert {m["id"]: m["license"]["id"] for m in report["models"]} == {
        "acme/cached": "mit",
        "acme/base": "apache-2.0",
    }
    assert hub.count("/api/models/") == 2  # both asked again
    for n, path in enumerate(entries):  # and the wrong entries replaced
        entry = json.loads(path.read_text())
        entry["value"] = wrong[n + 2]
        path.write_text(json.dumps(entry))
    hub.reset_counts()
    proc, report = check(run_licaudit, hub, tmp_path, "acme/cached", **env)
    assert hub.count("/api/models/") == 2
    assert proc.returncode == 0


def test_validated_data_cache_of_the_wrong_shape_is_a_miss(make_repo, run_licaudit, tmp_path):
    """The cache of validated license, catalog and policy files edited into other valid JSON
    (the right format marker and schema key, documents of the wrong types): a miss, never an
    internal error on every scan until the cache is deleted."""
    repo = make_repo({"app.py": 'AutoModel.from_pretrained("mistralai/Mistral-7B-v0.1")\n'})
    cache = tmp_path / "data-cache"
    env = {"LICAUDIT_CACHE_DIR": str(cache)}
    first = run_licaudit("scan", "--offline", "--format", "json", cwd=repo, env=env)
    files = sorted(cache.glob("*/validated-*.json")) + sorted(cache.glob("*/*/validated-*.json"))
    assert {p.parent.name for p in files} >= {"licenses", "catalog"}
    for path in files:
        entry = json.loads(path.read_text())
        entry["documents"] = {key: {"id": 5, "terms": "x"} for key in entry["documents"]}
        path.write_text(json.dumps(entry))
    again = run_licaudit("scan", "--offline", "--format", "json", cwd=repo, env=env)
    assert again.returncode == first.returncode, again.stderr
    assert again.stdout == first.stdout


def test_validated_data_cache_whose_documents_do_not_match_their_digest_is_a_miss(
    make_repo, run_licaudit, tmp_path
):
    """The cache of validated data files in its exact one-line shape, its documents replaced
    (documents of the wrong types) but its digest kept: the digest of the bytes on disk says
    they are not what was validated, and the scan is as without the cache."""
    repo = make_repo({"app.py": 'AutoModel.from_pretrained("mistralai/Mistral-7B-v0.1")\n'})
    cache = tmp_path / "data-cache"
    env = {"LICAUDIT_CACHE_DIR": str(cache)}
    first = run_licaudit("scan", "--offline", "--format", "json", cwd=repo, env=env)
    files = sorted(cache.glob("*/validated-*.json"))
    assert {p.parent.name for p in files} >= {"licenses", "catalog"}
    for path in files:
        raw = path.read_bytes()
        head = raw.index(b'"documents":') + len(b'"documents":')
        tail = raw.rindex(b',"digest":"')
        keys = json.loads(raw[head:tail])
        wrong = json.dumps({k: {"id": 5, "terms": "x"} for k in keys}, separators=(",", ":"))
        path.write_bytes(raw[:head] + wrong.encode() + raw[tail:])
        assert json.loads(path.read_bytes())["digest"] == json.loads(raw)["digest"]
    again = run_licaudit("scan", "--offline", "--format", "json", cwd=repo, env=env)
    assert again.returncode == first.returncode, again.stderr
    assert again.stdout == first.stdout

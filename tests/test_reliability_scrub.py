"""Text from model cards, file names and Hub answers reaches terminals and CI logs as plain lines
(one scrub for every format and message), and a hostile revision never reaches a package URL.
Through the CLI against the local Hub server."""

from __future__ import annotations

import json
import re

import pytest

from .hubserver import HubServer
from .resolve_support import hub_cli_env

HOSTILE = "evil\x1b]0;owned\x07\rfake line\x9b31m\u202e"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
MODEL = "acme/odd-card"


@pytest.fixture
def hub():
    with HubServer() as server:
        server.add(MODEL, card={"license": "other", "license_name": HOSTILE})
        yield server


def clean(text: str) -> None:
    """No control character but the line ends, and no line that only a control character made."""
    assert not CONTROL.search(text), repr(CONTROL.search(text))
    assert "fake line" not in [line.strip() for line in text.splitlines()]


@pytest.mark.parametrize("fmt", ["text", "github", "spdx-tv", "markdown", "html"])
def test_card_text_and_file_names_reach_a_terminal_as_plain_lines(
    make_repo, run_licaudit, hub, tmp_path, fmt
):
    name = "src/app\x1b[2J\x07.py"  # a file name can hold any byte but / and NUL
    repo = make_repo({name: f'AutoModel.from_pretrained("{MODEL}")\n'})
    proc = run_licaudit(
        "scan", "--format", fmt, cwd=repo, env=hub_cli_env(hub, tmp_path), timeout=60
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "evil" in proc.stdout  # the text is there, made plain
    clean(proc.stdout)
    clean(proc.stderr)


def test_lock_diff_shows_hostile_values_as_plain_lines(make_repo, run_licaudit, hub, tmp_path):
    repo = make_repo({"app.py": f'AutoModel.from_pretrained("{MODEL}")\n'})
    hub.models[MODEL].card = {"license": "mit"}
    env = hub_cli_env(hub, tmp_path)
    assert run_licaudit("lock", cwd=repo, env=env).returncode == 0
    hub.models[MODEL].card = {"license": "other", "license_name": HOSTILE}
    proc = run_licaudit("lock", "--diff", cwd=repo, env=env)
    assert proc.returncode == 1
    assert f"{MODEL}: license_name none -> evil" in proc.stdout
    clean(proc.stdout)
    clean(proc.stderr)


def test_error_messages_quoting_a_file_are_plain_lines(make_repo, run_licaudit):
    repo = make_repo({".licaudit.yaml": f"fail_on: {json.dumps(HOSTILE)}\n"})
    proc = run_licaudit("scan", "--offline", cwd=repo)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1
    clean(proc.stderr)


def test_a_hostile_revision_never_reaches_the_package_url(make_repo, run_licaudit, tmp_path):
    with HubServer() as hub:
        hub.add("acme/a", card={"license": "mit"}, sha="../../../tmp")
        repo = make_repo({"app.py": 'AutoModel.from_pretrained("acme/a")\n'})
        env = hub_cli_env(hub, tmp_path)
        proc = run_licaudit("scan", "--format", "json", cwd=repo, env=env)
        (model,) = json.loads(proc.stdout)["models"]
        assert model["purl"] == "pkg:huggingface/acme/a"
        assert model["revision"] is None
        assert "names a revision that is not a commit sha" in " ".join(
            json.loads(proc.stdout)["warnings"]
        )
        for fmt in ("spdx", "cyclonedx", "spdx-tv"):
            out = run_licaudit("scan", "--format", fmt, cwd=repo, env=env).stdout
            assert "../" not in out and "..%2F" not in out
        # nor does one written into the lockfile
        assert run_licaudit("lock", cwd=repo, env=env).returncode == 1  # not pinned
        hub.models["acme/a"].sha = "a" * 40
        assert run_licaudit("lock", cwd=repo, env=env).returncode == 0
        doc = json.loads((repo / "licaudit.lock").read_text())
        doc["models"][0]["revision"] = "../../../tmp"
        (repo / "licaudit.lock").write_text(json.dumps(doc, indent=2))
        proc = run_licaudit("scan", "--offline", cwd=repo)
        assert proc.returncode == 2
        assert "models.0.revision: '../../../tmp' does not match" in proc.stderr

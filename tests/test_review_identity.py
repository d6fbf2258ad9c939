"""Every report names what it reviewed: the repository (remote URL, else the folder's name), the
commit and whether the tree was dirty, the date (SOURCE_DATE_EPOCH, else the commit's), the
licaudit version, the policy's name and SHA-256, a SHA-256 of the knowledge base and catalog.
Through the CLI, in a real git repository, in every format."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from html.parser import HTMLParser

from licaudit import __version__

from .conftest import git

APP = (
    "from transformers import AutoModel\n"
    'model = AutoModel.from_pretrained("mistralai/Mistral-7B-Instruct-v0.3")\n'
)
REMOTE = "https://ci-bot:ghp_s3cr3tT0ken@github.com/acme/support-bot.git"
PUBLIC = "https://github.com/acme/support-bot.git"
FORMATS = "json,text,markdown,html,notice,sarif,spdx,spdx-tv,cyclonedx"
FILES = {
    "json": "licaudit.json",
    "text": "licaudit.txt",
    "markdown": "licaudit-review.md",
    "html": "licaudit-review.html",
    "notice": "ATTRIBUTION.md",
    "sarif": "licaudit.sarif",
    "spdx": "licaudit.spdx.json",
    "spdx-tv": "licaudit.spdx",
    "cyclonedx": "licaudit.cdx.json",
}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible(html: str) -> str:
    page = _Text()
    page.feed(html)
    return re.sub(r"\s+", " ", " ".join(page.parts))


def scan_all(run_licaudit, repo, *extra, env=None):
    proc = run_licaudit(
        "scan", ".", "--offline", "--format", FORMATS, "--output-dir", "out", *extra,
        cwd=repo, env=env,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    return {fmt: (repo / "out" / name).read_text(encoding="utf-8") for fmt, name in FILES.items()}


def commit_date(repo) -> str:
    stamp = int(git(repo, "log", "-1", "--format=%ct").strip())
    return datetime.fromtimestamp(stamp, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_every_format_names_the_repository_commit_date_policy_and_knowledge(
    make_repo, run_licaudit
):
    repo = make_repo({"app.py": APP, ".gitignore": "out/\n"})
    git(repo, "remote", "add", "origin", REMOTE)
    commit = git(repo, "rev-parse", "HEAD").strip()
    out = scan_all(run_licaudit, repo)

    doc = json.loads(out["json"])
    review, policy = doc["review"], doc["policy"]
    assert review["kind"] == "repository"
    assert review["repository"] == PUBLIC  # the token never reaches a report
    assert review["path"] == "."
    assert review["commit"] == commit and review["dirty"] is False
    assert review["date"] == commit_date(repo) and review["date_source"] == "commit"
    assert re.fullmatch(r"[0-9a-f]{64}", review["knowledge_sha256"])
    assert policy["name"] == "default" and re.fullmatch(r"[0-9a-f]{64}", policy["sha256"])
    version = doc["tool"]["version"]

    for fmt, text in out.items():
        assert "s3cr3t" not in text and "ci-bot" not in text, fmt
        assert PUBLIC in text, fmt

    for fmt in ("markdown", "html"):
        shown = visible(out["html"]) if fmt == "html" else out[fmt]
        head = shown.split("Summary")[0]  # the identity comes before the verdict
        for fact in (PUBLIC, commit, "working tree clean", review["date"], "the commit's date",
                     f"licaudit | {version}" if fmt == "markdown" else f"licaudit {version}",
                     policy["sha256"], review["knowledge_sha256"]):  # fmt: skip
            assert fact in head, (fmt, fact)

    assert out["text"].splitlines()[0] == (
        f"licaudit {version} — {PUBLIC} at {commit[:12]} — policy default (builtin:default)"
    )
    assert f"({PUBLIC} at {commit[:12]})" in out["notice"]

    run = json.loads(out["sarif"])["runs"][0]
    assert run["versionControlProvenance"] == [{"repositoryUri": PUBLIC, "revisionId": commit}]
    assert run["properties"]["review"] == review
    assert run["properties"]["policy"]["sha256"] == policy["sha256"]

    spdx = json.loads(out["spdx"])
    root = next(p for p in spdx["packages"] if p["name"] == "repo")
    assert root["versionInfo"] == commit
    assert root["downloadLocation"] == f"git+{PUBLIC}@{commit}"
    assert spdx["creationInfo"]["created"] == review["date"]
    comment = spdx["creationInfo"]["comment"]
    for fact in (policy["sha256"], review["knowledge_sha256"], "dirty false"):
        assert fact in comment
    assert f"PackageVersion: {commit}" in out["spdx-tv"]

    bom = json.loads(out["cyclonedx"])
    component = bom["metadata"]["component"]
    props = {p["name"]: p["value"] for p in component["properties"]}
    assert component["version"] == commit
    assert component["externalReferences"] == [{"type": "vcs", "url": PUBLIC}]
    assert props["licaudit:review:commit"] == commit
    assert props["licaudit:review:dirty"] == "false"
    assert props["licaudit:review:policy-sha256"] == policy["sha256"]
    assert props["licaudit:review:knowledge-sha256"] == review["knowledge_sha256"]
    assert bom["metadata"]["timestamp"].startswith(review["date"].removesuffix("Z"))


def test_identity_is_reproducible_and_follows_what_changes(make_repo, run_licaudit):
    repo = make_repo(
        {"app.py": APP, ".gitignore": "out/\n", "policy.yaml": "version: 1\nname: acme\n"}
    )
    first = scan_all(run_licaudit, repo, "--policy", "policy.yaml")
    again = scan_all(run_licaudit, repo, "--policy", "policy.yaml")
    assert first == again  # byte-identical: no clock time anywhere
    doc = json.loads(first["json"])
    assert doc["review"]["repository"] == "repo"  # no remote: the folder's name

    # SOURCE_DATE_EPOCH wins over the commit's date
    stamped = json.loads(
        scan_all(run_licaudit, repo, "--policy", "policy.yaml", env={"SOURCE_DATE_EPOCH": "1700000000"})["json"]
    )  # fmt: skip
    assert stamped["review"]["date"] == "2023-11-14T22:13:20Z"
    assert stamped["review"]["date_source"] == "SOURCE_DATE_EPOCH"

    # a change to the tree makes it dirty; a change to the policy changes its hash
    (repo / "app.py").write_text(APP + "# edited\n", encoding="utf-8")
    (repo / "policy.yaml").write_text(
        "version: 1\nname: acme\nfail_on: warning\n", encoding="utf-8"
    )
    edited = json.loads(scan_all(run_licaudit, repo, "--policy", "policy.yaml")["json"])
    assert edited["review"]["dirty"] is True
    assert edited["policy"]["sha256"] != doc["policy"]["sha256"]
    assert edited["review"]["knowledge_sha256"] == doc["review"]["knowledge_sha256"]
    html = visible(run_licaudit("report", "out/licaudit.json", "--format", "html", cwd=repo).stdout)
    assert "with uncommitted changes" in html

    # the organization's own catalog is part of the knowledge in use
    (repo / ".licaudit.yaml").write_text("catalog: [legal]\n", encoding="utf-8")
    (repo / "legal").mkdir()
    (repo / "legal" / "models.yaml").write_text(
        "models:\n  - id: acme/bot\n    license: mit\n    source: LEGAL-1\n", encoding="utf-8"
    )
    org = json.loads(scan_all(run_licaudit, repo, "--policy", "policy.yaml")["json"])
    assert org["review"]["knowledge_sha256"] != doc["review"]["knowledge_sha256"]


def test_a_folder_outside_git_and_a_subfolder_of_a_repository(make_repo, run_licaudit, tmp_path):
    plain = make_repo({"app.py": APP}, init_git=False, name="plain-folder")
    doc = json.loads(run_licaudit("scan", ".", "--offline", "--format", "json", cwd=plain).stdout)
    assert doc["review"] == {**doc["review"], "repository": "plain-folder", "commit": None,
                             "dirty": None, "path": None, "date": None}  # fmt: skip
    text = run_licaudit("scan", ".", "--offline", cwd=plain).stdout
    assert (
        text.splitlines()[0].startswith("licaudit ")
        and "plain-folder (not a git repository)" in text
    )

    repo = make_repo({"services/api/app.py": APP, "README.md": "x\n"}, name="mono")
    doc = json.loads(
        run_licaudit("scan", "services/api", "--offline", "--format", "json", cwd=repo).stdout
    )
    assert doc["review"]["repository"] == "mono" and doc["review"]["path"] == "services/api"
    assert doc["review"]["dirty"] is False


def test_check_names_no_repository(run_licaudit, tmp_path):
    proc = run_licaudit("check", "mistralai/Mistral-7B-Instruct-v0.3", "--offline", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    header = proc.stdout.splitlines()[0]
    assert header == f"licaudit {__version__} — policy default (builtin:default)"
    doc = json.loads(
        run_licaudit(
            "check", "mistralai/Mistral-7B-Instruct-v0.3", "--offline", "--format", "json",
            cwd=tmp_path,
        ).stdout
    )  # fmt: skip
    assert doc["review"]["kind"] == "models" and doc["review"]["repository"] is None
    md = run_licaudit(
        "check", "mistralai/Mistral-7B-Instruct-v0.3", "--offline", "--format", "markdown",
        cwd=tmp_path,
    ).stdout  # fmt: skip
    assert "| Repository | none: models named on the command line |" in md
    assert "Scanned root" not in md


def test_the_remote_origin_first_else_the_first_listed_with_credentials_dropped(make_repo):
    from licaudit import review

    repo = make_repo({"app.py": APP})
    assert review.repository(repo).repository == "repo"
    git(repo, "remote", "add", "upstream", "https://github.com/acme/upstream.git")
    git(repo, "remote", "add", "fork", "git@github.com:me/fork.git")
    assert review.repository(repo).repository == "git@github.com:me/fork.git"
    git(repo, "remote", "set-url", "--push", "fork", "https://push.example/fork.git")
    assert review.repository(repo).repository == "git@github.com:me/fork.git"  # the fetch URL
    git(repo, "remote", "add", "origin", REMOTE)
    assert review.repository(repo).repository == PUBLIC


def test_the_commit_and_its_date_and_a_branch_with_no_commit(make_repo):
    from licaudit import review

    repo = make_repo({"app.py": APP})
    head = git(repo, "rev-parse", "HEAD").strip()
    seen = review.repository(repo)
    assert (seen.commit, seen.dirty, seen.date, seen.date_source) == (
        head, False, commit_date(repo), "commit",
    )  # fmt: skip
    (repo / "new.py").write_text("x = 1\n", encoding="utf-8")
    assert review.repository(repo).dirty is True

    unborn = make_repo({"app.py": APP}, commit=False, name="unborn")
    seen = review.repository(unborn)
    assert (seen.repository, seen.commit, seen.date) == ("unborn", None, None)

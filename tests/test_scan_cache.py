"""The scan cache: an unchanged file is not read again, a changed one (or one whose answers from the
rest of the tree changed) is, a pre-commit run on a few files keeps the rest, a damaged cache is a
miss and never a crash, and every report is byte-identical with and without the cache, with one
and several worker processes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import licaudit.discover as discover_mod
from licaudit.discover import cache as cache_mod
from licaudit.discover import discover

from .conftest import git, write_git_repo
from .discover_helpers import augment_corpus

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

FILES = {
    "app/main.py": (
        "from transformers import AutoModel\n"
        "from app.settings import MODEL\n"
        "AutoModel.from_pretrained(MODEL)\n"
        'AutoModel.from_pretrained("org/direct")\n'
    ),
    "app/settings.py": 'MODEL = "org/imported"\n',
    "app/__init__.py": "",
    "app/local.py": (
        'from transformers import AutoModel\nAutoModel.from_pretrained("weights/tiny")\n'
    ),
    "app/util.py": "def f(x):\n    return x\n",
    "config.yaml": "model: org/yaml\nother: 1\n",
    "README.md": "prose\n",
}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LICAUDIT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def spy(monkeypatch):
    """Which files discovery reads and which it parses (in this process)."""
    log: dict[str, list[str]] = {"read": [], "parsed": []}
    real_read, real_scan = discover_mod._read_stamped, discover_mod._scan_text

    def read(root_s, rel, limit):
        log["read"].append(rel)
        return real_read(root_s, rel, limit)

    def scan_text(root, rel, *args):
        log["parsed"].append(rel)
        return real_scan(root, rel, *args)

    monkeypatch.setattr(discover_mod, "_read_stamped", read)
    monkeypatch.setattr(discover_mod, "_scan_text", scan_text)

    def take() -> dict[str, list[str]]:
        taken = {k: sorted(v) for k, v in log.items()}
        for v in log.values():
            v.clear()
        return taken

    return take


@pytest.fixture
def settled(monkeypatch):
    """Files count as written long before the scan (no 'racily clean' entries)."""
    monkeypatch.setattr(cache_mod, "RACY_NS", 0)


def _ids(result) -> list[tuple[str, str, int]]:
    return sorted((r.id, r.location.path, r.location.line) for r in result.refs)


def test_unchanged_files_are_not_read_again(tmp_path, cache_dir, spy, settled):
    root = write_git_repo(tmp_path / "repo", FILES)
    cold = discover(root, cache=True)
    assert spy()["read"] == sorted(
        ["app/main.py", "app/settings.py", "app/__init__.py", "app/local.py", "app/util.py"]
        + ["config.yaml"]
    )
    warm = discover(root, cache=True)
    # nothing: the importer's entry holds what it imports too, the defining module unchanged
    assert spy() == {"read": [], "parsed": []}
    assert warm == cold == discover(root)
    assert ("org/imported", "app/main.py", 3) in _ids(warm)
    assert [p.name for p in (cache_dir / "scan").iterdir()] == [cache_mod._cache_path(root).name]


def test_a_changed_file_is_scanned_again_even_with_its_times_restored(
    tmp_path, cache_dir, spy, settled
):
    root = write_git_repo(tmp_path / "repo", FILES)
    discover(root, cache=True)
    path = root / "config.yaml"
    before = path.stat()
    path.write_text("model: org/yams\nother: 1\n")  # the same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    spy()
    warm = discover(root, cache=True)
    assert "config.yaml" in spy()["parsed"]
    assert ("org/yams", "config.yaml", 1) in _ids(warm)
    assert warm == discover(root)


def test_a_touched_file_is_hashed_not_scanned(tmp_path, cache_dir, spy, settled):
    root = write_git_repo(tmp_path / "repo", FILES)
    cold = discover(root, cache=True)
    os.utime(root / "config.yaml")
    spy()
    assert discover(root, cache=True) == cold
    taken = spy()
    assert "config.yaml" in taken["read"] and "config.yaml" not in taken["parsed"]
    discover(root, cache=True)  # the new times are stored: not even read now
    assert "config.yaml" not in spy()["read"]


def test_files_written_just_before_the_scan_are_read_again(tmp_path, cache_dir, spy):
    """A file changed within the clock's granularity after being read would look unchanged:
    entries of files this recent are stored without times, and compared by content."""
    root = write_git_repo(tmp_path / "repo", FILES)
    discover(root, cache=True)
    index = json.loads(cache_mod._cache_path(root).read_text())
    assert index["files"]["config.yaml"].startswith("yaml - ")  # compared by content only
    spy()
    discover(root, cache=True)
    taken = spy()
    assert "config.yaml" in taken["read"] and "config.yaml" not in taken["parsed"]


def test_a_change_in_the_defining_module_reaches_its_importer(tmp_path, cache_dir, spy, settled):
    root = write_git_repo(tmp_path / "repo", FILES)
    assert ("org/imported", "app/main.py", 3) in _ids(discover(root, cache=True))
    (root / "app/settings.py").write_text('MODEL = "org/renamed"\n')
    spy()
    warm = discover(root, cache=True)
    assert spy()["parsed"] == ["app/main.py", "app/settings.py"]
    assert ("org/renamed", "app/main.py", 3) in _ids(warm)
    assert "org/imported" not in {r.id for r in warm.refs}
    assert warm == discover(root)
    spy()
    assert discover(root, cache=True) == warm
    assert spy()["parsed"] == []  # the new answer is kept


def test_a_change_elsewhere_leaves_the_importer_alone(tmp_path, cache_dir, spy, settled):
    """Only the modules the importer's answer read count: another file's change does not
    reach it (and a change in the importer itself is seen as always)."""
    root = write_git_repo(tmp_path / "repo", FILES)
    cold = discover(root, cache=True)
    (root / "app/util.py").write_text("def f(x):\n    return 2 * x\n")
    spy()
    assert discover(root, cache=True) == cold
    assert spy()["read"] == ["app/util.py"]
    main = root / "app/main.py"
    main.write_text(main.read_text().replace("org/direct", "org/other"))
    warm = discover(root, cache=True)
    assert spy()["parsed"] == ["app/main.py"]
    assert {("org/imported", "app/main.py", 3), ("org/other", "app/main.py", 4)} <= set(_ids(warm))
    assert warm == discover(root)


IMPORTERS = {
    "tools/run.py": (
        "from transformers import AutoModel\n"
        "from settings import MODEL\n"
        "AutoModel.from_pretrained(MODEL)\n"
    ),
    "tools/settings.py": 'MODEL = "org/beside"\n',
    "serve.py": ('from engine.load import Engine\nmodel = Engine("org/called")\n'),
    "engine/__init__.py": "",
    "engine/load.py": "class Engine:\n    def __init__(self, model_name):\n        pass\n",
}


def _unresolved(result) -> list[tuple[str, int]]:
    return sorted((u.location.path, u.location.line) for u in result.unresolvable)


def test_a_module_that_appears_earlier_on_the_path_is_seen(tmp_path, cache_dir, spy, settled):
    """``from settings import MODEL`` in tools/run.py reads the root's settings.py before the
    script's own folder's: once one appears there, the importer's answer is that module's."""
    root = write_git_repo(tmp_path / "repo", IMPORTERS)
    assert ("org/beside", "tools/run.py", 3) in _ids(discover(root, cache=True))
    (root / "settings.py").write_text('MODEL = "org/root"\n')
    spy()
    warm = discover(root, cache=True)
    assert "tools/run.py" in spy()["parsed"]
    assert ("org/root", "tools/run.py", 3) in _ids(warm)
    assert ("org/beside", "tools/run.py", 3) not in _ids(warm)
    assert warm == discover(root)
    (root / "settings.py").unlink()  # and gone again: back to the one beside it
    warm = discover(root, cache=True)
    assert ("org/beside", "tools/run.py", 3) in _ids(warm)
    assert warm == discover(root)


def test_a_deleted_defining_module_leaves_the_argument_unresolvable(
    tmp_path, cache_dir, spy, settled
):
    root = write_git_repo(tmp_path / "repo", IMPORTERS)
    cold = discover(root, cache=True)
    assert ("org/beside", "tools/run.py", 3) in _ids(cold)
    assert ("tools/run.py", 3) not in _unresolved(cold)
    git(root, "rm", "-q", "tools/settings.py")
    spy()
    warm = discover(root, cache=True)
    assert spy()["parsed"] == ["tools/run.py"]
    assert ("org/beside", "tools/run.py", 3) not in _ids(warm)
    assert ("tools/run.py", 3) in _unresolved(warm)
    assert warm == discover(root)
    (root / "tools/settings.py").write_text('MODEL = "org/back"\n')  # added again
    warm = discover(root, cache=True)
    assert ("org/back", "tools/run.py", 3) in _ids(warm)
    assert ("tools/run.py", 3) not in _unresolved(warm)
    assert warm == discover(root)


def test_a_call_into_another_module_follows_its_parameter(tmp_path, cache_dir, spy, settled):
    """``Engine("org/called")`` is a model while ``Engine``'s parameter there says model:
    renaming the parameter (same size, same times) takes it away, renaming it back returns it."""
    root = write_git_repo(tmp_path / "repo", IMPORTERS)
    assert ("org/called", "serve.py", 2) in _ids(discover(root, cache=True))
    spy()
    assert ("org/called", "serve.py", 2) in _ids(discover(root, cache=True))
    assert spy()["parsed"] == []
    path = root / "engine/load.py"
    before = path.stat()
    path.write_text(path.read_text().replace("model_name", "batch_size"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    warm = discover(root, cache=True)
    assert "serve.py" in spy()["parsed"]
    assert "org/called" not in {r.id for r in warm.refs}
    assert warm == discover(root)
    path.write_text(path.read_text().replace("batch_size", "model_name"))
    warm = discover(root, cache=True)
    assert ("org/called", "serve.py", 2) in _ids(warm)
    assert warm == discover(root)


def test_a_folder_named_by_an_imported_value_is_asked_again(tmp_path, cache_dir, spy, settled):
    """An imported ``weights/tiny`` is a Hub id until a folder of that name appears."""
    files = {**IMPORTERS, "tools/settings.py": 'MODEL = "weights/tiny"\n'}
    root = write_git_repo(tmp_path / "repo", files)
    assert ("weights/tiny", "tools/run.py", 3) in _ids(discover(root, cache=True))
    (root / "tools" / "weights" / "tiny").mkdir(parents=True)
    spy()
    warm = discover(root, cache=True)
    assert "tools/run.py" in spy()["parsed"]
    assert ("weights/tiny", "tools/run.py", 3) not in _ids(warm)
    assert warm == discover(root)


def test_a_scan_that_read_other_files_is_not_cached(tmp_path, cache_dir, spy, settled):
    """The JS/TS scanner follows a constant into the module it is imported from, reading the
    tree itself: that file is scanned every time, and sees the module change."""
    root = write_git_repo(
        tmp_path / "repo",
        {
            "web/constants.js": 'export const DEFAULT_MODEL = "Xenova/gpt2";\n',
            "web/app.js": (
                'import { pipeline } from "@huggingface/transformers";\n'
                'import { DEFAULT_MODEL } from "./constants.js";\n'
                'const p = await pipeline("text-generation", DEFAULT_MODEL);\n'
            ),
        },
    )
    assert ("Xenova/gpt2", "web/app.js", 3) in _ids(discover(root, cache=True))
    (root / "web/constants.js").write_text('export const DEFAULT_MODEL = "Xenova/distilgpt2";\n')
    spy()
    warm = discover(root, cache=True)
    assert spy()["parsed"] == ["web/app.js", "web/constants.js"]
    assert ("Xenova/distilgpt2", "web/app.js", 3) in _ids(warm)
    assert warm == discover(root)
    spy()
    discover(root, cache=True)
    assert spy()["parsed"] == ["web/app.js"]


def test_a_file_read_with_its_package_manifest_is_cached_until_the_manifest_changes(
    tmp_path, cache_dir, spy, settled
):
    """A JS/TS file's answer that its package.json decided (the package's only model client is
    a hosted provider's SDK) is kept with the manifest's state: answered from the cache while
    the manifest is unchanged, scanned again when it changes."""
    root = write_git_repo(
        tmp_path / "repo",
        {
            "package.json": '{"dependencies": {"together-ai": "^0.9.0"}}\n',
            "lib/constants.ts": 'export const MODELS = [{ value: "Qwen/Qwen2.5-72B-Instruct" }];\n',
        },
    )
    first = discover(root, cache=True)
    assert {(r.id, r.source) for r in first.refs} == {("Qwen/Qwen2.5-72B-Instruct", "hosted")}
    spy()
    assert discover(root, cache=True) == first
    assert spy()["parsed"] == []
    (root / "package.json").write_text(
        '{"dependencies": {"together-ai": "^0.9.0", "@huggingface/transformers": "^3.0.0"}}\n'
    )
    spy()
    warm = discover(root, cache=True)
    assert spy()["parsed"] == ["lib/constants.ts", "package.json"]
    assert {(r.id, r.source) for r in warm.refs} == {("Qwen/Qwen2.5-72B-Instruct", "huggingface")}
    assert warm == discover(root)


def test_a_file_whose_default_a_lock_file_decided_is_cached_until_the_lock_changes(
    tmp_path, cache_dir, spy, settled
):
    """A library default chosen by the release a lock file resolved (CrewAI's default model) is
    kept with the lock file's state, and with the states of the pin files it looked for: from
    the cache while they are unchanged, scanned again when the lock moves or a nearer pin
    appears."""
    lock = '[[package]]\nname = "crewai"\nversion = "{}"\n'
    root = write_git_repo(
        tmp_path / "repo",
        {
            "uv.lock": lock.format("0.152.0"),
            "crew/agents.py": 'from crewai import Agent\nAgent(role="r", goal="g")\n',
        },
    )

    def hosted(result) -> set[str]:
        return {r.id for r in result.refs if r.source == "hosted"}

    first = discover(root, cache=True)
    assert hosted(first) == {"gpt-4o-mini"}
    spy()
    assert discover(root, cache=True) == first
    assert spy()["parsed"] == []
    (root / "uv.lock").write_text(lock.format("1.6.1"))
    warm = discover(root, cache=True)
    assert "crew/agents.py" in spy()["parsed"]
    assert hosted(warm) == {"gpt-4.1-mini"}
    # a requirement file nearer the scanned file, absent when the answer was kept, now pins
    (root / "crew" / "requirements.txt").write_text("crewai==0.30.11\n")
    nearer = discover(root, cache=True)
    assert "crew/agents.py" in spy()["parsed"]
    assert hosted(nearer) == {"gpt-4"}
    assert nearer == discover(root)


def test_a_go_file_using_a_name_of_its_package_sees_the_defining_file_change(
    tmp_path, cache_dir, spy, settled
):
    """A Go file that uses a constant another file of its package declares reads that file
    itself: it is scanned every time (a file whose names are all its own is not), and sees the
    defining file change."""
    root = write_git_repo(
        tmp_path / "repo",
        {
            "app/consts.go": 'package main\n\nconst chatName = "org/go-first"\n',
            "app/main.go": "package main\n\nvar cfg = Config{Model: chatName}\n",
            "app/own.go": 'package main\n\nconst own = "org/go-own"\n\nvar c = Config{Model: own}\n',
        },
    )
    assert ("org/go-first", "app/main.go", 3) in _ids(discover(root, cache=True))
    (root / "app/consts.go").write_text('package main\n\nconst chatName = "org/go-second"\n')
    spy()
    warm = discover(root, cache=True)
    assert "app/main.go" in spy()["parsed"]
    assert ("org/go-second", "app/main.go", 3) in _ids(warm)
    assert "org/go-first" not in {r.id for r in warm.refs}
    assert warm == discover(root)
    spy()
    discover(root, cache=True)
    assert spy()["parsed"] == ["app/main.go"]


def test_a_go_file_using_a_constant_of_its_module_sees_the_package_change(
    tmp_path, cache_dir, settled
):
    root = write_git_repo(
        tmp_path / "repo",
        {
            "go.mod": "module example.com/app\n",
            "config/config.go": 'package config\n\nconst Chat = "org/go-module-first"\n',
            "main.go": (
                'package main\n\nimport "example.com/app/config"\n\n'
                "var cfg = Config{Model: config.Chat}\n"
            ),
        },
    )
    assert ("org/go-module-first", "main.go", 5) in _ids(discover(root, cache=True))
    (root / "config/config.go").write_text(
        'package config\n\nconst Chat = "org/go-module-second"\n'
    )
    warm = discover(root, cache=True)
    assert ("org/go-module-second", "main.go", 5) in _ids(warm)
    assert warm == discover(root)


def test_answers_about_the_tree_are_asked_again(tmp_path, cache_dir, spy, settled):
    """``weights/tiny`` is a Hub id until a folder of that name appears: the unchanged file's
    entry is not used then."""
    root = write_git_repo(tmp_path / "repo", FILES)
    assert ("weights/tiny", "app/local.py", 2) in _ids(discover(root, cache=True))
    (root / "weights" / "tiny").mkdir(parents=True)
    spy()
    warm = discover(root, cache=True)
    assert "app/local.py" in spy()["parsed"]
    assert "weights/tiny" not in {r.id for r in warm.refs}
    assert warm == discover(root)
    shutil.rmtree(root / "weights")
    assert ("weights/tiny", "app/local.py", 2) in _ids(discover(root, cache=True))


def test_a_run_on_a_few_files_keeps_the_rest(tmp_path, cache_dir, spy, settled):
    root = write_git_repo(tmp_path / "repo", FILES)
    discover(root, cache=True)
    rows = set(json.loads(cache_mod._cache_path(root).read_text())["files"])
    (root / "config.yaml").write_text("model: org/other\n")
    spy()
    few = discover(root, files=["config.yaml", "app/util.py"], cache=True)
    assert spy()["read"] == ["config.yaml"]
    assert _ids(few) == [("org/other", "config.yaml", 1)]
    assert set(json.loads(cache_mod._cache_path(root).read_text())["files"]) == rows
    discover(root, cache=True)
    assert spy()["read"] == []  # config.yaml's entry is new


def test_a_scanner_version_drops_only_its_own_entries(
    tmp_path, cache_dir, spy, settled, monkeypatch
):
    root = write_git_repo(tmp_path / "repo", FILES)
    discover(root, cache=True)
    versions = discover_mod.SCANNERS._versions
    monkeypatch.setitem(versions, "yaml", versions["yaml"] + 1)
    spy()
    discover(root, cache=True)
    assert spy()["parsed"] == ["config.yaml"]


def test_a_change_in_the_loader_knowledge_empties_the_cache(
    tmp_path, cache_dir, spy, settled, monkeypatch
):
    from licaudit.discover import loaders

    root = write_git_repo(tmp_path / "repo", FILES)
    discover(root, cache=True)
    assert cache_mod.LOADERS_FOLDER == loaders.FOLDER
    edited = tmp_path / "loaders"
    shutil.copytree(loaders.FOLDER, edited)
    vocabulary = edited / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text() + "\n# one more line\n")
    monkeypatch.setattr(cache_mod, "LOADERS_FOLDER", edited)
    cache_mod._knowledge_stamp.cache_clear()
    try:
        spy()
        discover(root, cache=True)
        assert len(spy()["read"]) == 6
    finally:
        cache_mod._knowledge_stamp.cache_clear()


def test_symbolic_links_are_never_trusted_by_their_times(tmp_path, cache_dir, spy, settled):
    root = write_git_repo(tmp_path / "repo", {**FILES, "real/target.yaml": "model: org/one\n"})
    (root / "link.yaml").symlink_to("real/target.yaml")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "link")
    discover(root, cache=True)
    (root / "real/target.yaml").write_text("model: org/two\n")
    warm = discover(root, cache=True)
    assert ("org/two", "link.yaml", 1) in _ids(warm)
    assert warm == discover(root)


# --- through the command line ------------------------------------------------------------------


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(CORPUS, root, symlinks=True)
    augment_corpus(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "corpus")
    return root


SCAN = ("scan", "--offline", "--format", "json", "--exclude", "expected.yaml", ".")


def test_reports_are_identical_with_and_without_the_cache_and_workers(run_licaudit, tmp_path):
    root = _corpus(tmp_path)
    cache = {"LICAUDIT_CACHE_DIR": str(tmp_path / "cache")}
    parallel = {"LICAUDIT_SCAN_WORKERS": "2", "LICAUDIT_PARALLEL_MIN_MIB": "0"}
    one = {"LICAUDIT_SCAN_WORKERS": "1"}
    reference = run_licaudit(*SCAN, "--no-cache", cwd=root, env=one)
    assert reference.stdout and json.loads(reference.stdout)["models"]
    assert not (tmp_path / "cache" / "scan").exists()
    for env in ({**cache, **one}, {**cache, **one}, {**cache, **parallel}, parallel):
        run = run_licaudit(*SCAN, cwd=root, env=env)
        assert (run.returncode, run.stdout, run.stderr) == (
            reference.returncode,
            reference.stdout,
            reference.stderr,
        )
    assert list((tmp_path / "cache" / "scan").glob("*.json"))
    cold = run_licaudit(*SCAN, "--no-cache", cwd=root, env=parallel)
    assert cold.stdout == reference.stdout
    # a pre-commit run on a few files: the same with the warm cache as without
    few = ("scan", "--offline", "--format", "json", "src/loaders.py", "config.yaml")
    with_cache = run_licaudit(*few, cwd=root, env=cache)
    assert json.loads(with_cache.stdout)["models"]
    assert with_cache.stdout == run_licaudit(*few, "--no-cache", cwd=root).stdout


def _damage(kind: str, path: Path) -> None:
    text = path.read_text()
    doc = json.loads(text)
    rows, found = doc["files"], doc["found"]
    rel = next(rel for rel, outcome in found.items() if outcome["refs"])
    if kind == "not json":
        path.write_text("{not json")
    elif kind == "truncated":
        path.write_text(text[: len(text) // 2])
    elif kind == "a list":
        path.write_text("[]")
    elif kind == "deep":
        path.write_text("[" * 100_000)
    elif kind == "files a list":
        doc["files"] = []
    elif kind == "found a list":
        doc["found"] = []
    elif kind == "short row":
        rows[rel] = rows[rel][:6]
    elif kind == "row a number":
        rows[rel] = 7
    elif kind == "line a string":
        found[rel]["refs"][0][2][1] = "12"  # a reference's location's line
    elif kind == "suppressed a number":
        found[rel]["refs"][0][4] = 0
    elif kind == "refs a dict":
        found[rel]["refs"] = {}
    elif kind == "extra field":
        found[rel]["refs"][0].append("x")
    elif kind == "missing field":
        found[rel]["refs"][0].pop()
    elif kind == "location a dict":
        found[rel]["refs"][0][2] = {"path": "x", "line": 1}
    elif kind == "answers not booleans":
        found[rel]["answers"] = {"x": "yes"}
    elif kind == "outcome a string":
        found[rel] = "nothing"
    elif kind == "scanners a list":
        doc["scanners"] = []
    elif kind.startswith(("settled", "reads")):  # the entry of the file that imports
        importer = found["app/main.py"]
        if kind == "settled refs a dict":
            importer["settled"]["refs"] = {}
        elif kind == "settled without reads":
            del importer["reads"]
        elif kind == "reads not strings":
            importer["reads"] = dict.fromkeys(importer["reads"], 1)
        elif kind == "reads a wrong state":
            importer["reads"] = dict.fromkeys(importer["reads"], "1048576:0")
    if kind not in ("not json", "truncated", "a list", "deep"):
        path.write_text(json.dumps(doc))


DAMAGES = [
    "not json",
    "truncated",
    "a list",
    "deep",
    "files a list",
    "found a list",
    "short row",
    "row a number",
    "line a string",
    "suppressed a number",
    "refs a dict",
    "extra field",
    "missing field",
    "location a dict",
    "answers not booleans",
    "outcome a string",
    "scanners a list",
    "settled refs a dict",
    "settled without reads",
    "reads not strings",
    "reads a wrong state",
]


@pytest.mark.parametrize("kind", DAMAGES)
def test_a_damaged_cache_is_a_miss(tmp_path, cache_dir, kind):
    root = write_git_repo(tmp_path / "repo", FILES)
    reference = discover(root)
    assert discover(root, cache=True) == reference
    index = cache_mod._cache_path(root)
    _damage(kind, index)
    assert discover(root, cache=True) == reference
    json.loads(index.read_text())  # written afresh where it had to be
    assert discover(root, cache=True) == reference


@pytest.mark.parametrize("kind", ["truncated", "line a string"])
def test_a_damaged_cache_is_never_a_crash(run_licaudit, tmp_path, kind):
    root = write_git_repo(tmp_path / "repo", FILES)
    env = {"LICAUDIT_CACHE_DIR": str(tmp_path / "cache")}
    reference = run_licaudit(*SCAN, "--no-cache", cwd=root, env=env)
    assert json.loads(reference.stdout)["models"]
    assert run_licaudit(*SCAN, cwd=root, env=env).stdout == reference.stdout
    (index,) = (tmp_path / "cache" / "scan").glob("*.json")
    _damage(kind, index)
    damaged = run_licaudit(*SCAN, cwd=root, env=env)
    assert (damaged.returncode, damaged.stdout, damaged.stderr) == (
        reference.returncode,
        reference.stdout,
        reference.stderr,
    )


def test_lock_check_takes_no_cache_too(run_licaudit, tmp_path):
    root = write_git_repo(tmp_path / "repo", FILES)
    env = {"LICAUDIT_CACHE_DIR": str(tmp_path / "cache")}
    first = run_licaudit("lock", "--check", "--no-cache", cwd=root, env=env)
    assert not (tmp_path / "cache" / "scan").exists()
    second = run_licaudit("lock", "--check", cwd=root, env=env)
    assert (first.returncode, first.stdout, first.stderr) == (
        second.returncode,
        second.stdout,
        second.stderr,
    )
    assert list((tmp_path / "cache" / "scan").glob("*.json"))


def test_decoded_records_are_the_records_encoded():
    import dataclasses

    from licaudit.discover.cache import Outcome
    from licaudit.model import Location, ModelRef, Skipped, Unresolvable

    loc = Location("a/b.py", 3, 7, 'm = "org/x"', True, 2, "a reason")
    refs = [
        ModelRef("org/x", "huggingface", loc, "from_pretrained()", True, "main", None, "p"),
        ModelRef("org/y", "huggingface", Location("c.py"), "model key"),
    ]
    outcome = Outcome(
        refs, [Unresolvable(Location("d.py", 1), "f'{x}'", "f-string")], [Skipped("e", "r")], {}
    )
    back = Outcome.decode(outcome.encode())
    for was, now in zip(
        [*outcome.refs, *outcome.unresolvable, *outcome.skipped],
        [*back.refs, *back.unresolvable, *back.skipped],
        strict=True,
    ):
        assert type(now) is type(was)
        assert now == was and hash(now) == hash(was) and repr(now) == repr(was)
        assert vars(now) == vars(was)
        with pytest.raises(dataclasses.FrozenInstanceError):
            now.evidence = "changed"  # type: ignore[misc]
    assert back.refs[0].location < Location("a/b.py", 4)
    # a record of the wrong shape is no record
    bad = outcome.encode()
    bad["refs"][0] = bad["refs"][0][:-1]
    with pytest.raises(ValueError):
        Outcome.decode(bad)

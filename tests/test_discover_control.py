"""Suppression comments, excludes and .gitignore, inside and outside git."""

from __future__ import annotations

from licaudit.discover import discover

from .conftest import git
from .discover_helpers import write_files


def flags(result) -> dict[tuple[str, str], bool]:
    return {(r.location.path, r.id): r.suppressed for r in result.refs}


def test_suppression_comment_styles(tmp_path):
    root = write_files(
        tmp_path,
        {
            "a.py": 'AutoModel.from_pretrained("org/py")  # licaudit: ignore\nAutoModel.from_pretrained("org/kept")\n',
            "b.ts": "import { pipeline } from '@huggingface/transformers';\n"
            "await pipeline('text-generation', 'org/js'); // licaudit: ignore\n",
            "c.yaml": "model: org/yaml  # LICAUDIT: IGNORE\n",
            "d.sh": "vllm serve org/sh # licaudit: ignore\n",
            "m/README.md": "---\nlicense: mit\nbase_model: org/base\n---\n<!-- licaudit: ignore -->\n# card\n",
            "n/README.md": "---\nlicense: mit  # licaudit: ignore[other/model]\nbase_model: org/base\n---\n",
        },
    )
    assert flags(discover(root)) == {
        ("a.py", "org/py"): True,
        ("a.py", "org/kept"): False,
        ("b.ts", "org/js"): True,
        ("c.yaml", "org/yaml"): True,
        ("d.sh", "org/sh"): True,
        ("m/README.md", "m"): True,
        ("n/README.md", "n"): False,
    }


def test_ignore_with_ids(tmp_path):
    root = write_files(
        tmp_path,
        {
            "a.py": (
                'AutoModel.from_pretrained("org/a"); AutoModel.from_pretrained("org/b")  # licaudit: ignore[ORG/A]\n'
                'import ollama\nollama.chat(model="llama3.2:3b")  # licaudit: ignore[llama3.2]\n'
                'ollama.chat(model="qwen2:7b")  # licaudit: ignore[qwen2:0.5b]\n'
            ),
        },
    )
    assert flags(discover(root)) == {
        ("a.py", "org/a"): True,
        ("a.py", "org/b"): False,
        ("a.py", "llama3.2:3b"): True,
        ("a.py", "qwen2:7b"): False,
    }


def test_suppression_on_the_constant_line(tmp_path):
    root = write_files(
        tmp_path, {"a.py": 'M = "org/m"  # licaudit: ignore\nAutoModel.from_pretrained(M)\n'}
    )
    # where the id is written and where it is used: both follow the marker on the constant
    written, used = discover(root).refs
    assert (written.location.line, used.location.line) == (1, 2)
    assert written.suppressed and used.suppressed and used.location.suppressed


def test_constant_line_marker_follows_the_same_id_rule(tmp_path):
    # an Ollama name without tag covers every tag on the constant's line as on the call's
    root = write_files(
        tmp_path,
        {
            "a.py": 'import ollama\nM = "llama3.2:3b"  # licaudit: ignore[llama3.2]\nN = "qwen2:7b"  # licaudit: ignore[qwen2:0.5b]\n'
            "ollama.chat(model=M)\nollama.chat(model=N)\n"
        },
    )
    assert flags(discover(root)) == {("a.py", "llama3.2:3b"): True, ("a.py", "qwen2:7b"): False}


def test_notebook_suppression_uses_cell_lines(tmp_path):
    import json

    nb = {
        "cells": [
            {
                "cell_type": "code",
                "source": ["x = 1\n", "AutoModel.from_pretrained('org/nb')  # licaudit: ignore\n"],
            }
        ]
    }
    root = write_files(tmp_path, {"n.ipynb": json.dumps(nb)})
    (ref,) = discover(root).refs
    assert (ref.location.cell, ref.location.line, ref.suppressed) == (0, 2, True)


FILES = {
    ".gitignore": "ignored/\n*.secret.py\n!keep.secret.py\n",
    "src/a.py": 'AutoModel.from_pretrained("org/a")\n',
    "ignored/b.py": 'AutoModel.from_pretrained("org/b")\n',
    "x.secret.py": 'AutoModel.from_pretrained("org/x")\n',
    "keep.secret.py": 'AutoModel.from_pretrained("org/keep")\n',
    "sub/.gitignore": "local.py\n",
    "sub/local.py": 'AutoModel.from_pretrained("org/local")\n',
    "sub/other.py": 'AutoModel.from_pretrained("org/other")\n',
    "vendor/v.py": 'AutoModel.from_pretrained("org/vendor")\n',
    "node_modules/pkg/index.js": "pipeline('t', 'org/nm')\n",
}


def ids(result) -> set[str]:
    return {r.id for r in result.refs}


def test_gitignore_outside_git(tmp_path):
    root = write_files(tmp_path / "plain", FILES)
    assert ids(discover(root)) == {"org/a", "org/keep", "org/other", "org/vendor"}


# .gitignore rules an emulation gets wrong and git gets right: a re-included folder, a nested
# file's negation, ``dir/**`` (the folder itself not ignored), a parent folder's exclusion that
# a nested negation cannot undo
REINCLUDES = {
    ".gitignore": "*\n!*/\n!*.py\n!*.ipynb\n**/gen/**\n!**/gen/keep.py\n",
    "notes/run.py": 'AutoModel.from_pretrained("org/reincluded")\n',
    "notes/data.json": '{"model": "org/ignored-json"}\n',
    "x/gen/a.py": 'AutoModel.from_pretrained("org/gen-ignored")\n',
    "x/gen/keep.py": 'AutoModel.from_pretrained("org/gen-kept")\n',
    "lib/.gitignore": "*.py\n!keep.py\n",
    "lib/keep.py": 'AutoModel.from_pretrained("org/nested-kept")\n',
    "lib/drop.py": 'AutoModel.from_pretrained("org/nested-dropped")\n',
    "build/.gitignore": "!*\n",
    "build/out.py": 'AutoModel.from_pretrained("org/in-ignored-folder")\n',
}


def test_gitignore_outside_git_follows_git(tmp_path):
    files = {**REINCLUDES, ".gitignore": REINCLUDES[".gitignore"] + "build/\n"}
    root = write_files(tmp_path / "plain", files)
    found = ids(discover(root))
    assert found == {"org/reincluded", "org/gen-kept", "org/nested-kept"}
    # the same set as git's own listing once the folder is a repository
    listed_outside = {r.location.path for r in discover(root).refs}
    assert not (root / ".git").exists()  # nothing was written into the scanned folder
    git(root, "init", "-q", "-b", "main")
    assert {r.location.path for r in discover(root).refs} == listed_outside


def test_gitignore_outside_git_without_git(tmp_path, monkeypatch):
    """Where there is no git, the emulation still applies nested files' negations."""
    root = write_files(tmp_path / "plain", FILES)
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-bin"))
    assert ids(discover(root)) == {"org/a", "org/keep", "org/other", "org/vendor"}
    nested = write_files(
        tmp_path / "nested",
        {
            ".gitignore": "*.py\n",
            "sub/.gitignore": "!keep.py\n",
            "sub/keep.py": 'AutoModel.from_pretrained("org/nested-kept")\n',
            "sub/drop.py": 'AutoModel.from_pretrained("org/nested-dropped")\n',
        },
    )
    assert ids(discover(nested)) == {"org/nested-kept"}


def test_gitignore_inside_git_with_untracked_files(tmp_path):
    root = write_files(tmp_path / "repo", FILES)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".gitignore", "src/a.py")
    git(root, "commit", "-q", "-m", "init")
    # untracked-not-ignored files are scanned too
    assert ids(discover(root)) == {"org/a", "org/keep", "org/other", "org/vendor"}


def test_excludes(tmp_path):
    root = write_files(tmp_path / "plain", FILES)
    assert ids(discover(root, exclude=["vendor/", "src/*.py"])) == {"org/keep", "org/other"}


def test_exact_files_are_scanned_even_when_ignored(tmp_path):
    """``licaudit scan FILE...`` (the pre-commit path) scans exactly the given files."""
    root = write_files(tmp_path / "plain", FILES)
    assert ids(discover(root, files=["ignored/b.py", "sub/other.py"])) == {"org/b", "org/other"}
    assert ids(discover(root, files=["ignored/b.py"], exclude=["ignored/"])) == set()


def test_exact_files_every_kind(tmp_path):
    from .discover_helpers import write_gguf

    root = write_files(
        tmp_path,
        {
            "a.py": 'AutoModel.from_pretrained("org/py")\n',
            "b.ipynb": '{"cells": [{"cell_type": "code", "source": "AutoModel.from_pretrained(\\"org/nb\\")"}]}',
            "c.yaml": "model: org/yaml\n",
            "d.json": '{"model": "org/json"}',
            "e.toml": 'model = "org/toml"\n',
            ".env": "MODEL_ID=org/env\n",
            "f.sh": "vllm serve org/sh\n",
            "Dockerfile": "RUN vllm serve org/docker\n",
            "Makefile": "x:\n\tvllm serve org/make\n",
            "g.tf": 'model_id = "org/tf"\n',
            "Modelfile": "FROM llama3\n",
            "h.js": "pipeline('text-generation', 'org/js')\n",
            "card/README.md": "---\nlicense: mit\nbase_model: org/b\n---\n",
        },
    )
    write_gguf(root / "w.gguf", {"general.license": "mit"})
    every = [
        "a.py",
        "b.ipynb",
        "c.yaml",
        "d.json",
        "e.toml",
        ".env",
        "f.sh",
        "Dockerfile",
        "Makefile",
        "g.tf",
        "Modelfile",
        "h.js",
        "card/README.md",
        "w.gguf",
    ]
    expected = {
        "org/py",
        "org/nb",
        "org/yaml",
        "org/json",
        "org/toml",
        "org/env",
        "org/sh",
        "org/docker",
        "org/make",
        "org/tf",
        "llama3:latest",
        "org/js",
        "card",
        "w.gguf",
    }
    assert ids(discover(root, files=every)) == expected
    for rel in every:  # one file at a time gives that file's references only
        assert {r.location.path for r in discover(root, files=[rel]).refs} <= {rel}
        assert discover(root, files=[rel]).refs, rel


def test_licaudit_settings_and_waivers_are_not_references(tmp_path):
    waiver = "waivers:\n  - model: meta-llama/Llama-3.1-8B-Instruct\n    rules: [category-review]\n    reason: approved\n"
    root = write_files(
        tmp_path,
        {
            ".licaudit.yaml": "policy: policies/ours.yaml\n" + waiver,
            "policies/ours.yaml": "version: 1\nextends: default\n" + waiver,
            "pyproject.toml": '[tool.licaudit]\nexclude = ["x/"]\n[[tool.licaudit.waivers]]\nmodel = "org/waived"\n[tool.app]\nmodel_id = "org/used"\n',
        },
    )
    assert ids(discover(root)) == {"org/used"}

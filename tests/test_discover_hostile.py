"""Hostile files are skipped with a reason and never crash or hang a scan."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from licaudit.discover import discover
from licaudit.discover.artifacts import read_gguf_header

from .conftest import git
from .discover_helpers import write_gguf

GOOD = 'from transformers import AutoModel\nAutoModel.from_pretrained("org/good")\n'


def _scan(root: Path, **kw):
    start = time.monotonic()
    result = discover(root, **kw)
    elapsed = time.monotonic() - start
    # a guard against a hang or a blow-up, not a speed measure (bench/ measures speed): a few
    # seconds on an idle machine, several times that on a loaded one
    assert elapsed < 120, f"scan took {elapsed:.1f}s"
    # the healthy file next to the hostile one is still found
    assert "org/good" in {r.id for r in result.refs}
    return result


def _reasons(result) -> dict[str, str]:
    return {s.path: s.reason for s in result.skipped}


@pytest.fixture
def root(tmp_path) -> Path:
    r = tmp_path / "repo"
    r.mkdir()
    (r / "good.py").write_text(GOOD)
    return r


def test_binary_named_py(root):
    (root / "bin.py").write_bytes(b"\x7fELF\x00\x00from_pretrained\x00" * 100)
    assert _reasons(_scan(root)) == {"bin.py": "binary content"}


def test_invalid_utf8_is_read_with_replacement(root):
    """A stray byte no longer hides every reference in the file: the bytes that are not UTF-8
    are replaced, the ASCII ids around them are found."""
    (root / "latin.py").write_bytes(b'x = "caf\xe9"\nAutoModel.from_pretrained("org/x")\n')
    (root / "cfg.yaml").write_bytes(b"model: org/y\nnote: \xff\xfe\n")
    result = _scan(root)
    assert _reasons(result) == {}
    assert {"org/x", "org/y"} <= {r.id for r in result.refs}


@pytest.mark.parametrize("keep", [3, 8, 20, 40, 200, -100])
def test_truncated_gguf(root, keep):
    path = write_gguf(root / "m.gguf", {"general.license": "mit", "general.name": "x" * 50})
    data = path.read_bytes()
    header_end = len(data) - 64 - 32  # well inside the tensor area is fine; truncate the header
    path.write_bytes(data[:keep] if keep > 0 else data[: header_end // 2])
    result = _scan(root)
    assert "m.gguf" not in {r.id for r in result.refs}
    assert "truncated GGUF header" in _reasons(result)["m.gguf"]


def test_gguf_hostile_counts_and_lengths(root):
    import struct

    # a header that claims 2**60 keys, and one with a 2**62-byte key string
    (root / "a.gguf").write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, 2**60))
    (root / "b.gguf").write_bytes(b"GGUF" + struct.pack("<IQQQ", 3, 0, 1, 2**62) + b"k")
    (root / "c.gguf").write_bytes(b"NOPE" + b"\0" * 20)
    (root / "d.gguf").write_bytes(
        b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 1\n"
    )
    (root / "e.gguf").write_bytes(b"GGUF" + struct.pack("<I", 99))
    reasons = _reasons(_scan(root))
    assert reasons == {
        "a.gguf": "GGUF header declares too many keys",
        "b.gguf": "GGUF string longer than the reading limit",
        "c.gguf": "not a GGUF file (bad magic)",
        "d.gguf": "a Git LFS pointer, not the GGUF file itself",
        "e.gguf": "unsupported GGUF version 99",
    }


def test_gguf_reader_on_real_file_keeps_only_general_keys(tmp_path):
    path = write_gguf(tmp_path / "m.gguf", {"general.license": "gemma", "general.tags": ["a", "b"]})
    header = read_gguf_header(path)
    assert header["general.license"] == "gemma"
    assert header["general.tags"] == ["a", "b"]
    assert not any(k.startswith("tokenizer.") for k in header)


BOMB = """model: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
model_id: org/after-the-bomb
"""


def test_yaml_alias_bomb(root):
    (root / "bomb.yaml").write_text(BOMB)
    card = (
        "---\n"
        + BOMB.replace("model_id: org/after-the-bomb\n", "license: mit\nbase_model: org/base\n")
        + "---\n"
    )
    (root / "m").mkdir()
    (root / "m" / "README.md").write_text(card)
    result = _scan(root)
    assert ("org/after-the-bomb", "bomb.yaml") in {(r.id, r.location.path) for r in result.refs}
    local = [r for r in result.refs if r.source == "local"]
    assert [r.metadata.base_models for r in local] == [("org/base",)]


def test_symlink_loop_and_outside_link(root, tmp_path):
    os.symlink("loop_b.py", root / "loop_a.py")
    os.symlink("loop_a.py", root / "loop_b.py")
    os.symlink("..", root / "parent_dir")  # a folder loop the walk must not follow
    outside = tmp_path / "secret.py"
    outside.write_text('AutoModel.from_pretrained("org/outside")\n')
    os.symlink(outside, root / "outside.py")
    result = _scan(root)
    reasons = _reasons(result)
    assert reasons["loop_a.py"].startswith("cannot read")
    assert reasons["loop_b.py"].startswith("cannot read")
    assert reasons["outside.py"] == "symbolic link to a file outside the scanned folder"
    assert "org/outside" not in {r.id for r in result.refs}


def test_symlink_loop_inside_git(root):
    os.symlink("loop_b.py", root / "loop_a.py")
    os.symlink("loop_a.py", root / "loop_b.py")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    result = _scan(root)
    assert set(_reasons(result)) == {"loop_a.py", "loop_b.py"}


def test_fifo_does_not_hang(root, monkeypatch):
    os.mkfifo(root / "pipe.py")
    # listed as git lists a folder (inside a work tree or not): a FIFO holds no file to scan
    # and is not listed; the scan goes on
    result = _scan(root)
    assert _reasons(result) == {}
    assert [r.id for r in result.refs] == ["org/good"]
    # where there is no git, the walk lists it and the scan says why it was not read
    monkeypatch.setenv("PATH", str(root / "no-such-bin"))
    assert _reasons(_scan(root)) == {"pipe.py": "not a regular file"}


def test_fifo_in_exact_file_mode(root):
    os.mkfifo(root / "pipe.yaml")
    result = _scan(root, files=["pipe.yaml", "good.py"])
    assert _reasons(result) == {"pipe.yaml": "not a regular file"}


def test_fifo_named_like_a_gguf(root, monkeypatch):
    os.mkfifo(root / "pipe.gguf")
    assert "pipe.gguf" in _reasons(_scan(root, files=["pipe.gguf", "good.py"]))
    monkeypatch.setenv("PATH", str(root / "no-such-bin"))  # the walk where there is no git
    assert "pipe.gguf" in _reasons(_scan(root))


def test_50_mb_file(root):
    with open(root / "big.py", "wb") as f:
        f.write(b"# from_pretrained\n" * (50 * 1024 * 1024 // 18))
    reasons = _reasons(_scan(root))
    assert reasons == {"big.py": "larger than the 2 MiB scan limit"}


def test_size_limit_is_an_option(root):
    (root / "mid.py").write_text(GOOD.replace("org/good", "org/mid") + "# pad\n" * 20_000)
    result = _scan(root, max_file_bytes=64 * 1024)
    assert _reasons(result) == {"mid.py": "larger than the 64 KiB scan limit"}
    assert "org/mid" in {r.id for r in _scan(root).refs}


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads chmod 000 files"
)
def test_unreadable_file(root):
    path = root / "secret.py"
    path.write_text(GOOD)
    path.chmod(0)
    try:
        assert _reasons(_scan(root))["secret.py"].startswith("cannot read")
    finally:
        path.chmod(0o644)


def test_huge_json_is_fast(root):
    import json

    rows = [
        {"id": i, "model": "org/in-big-json" if i == 777 else "none", "text": "x" * 20}
        for i in range(30_000)
    ]
    (root / "data.json").write_text(json.dumps(rows))
    assert (root / "data.json").stat().st_size < 2 * 1024 * 1024
    result = _scan(root)
    assert ("org/in-big-json", "data.json") in {(r.id, r.location.path) for r in result.refs}


def test_deeply_nested_inputs(root):
    (root / "deep.json").write_text('{"model": ' + "[" * 200_000 + "]" * 200_000 + "}")
    (root / "deep.py").write_text("from_pretrained(" + "(" * 100_000 + ")" * 100_000 + ")\n")
    (root / "deep.yaml").write_text("model:\n" + "".join("  " * i + "- \n" for i in range(1, 1300)))
    result = _scan(root)
    reasons = _reasons(result)
    assert reasons["deep.json"].startswith("cannot parse")
    assert reasons["deep.py"].startswith("cannot parse")


def test_bad_notebook_shapes(root):
    (root / "a.ipynb").write_text('{"cells": 5, "ollama": 1}')
    (root / "b.ipynb").write_text('[1, 2, "ollama"]')
    (root / "c.ipynb").write_text(
        '{"cells": [{"cell_type": "code", "source": 7}, "x"], "ollama": 1}'
    )
    reasons = _reasons(_scan(root))
    assert set(reasons) == {"a.ipynb", "b.ipynb"}


def test_truncated_safetensors_and_card(root):
    (root / "w").mkdir()
    (root / "w" / "model.safetensors").write_bytes(b"\x10\x00")
    (root / "c").mkdir()
    (root / "c" / "README.md").write_text("---\nlicense: [unclosed\nbase_model: x\n---\n")
    reasons = _reasons(_scan(root))
    assert reasons["c/README.md"] == "malformed model card front matter"
    assert reasons["w/model.safetensors"] == "truncated safetensors header"


def test_deep_flow_yaml_does_not_crash_the_interpreter(root):
    """libyaml's C composer would overflow the stack on deeply nested flow collections: such
    files are refused before parsing (this test would end the test process otherwise)."""
    import struct

    (root / "flow.yaml").write_text("model: " + "[" * 60_000 + "]" * 60_000 + "\n")
    (root / "m").mkdir()
    (root / "m" / "README.md").write_text(
        "---\nbase_model: x/y\nlicense: " + "{a: " * 30_000 + "}" * 30_000 + "\n---\n"
    )
    (root / "m" / "config.json").write_text('{"model_type": ' + "[" * 100_000 + "]" * 100_000 + "}")
    raw = b'{"__metadata__": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    (root / "w").mkdir()
    (root / "w" / "model.safetensors").write_bytes(struct.pack("<Q", len(raw)) + raw)
    reasons = _reasons(_scan(root))
    assert reasons["flow.yaml"] == "cannot parse: line 1: nested too deeply (more than 200 levels)"
    assert reasons["m/README.md"] == "model card front matter nested too deeply"
    assert reasons["w/model.safetensors"] == "safetensors header nested too deeply"

"""A model passed to a function of another module of the repository that hands its parameter
to a loader (``def hf_tokenizer(name_or_path): return AutoTokenizer.from_pretrained(
name_or_path)``), whatever the parameter is called: the model the call passes is reported where
the call is written. The function may be re-exported by a package's ``__init__``, the value may
go through ``os.path.expanduser`` and be a local copy's path. A function that only prints or
stores its parameter, writes to it or builds a cache folder's name from it, adds nothing."""

from __future__ import annotations

from licaudit.discover import discover

from .discover_helpers import write_files

TOKENIZER = """from transformers import AutoProcessor, AutoTokenizer


def hf_tokenizer(name_or_path, correct_pad_token=True, **kwargs):
    tokenizer = AutoTokenizer.from_pretrained(name_or_path, **kwargs)
    return tokenizer


def hf_processor(name_or_path, **kwargs):
    return AutoProcessor.from_pretrained(name_or_path, **kwargs)


def describe(name_or_path):
    print(f"loading {name_or_path}")
    return {"name": name_or_path}


def save(model, target):
    model.save_pretrained(target)


def cached(name, base):
    hf_model_id = "models--" + name.replace("/", "--")
    return base + "/" + hf_model_id
"""

INIT = """from .tokenizer import cached, describe, hf_processor, hf_tokenizer, save

__all__ = ["hf_tokenizer", "hf_processor", "describe", "save", "cached"]
"""


def found(tmp_path, files):
    refs = discover(write_files(tmp_path, files)).refs
    return sorted((r.location.path, r.location.line, r.id) for r in refs)


def test_a_model_handed_on_to_a_loader_in_another_module(tmp_path):
    test = """import os

from acme.utils import hf_processor, hf_tokenizer
from acme.utils.tokenizer import hf_tokenizer as direct


def test_tokenizer():
    tok = hf_tokenizer(os.path.expanduser("~/models/Qwen/Qwen2-VL-2B-Instruct"))
    proc = hf_processor("Qwen/Qwen2-VL-2B-Instruct")
    other = direct("deepseek-ai/DeepSeek-Coder-V2-Lite-Instruct")
"""
    files = {
        "acme/__init__.py": "",
        "acme/utils/__init__.py": INIT,
        "acme/utils/tokenizer.py": TOKENIZER,
        "tests/test_tok.py": test,
    }
    assert found(tmp_path, files) == [
        ("tests/test_tok.py", 8, "Qwen/Qwen2-VL-2B-Instruct"),
        ("tests/test_tok.py", 9, "Qwen/Qwen2-VL-2B-Instruct"),
        ("tests/test_tok.py", 10, "deepseek-ai/DeepSeek-Coder-V2-Lite-Instruct"),
    ]
    refs = discover(tmp_path).refs
    (first,) = [r for r in refs if r.location.line == 8]
    assert "hf_tokenizer() (acme/utils/tokenizer.py)" in first.evidence


def test_a_function_that_does_not_load_its_parameter_adds_nothing(tmp_path):
    test = """from acme.utils import cached, describe, save


def test_describe(model, tmp_path):
    describe("Qwen/Qwen2-VL-2B-Instruct")
    save(model, "acme/my-finetune")
    assert cached("mistralai/mistral-7b-v0.1", str(tmp_path))
"""
    files = {
        "acme/__init__.py": "",
        "acme/utils/__init__.py": INIT,
        "acme/utils/tokenizer.py": TOKENIZER,
        "tests/test_describe.py": test,
    }
    assert [r for r in found(tmp_path, files) if r[0] == "tests/test_describe.py"] == []


def test_many_values_handed_on_give_the_same_answer_with_and_without_the_scan_cache(
    tmp_path, monkeypatch
):
    """One file passes more values to a helper of another module than licaudit follows: the
    same ones are followed whether the file is settled alone (scan cache) or with the whole
    tree, and the rest are reported as unresolvable, not dropped."""
    monkeypatch.setenv("LICAUDIT_CACHE_DIR", str(tmp_path / "cache"))
    calls = "".join(f'hf_tokenizer("acme/model-{i:03d}")\n' for i in range(80))
    files = {
        "acme/__init__.py": "",
        "acme/utils/__init__.py": INIT,
        "acme/utils/tokenizer.py": TOKENIZER,
        "many.py": f"from acme.utils import hf_tokenizer\n{calls}",
        "other.py": 'from acme.utils import hf_tokenizer\nhf_tokenizer("acme/model-079")\n',
    }
    root = write_files(tmp_path / "repo", files)
    plain = discover(root)
    cached = discover(root, cache=True)
    again = discover(root, cache=True)
    key = lambda res: sorted((r.location.path, r.location.line, r.id) for r in res.refs)  # noqa: E731
    assert key(plain) == key(cached) == key(again)
    ids = {r.id for r in plain.refs if r.location.path == "many.py"}
    assert len(ids) == 64 and "acme/model-000" in ids and "acme/model-079" not in ids
    assert ("other.py", 2, "acme/model-079") in key(plain)  # its own file's limit
    over = [u for u in plain.unresolvable if u.location.path == "many.py"]
    assert sorted(u.expression for u in over) == [f"acme/model-{i:03d}" for i in range(64, 80)]
    assert all("not followed" in u.reason for u in over)


def test_values_no_reference_tells_apart_are_followed_one_by_one(tmp_path):
    """The values handed to one function are followed together; where a reference could be
    more than one value's (ids compare without case), each value is followed alone, so each
    call still gets its own value's id."""
    files = {
        "acme/__init__.py": "",
        "acme/models.py": (
            "from transformers import AutoModel\n\n\n"
            "def get_model(name_or_path):\n"
            "    return AutoModel.from_pretrained(name_or_path)\n"
        ),
        "a.py": 'from acme.models import get_model\nget_model("acme/Alpha-7B")\n',
        "b.py": 'from acme.models import get_model\nget_model("acme/alpha-7b")\n',
        "c.py": 'from acme.models import get_model\nget_model("acme/beta")\n',
    }
    got = [r for r in found(tmp_path, files) if r[0] in ("a.py", "b.py", "c.py")]
    assert got == [
        ("a.py", 2, "acme/Alpha-7B"),
        ("b.py", 2, "acme/alpha-7b"),
        ("c.py", 2, "acme/beta"),
    ]

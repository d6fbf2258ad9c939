"""Fast paths that must answer exactly what the slower code they replace answered."""

from __future__ import annotations

import re
import sys

from licaudit.discover.common import Trigger
from licaudit.discover.ids import has_space
from licaudit.discover.loaders import _imports, knowledge
from licaudit.discover.python import _YAML_BLOCK, TRIGGER, _yaml_block


def test_has_space_is_str_isspace_for_every_character():
    assert has_space("org/name tail") and not has_space("org/name")
    assert not has_space("")
    different = [c for c in range(sys.maxunicode + 1) if has_space(chr(c)) != chr(c).isspace()]
    assert different == []
    assert has_space("gpt\u00a04o") and has_space("a\u2028b")  # no-break space, line separator


def test_a_client_import_is_found_as_the_pattern_finds_it():
    pattern = lambda name: rf"\b(from|import)\s+{name}\b"  # noqa: E731 - the pattern as before
    texts = [
        "from langchain_nvidia_ai_endpoints import ChatNVIDIA\n",
        "import langchain_nvidia_ai_endpoints as nv\n",
        "# pip install langchain-nvidia-ai-endpoints\n",  # the name, never imported
        "from my_langchain_nvidia_ai_endpoints import x\n",  # a longer name
        "print('no import here')\n",
    ]
    for text in texts:
        for package in ("langchain-nvidia-ai-endpoints", "a.b"):  # "." is a pattern character
            name = package.replace("-", "_")
            assert _imports(package, text) == (re.search(pattern(name), text) is not None)
    assert _imports("a.b", "import a_b\n")  # the pattern's "." matches any character


def test_a_trigger_answers_the_same_for_bytes_lowered_once():
    texts = [
        b"from Transformers import AutoModel\n",
        b'MODEL_NAME = "Org/Name"\n',
        b"Model = 3\n",  # a model-naming word without a string that can be an id
        b"import os\nprint('x')\n",
        b'subprocess.run(["OLLAMA", "pull", "x"])\n',
    ]
    plain = Trigger(b"model", b"ollama")
    for data in texts:
        assert TRIGGER.search_lower(data.lower()) == TRIGGER.search(data)
        assert plain.search_lower(data.lower()) == plain.search(data)
    assert TRIGGER.search(texts[0]) and not TRIGGER.search(texts[3])


def test_a_yaml_block_is_found_where_the_line_start_pattern_finds_it():
    texts = [
        'cfg = """\nmodel_providers:\n  - provider_name: x\n"""\n',
        "def f():\n  b:\n    c: 1\n",  # the block opens on the line a turn ended on
        "a:\n  b:\n    c:\n",
        "try:\n    x = 1\nexcept E:\n    pass\n",  # statements, no keys
        "if x:\n    y: int = 1\n",  # an annotation under an if
        "key:\r\n  other: 1\r\n",  # a carriage return is no blank
        "- item:\n    - name: x\n",
        "A:\n  b:\n",  # a capital letter opens no key
        "",
    ]
    for text in texts:
        assert _yaml_block(text) == (_YAML_BLOCK.search(text) is not None), text


def test_a_server_variable_is_found_as_its_pattern_finds_it_in_any_text():
    k = knowledge()
    provider = next(iter(k._server_variables))
    word, pattern = k._server_variables[provider][0]
    upper = word.upper()
    texts = [
        f"{upper} = 'x'\n",
        f"env = {{'{word.title()}': m}}\n",  # another case
        f"{upper}S_SEEN = 1\n",  # a longer name
        f"MY_{upper} = 1\n",
        f"# caf\u00e9\n{upper} = 'x'\n",  # a text that is not ASCII
        upper.replace("I", "\u0130") + " = 1\n",  # a dotted capital I the pattern takes for i
        "print('nothing')\n",
    ]
    for text in texts:
        served = k.served_by(text)
        expected = pattern.search(text) is not None
        assert (served is not None and served.provider == provider) == expected, text
    assert k.served_by(upper.replace("I", "\u0130") + " = 1\n") is not None


def test_a_names_context_by_suffix_is_the_first_suffix_of_the_sorted_list():
    k = knowledge()

    def listed(key):  # the sorted list's answer, as before
        if key in k._exact:
            return k._exact[key]
        return next((c for suffix, c in k._suffix if key.endswith(suffix)), None)

    words = [w for w, _ in k._suffix] + list(k._exact)[:50] + [w for w, _ in k._contains]
    keys = {"", "x", "modelx", "notamodelname"}
    for w in words:
        keys.update({w, "my" + w, w[1:], w + "s", "base" + w + "id"})
    for key in keys:
        assert k._plain_context(key) is listed(key), key


def test_the_letters_a_case_insensitive_pattern_folds_to_ascii_are_listed():
    from licaudit.discover.loaders import _FOLDS_TO_ASCII

    beyond = "".join(chr(c) for c in range(128, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert sorted(re.findall(r"[a-z0-9_.-]", beyond, re.I)) == sorted(_FOLDS_TO_ASCII)


def test_which_paths_exist_is_shared_by_the_files_of_one_scan_only(tmp_path):
    from licaudit.discover.common import Context, paths_seen

    with paths_seen():
        assert not Context(root=tmp_path, rel="a.py").is_local_path("models/x")
        (tmp_path / "models" / "x").mkdir(parents=True)
        # another file of the same scan: the answer the scan already has
        assert not Context(root=tmp_path, rel="b.py").is_local_path("models/x")
    assert Context(root=tmp_path, rel="c.py").is_local_path("models/x")  # a later scan looks


def test_a_later_scan_sees_a_folder_made_after_an_earlier_one(tmp_path):
    from licaudit.discover import discover
    from licaudit.model import HUGGINGFACE

    from .discover_helpers import write_files

    code = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("acme/tiny-bert")\n'
    root = write_files(tmp_path, {"a.py": code, "b.py": code})
    first = {(r.id, r.source) for r in discover(root).refs}
    assert ("acme/tiny-bert", HUGGINGFACE) in first
    (root / "acme" / "tiny-bert").mkdir(parents=True)  # a local copy now: no Hub download
    second = {(r.id, r.source) for r in discover(root).refs}
    assert ("acme/tiny-bert", HUGGINGFACE) not in second

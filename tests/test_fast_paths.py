"""Fast paths that must answer exactly what the slower code they replace answered."""

from __future__ import annotations

import re
import sys

from licaudit.discover.common import Trigger
from licaudit.discover.ids import has_space
from licaudit.discover.loaders import _imports
from licaudit.discover.python import TRIGGER


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

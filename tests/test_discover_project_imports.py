"""Functions and classes of the repository's own packages called from its tests and scripts:
a package at the root of a project inside the repository (a folder with its own
pyproject.toml), a bare legacy Hub id passed to it, and the decoys that stay silent."""

from __future__ import annotations

from licaudit.discover import discover

from .discover_helpers import write_files

_CODER = """from transformers import AutoModelForCausalLM


class Coder:
    def __init__(self, model_id: str, revision=None):
        self.model = AutoModelForCausalLM.from_pretrained(model_id, revision=revision)
"""

_HUB = """from huggingface_hub import HfApi


def weight_files(model_id: str, revision=None):
    return [s.rfilename for s in HfApi().model_info(model_id, revision=revision).siblings]


def split_location(location: str):
    return location.split("/", 1)
"""

_TEST = """from engine.models.coder import Coder
from engine.utils.hub import split_location, weight_files


def test_coder():
    Coder("acme-labs/coder-1b")


def test_files():
    weight_files("bert-base-uncased")
    split_location("acme-labs/other-model")
"""


def _found(tmp_path, files):
    result = discover(write_files(tmp_path, files))
    return sorted((r.location.path, r.location.line, r.id) for r in result.refs)


def _project(with_project_file: bool) -> dict[str, str]:
    files = {
        "server/engine/__init__.py": "",
        "server/engine/models/__init__.py": "",
        "server/engine/models/coder.py": _CODER,
        "server/engine/utils/__init__.py": "",
        "server/engine/utils/hub.py": _HUB,
        "server/tests/utils/test_engine.py": _TEST,
    }
    if with_project_file:
        files["server/pyproject.toml"] = '[project]\nname = "engine"\n'
    return files


def test_a_package_at_the_root_of_a_project_in_the_repository_is_followed(tmp_path):
    got = [f for f in _found(tmp_path, _project(True)) if f[0].startswith("server/tests")]
    # the class and the helper take model_id; split_location's parameter says nothing and
    # hands the value to no loader
    assert got == [
        ("server/tests/utils/test_engine.py", 6, "acme-labs/coder-1b"),
        ("server/tests/utils/test_engine.py", 10, "bert-base-uncased"),
    ]


def test_a_folder_that_is_no_project_root_is_not_where_imports_are_found(tmp_path):
    got = [f for f in _found(tmp_path, _project(False)) if f[0].startswith("server/tests")]
    assert got == []


def test_a_metasyntactic_name_is_a_placeholder(tmp_path):
    files = {
        "pkg/__init__.py": "",
        "pkg/s3.py": "def parse(model_id: str):\n    return model_id.split('/', 1)\n",
        "test_s3.py": 'from pkg.s3 import parse\n\nparse("loras/foobar")\nparse("acme/baz")\n'
        'parse("acme-labs/coder-1b")\n',
    }
    assert [f[1:] for f in _found(tmp_path, files) if f[0] == "test_s3.py"] == [
        (5, "acme-labs/coder-1b")
    ]


def test_a_local_copy_under_a_grouping_folder_is_the_model_the_repository_names(tmp_path):
    const = 'CHOICES = ["acme-labs/painter_random_mask"]\n'
    scratch = (
        "from diffusers import DiffusionPipeline\n\n"
        'DiffusionPipeline.from_pretrained("/home/dev/models/painter/painter_random_mask")\n'
        'DiffusionPipeline.from_pretrained("/home/dev/models/acme-2/other_mask")\n'
    )
    loads = "from diffusers import DiffusionPipeline\nfrom const import CHOICES\n\n"
    loads += "DiffusionPipeline.from_pretrained(CHOICES[0])\n"
    files = {"const.py": const, "load.py": loads, "scratch.py": scratch}
    got = {(f[0], f[2]) for f in _found(tmp_path, files)}
    assert ("scratch.py", "acme-labs/painter_random_mask") in got
    # no other model of that name: the path's reading stays
    assert ("scratch.py", "acme-2/other_mask") in got

"""Shapes of image-generation and image-editing applications: TorchScript weights fetched by
URL, model-kind choice lists, background-removal session names, implicit models of diffusers
loaders."""

from __future__ import annotations

from licaudit.discover import discover

from .discover_helpers import write_files


def _ids(tmp_path, files):
    return {(r.id, r.source) for r in discover(write_files(tmp_path, files)).refs}


def test_a_torchscript_file_fetched_by_url_is_a_model(tmp_path):
    src = """import os
INPAINT_MODEL_URL = os.environ.get(
    "INPAINT_MODEL_URL", "https://github.com/acme/models/releases/download/v1/inpaint.jit"
)
model = load_jit_model(INPAINT_MODEL_URL, "cpu")
"""
    assert _ids(tmp_path, {"m.py": src}) == {
        ("https://github.com/acme/models/releases/download/v1/inpaint.jit", "url")
    }


def test_a_jit_url_that_is_no_download_is_no_model(tmp_path):
    src = """# weights: https://github.com/acme/models/releases/download/v1/inpaint.jit
DOCS_URL = "https://github.com/acme/models/blob/main/README.md"
TEMPLATE = "https://host.org/{name}.jit"
"""
    assert _ids(tmp_path, {"m.py": src}) == set()

"""A hosted provider whose API runs one version of a model by its id (Replicate: a 64-hex
version id posted as ``{"version": id}``; the loader data's ``version_ids``): in a module that
talks to that provider's API, such an id bound to a name that says version, or under a request
body's ``version`` key, is the provider's hosted model named by that id. The same hex under
another name (a checksum), or in a module that talks to no such API, is nothing."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.discover.loaders import knowledge
from licaudit.model import HOSTED

from .discover_helpers import write_files

HASH = "a029dff38972b5fda4ec5d75d7d1cd25aeff621d2cf4946a41055d7db66b80bc"
OTHER = "39ed52f2a78e934b3ba6e2a89f5b1c712de7dfea535525255b1aa35c5565e08b"


def test_replicate_runs_versions_by_their_id():
    p = knowledge().providers["replicate"]
    assert p.version_pattern is not None and p.version_pattern.fullmatch(HASH)
    assert "version" in p.version_names


def hosted(tmp_path, files):
    refs = discover(write_files(tmp_path, files)).refs
    return sorted(
        (r.location.path, r.location.line, r.id, r.provider) for r in refs if r.source == HOSTED
    )


def test_a_version_id_in_a_module_that_calls_the_providers_api(tmp_path):
    code = f'''import httpx

REPLICATE_API_BASE_URL = "https://api.replicate.com/v1"
IMAGE_MODEL_PATH = "black-forest-labs/flux-2-klein-4b"
REMOVE_BACKGROUND_VERSION = (
    "{HASH}"
)
WEIGHTS_CHECKSUM = "{OTHER}"


async def upscale(client, image):
    payload = {{"version": "{OTHER}", "input": {{"image": image}}}}
    return await client.post(f"{{REPLICATE_API_BASE_URL}}/predictions", json=payload)
'''
    got = hosted(tmp_path, {"replicate_client.py": code})
    assert ("replicate_client.py", 6, HASH, "replicate") in got
    assert ("replicate_client.py", 12, OTHER, "replicate") in got
    assert [g for g in got if g[1] == 8] == []  # a checksum is no version


def test_a_version_shaped_hex_elsewhere_is_nothing(tmp_path):
    code = f'''from transformers import AutoModel

MODEL_ID = "Qwen/Qwen2.5-0.5B"
MODEL_VERSION = "{HASH}"
model = AutoModel.from_pretrained(MODEL_ID)
'''
    assert hosted(tmp_path, {"load.py": code}) == []

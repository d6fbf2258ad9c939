"""CycloneDX 1.6 ``modelCard`` per model: the license considerations, the base model lineage, the
task and its formats where known — validated by cyclonedx-python-lib's strict JSON validator.
Through the CLI, online against the local Hub server (the Hub's pipeline tag gives the task)."""

from __future__ import annotations

import json

from .hubserver import HubServer

BASE = "black-forest-labs/FLUX.1-dev"
FINETUNE = "acme/flux-sticker"
APP = f"""\
from diffusers import DiffusionPipeline
pipe = DiffusionPipeline.from_pretrained("{FINETUNE}")
"""


def test_each_model_has_a_strictly_valid_model_card(make_repo, run_licaudit, tmp_path):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    repo = make_repo({"app.py": APP})
    with HubServer() as hub:
        hub.add(BASE, card={"license": "other", "license_name": "flux-1-dev-non-commercial-license"},
                pipeline_tag="text-to-image")  # fmt: skip
        hub.add(FINETUNE, card={"license": "apache-2.0", "base_model": BASE,
                                "base_model_relation": "finetune"},
                pipeline_tag="text-to-image")  # fmt: skip
        proc = run_licaudit(
            "scan", ".", "--format", "cyclonedx", cwd=repo,
            env={"HF_ENDPOINT": hub.url, "HF_HUB_OFFLINE": None, "HF_HOME": str(tmp_path / "hf"),
                 "LICAUDIT_HUB_TIMEOUT": "5"},
        )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(proc.stdout) is None

    bom = json.loads(proc.stdout)
    cards = {c["name"]: c["modelCard"] for c in bom["components"]}
    assert set(cards) == {BASE, FINETUNE}
    card = cards[FINETUNE]
    assert card["modelParameters"] == {
        "task": "text-to-image",
        "inputs": [{"format": "text"}],
        "outputs": [{"format": "image"}],
    }
    uses = card["considerations"]["useCases"]
    assert any(u.startswith("Licensed under Apache License 2.0 (apache-2.0") for u in uses)
    # the base model's license binds the fine-tune: it is a consideration of the fine-tune too
    inherited = [u for u in uses if "flux-1-dev-non-commercial-license" in u]
    assert any(f"inherited through {FINETUNE} -> {BASE}" in u for u in inherited)
    assert any("Commercial use is prohibited" in u for u in inherited)
    props = {(p["name"], p["value"]) for p in card["properties"]}
    assert ("licaudit:lineage", f"{FINETUNE} -> {BASE}") in props
    assert ("licaudit:base-model", BASE) in props
    assert ("licaudit:base-model-relation", "finetune") in props
    assert ("licaudit:modality", "image") in props
    assert any(n == "licaudit:obligation" and v.startswith("apache-2.0: ") for n, v in props)
    # ancestors under pedigree are copies pointing back: the card is on the top-level component
    finetune = next(c for c in bom["components"] if c["name"] == FINETUNE)
    assert all("modelCard" not in a for a in finetune["pedigree"]["ancestors"])

    # a model no source knows still has a card that says so, and the whole BOM stays valid
    unknown = make_repo({"app.py": APP.replace(FINETUNE, "nobody/unknown-model")}, name="other")
    offline = run_licaudit("scan", ".", "--offline", "--format", "cyclonedx", cwd=unknown)
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(offline.stdout) is None
    (component,) = json.loads(offline.stdout)["components"]
    assert component["modelCard"]["considerations"]["useCases"][0].startswith(
        "No license licaudit knows binds this model"
    )

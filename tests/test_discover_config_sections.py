"""A dict bound to the configuration of a section whose name says model (``model_config =
{"path": "org/x"}``, ``reward_model_cfg``) holds that section's keys, as ``model.path`` does in
a Hydra / OmegaConf configuration: its ``path`` / ``name`` key is the model. The same keys in a
section that names no model (``data_config``), and a model section's keys that say nothing
about the model (``type``, ``dtype``), stay silent."""

from __future__ import annotations

from licaudit.discover import discover

from .discover_helpers import write_files


def test_a_model_sections_path_is_the_model(tmp_path):
    code = """import ray

model_config = {"path": "Acme/acme-vla-7b-sft"}
reward_model_cfg = {"name": "Skywork/Skywork-Reward-V2-Llama-3.2-1B", "dtype": "bf16"}
data_config = {"path": "acme/gsm8k-mix"}
model_config_2 = {"type": "llama", "dtype": "bf16", "output_dir": "acme/out"}
workers = ray.remote(model_config)
"""
    refs = discover(write_files(tmp_path, {"run.py": code})).refs
    assert sorted((r.location.line, r.id) for r in refs) == [
        (3, "Acme/acme-vla-7b-sft"),
        (4, "Skywork/Skywork-Reward-V2-Llama-3.2-1B"),
    ]

"""Tables of presets an operator serves: a record that links the Hub repository (at a commit) it
packages names that model, not its own alias; the lower-cased name a server gives a Hub model
the same file names is no hosted model; a repository a loader downloads from as a Space is no
model; a test's stand-in organization for a lookup expected to fail is a placeholder."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HOSTED, HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> list[tuple[str, str, str | None, str, int]]:
    found = discover(write_files(tmp_path, files)).refs
    return sorted((r.id, r.source, r.provider, r.location.path, r.location.line) for r in found)


PRESETS = """models:
  - name: base
    runtime: tfs
  - name: tinymistral-3-4b-instruct
    version: https://huggingface.co/acme-ai/TinyMistral-3-4B-Instruct-2601/commit/83e15808ff6a115f18ff8e68123db3ab35035714
    runtime: tfs
  - name: owl-7b
    version: https://huggingface.co/owlery/owl-7b/tree/main
"""


def test_a_preset_record_linking_a_hub_repository_names_that_repository(tmp_path):
    files = {"presets/supported_models.yaml": PRESETS}
    assert refs(tmp_path, files) == [
        (
            "acme-ai/TinyMistral-3-4B-Instruct-2601",
            HUGGINGFACE,
            None,
            "presets/supported_models.yaml",
            5,
        ),
        ("owlery/owl-7b", HUGGINGFACE, None, "presets/supported_models.yaml", 8),
    ]


def test_the_alias_of_a_record_with_a_hub_link_is_no_hosted_model(tmp_path):
    src = """models:
  - name: mistral-small-latest
    version: https://huggingface.co/mistralai/Mistral-Small-3.1-24B-Instruct-2503/commit/0123456789abcdef0123456789abcdef01234567
  - name: mistral-large-latest
    docs: https://huggingface.co/datasets/acme/eval-set
"""
    assert refs(tmp_path, {"models.yaml": src}) == [
        ("mistral-large-latest", HOSTED, "mistral", "models.yaml", 4),
        ("mistralai/Mistral-Small-3.1-24B-Instruct-2503", HUGGINGFACE, None, "models.yaml", 3),
    ]


def test_a_list_not_under_a_model_key_names_nothing_by_its_links(tmp_path):
    src = """links:
  - name: owl-7b
    version: https://huggingface.co/owlery/owl-7b/commit/0123456789abcdef0123456789abcdef01234567
"""
    assert refs(tmp_path, {"links.yaml": src}) == []


GO_TEST = """package generator

import "testing"

type Param struct {
	ModelName string
}

func TestPreset(t *testing.T) {
	cases := []struct {
		modelRepo string
		expected  Param
	}{
		{
			modelRepo: "mistralai/Ministral-3-8B-Instruct-2512",
			expected:  Param{ModelName: "ministral-3-8b-instruct-2512"},
		},
	}
	_ = cases
}
"""


def test_a_lower_cased_served_name_of_a_hub_model_in_the_same_file_is_no_hosted_model(tmp_path):
    assert refs(tmp_path, {"gen/preset_test.go": GO_TEST}) == [
        ("mistralai/Ministral-3-8B-Instruct-2512", HUGGINGFACE, None, "gen/preset_test.go", 15),
    ]


def test_a_hosted_name_beside_a_hub_model_of_another_name_stays_hosted(tmp_path):
    src = GO_TEST.replace('"ministral-3-8b-instruct-2512"', '"ministral-8b-latest"')
    assert refs(tmp_path, {"gen/preset_test.go": src}) == [
        ("ministral-8b-latest", HOSTED, "mistral", "gen/preset_test.go", 16),
        ("mistralai/Ministral-3-8B-Instruct-2512", HUGGINGFACE, None, "gen/preset_test.go", 15),
    ]


def test_a_repository_downloaded_from_as_a_space_is_no_model(tmp_path):
    src = """from huggingface_hub import hf_hub_download

HF_REPO_ID = "lmarena/arena-bench"
HF_REPO_TYPE = "space"
MODEL_REPO_ID = "owlery/owl-7b"


def fetch():
    hf_hub_download(repo_id=HF_REPO_ID, repo_type=HF_REPO_TYPE, filename="data/q.jsonl")
    hf_hub_download(repo_id=MODEL_REPO_ID, filename="config.json")
"""
    found = refs(tmp_path, {"bench/eval.py": src})
    assert {r[0] for r in found} == {"owlery/owl-7b"}


def test_a_stand_in_organization_of_a_failing_lookup_is_a_placeholder(tmp_path):
    src = """package models

var cases = []struct{ modelName string }{
	{modelName: "unknown-org/unknown-model-12345"},
	{modelName: "nonexistent-org/some-llm"},
	{modelName: "owlery/owl-7b"},
}
"""
    assert [r[0] for r in refs(tmp_path, {"models/lookup_test.go": src})] == ["owlery/owl-7b"]

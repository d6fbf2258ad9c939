"""A suffix appended in a worker to a model name the worker is handed (``let modelName = model;
if (!multilingual) modelName += ".en"``, ``model`` a parameter fed from a message): the Hub
ids the package's other files name, with the suffix, as far as the ``if`` around the append
admits them."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HUGGINGFACE

from .discover_helpers import write_files

WORKER = """import { pipeline } from "@huggingface/transformers";
self.addEventListener("message", async (event) => {
  await transcribe(event.data.model, event.data.multilingual);
});
const transcribe = async (model, multilingual) => {
  const isDistil = model.startsWith("acme-distil/");
  let modelName = model;
  if (!isDistil && !multilingual) {
    modelName += ".en";
  }
  return pipeline("automatic-speech-recognition", modelName);
};
"""

OPTIONS = """export const models = {
  "acme-labs/speech-tiny": { size: 40 },
  "acme-labs/speech-base": { size: 80 },
  "acme-distil/distil-large": { size: 700 },
};
"""


def _refs(tmp_path, files):
    return {
        (r.id, r.source, r.location.path, r.location.line)
        for r in discover(write_files(tmp_path, files)).refs
    }


def test_a_suffix_appended_to_a_handed_model_name_gives_each_written_id_with_it(tmp_path):
    files = {"package.json": "{}", "src/worker.js": WORKER, "src/options.ts": OPTIONS}
    got = _refs(tmp_path, files)
    assert {r for r in got if r[0].endswith(".en")} == {
        ("acme-labs/speech-tiny.en", HUGGINGFACE, "src/options.ts", 2),
        ("acme-labs/speech-base.en", HUGGINGFACE, "src/options.ts", 3),
        ("acme-labs/speech-tiny.en", HUGGINGFACE, "src/worker.js", 9),
        ("acme-labs/speech-base.en", HUGGINGFACE, "src/worker.js", 9),
    }
    # the ids as written stay; the distilled one the ``if`` leaves out gets no suffix
    assert ("acme-distil/distil-large", HUGGINGFACE, "src/options.ts", 4) in got
    assert not any(r[0] == "acme-distil/distil-large.en" for r in got)


def test_no_suffixed_ids_without_a_loader_a_model_name_or_a_name_suffix(tmp_path):
    no_loader = WORKER.replace('import { pipeline } from "@huggingface/transformers";', "")
    other_name = WORKER.replace("modelName", "label")
    path_suffix = WORKER.replace('".en"', '"/resolve/main/config.json"')
    for i, worker in enumerate((no_loader, other_name, path_suffix)):
        files = {"package.json": "{}", "src/worker.js": worker, "src/options.ts": OPTIONS}
        got = _refs(tmp_path / str(i), files)
        assert not any(r[0].endswith((".en", ".json")) for r in got), worker


def test_another_packages_ids_are_not_given_the_suffix(tmp_path):
    files = {
        "app/package.json": "{}",
        "app/src/worker.js": WORKER,
        "site/package.json": "{}",
        "site/src/options.ts": OPTIONS,
    }
    assert not any(r[0].endswith(".en") for r in _refs(tmp_path, files))

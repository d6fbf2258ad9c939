"""A clone of a Hub model repository (``git clone https://huggingface.co/org/x [DIR]``, ``git lfs
clone``, in a shell script, a Dockerfile ``RUN`` or a CI step) downloads that model; the clone of
a dataset, a Space or any other host's repository, and a commented-out clone, name no model."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import HUGGINGFACE

from .discover_helpers import write_files


def refs(tmp_path, files: dict[str, str]) -> set[tuple[str, str, str, int]]:
    result = discover(write_files(tmp_path, files))
    return {(r.id, r.source, r.location.path, r.location.line) for r in result.refs}


def test_a_clone_of_a_hub_model_repository_is_that_model(tmp_path):
    script = """#!/bin/bash
set -e
# Download checkpoints outside of the repository
git clone https://huggingface.co/acme/vision-chat-7b ~/vision-chat-7b
GIT_LFS_SKIP_SMUDGE=1 git clone --depth 1 -b main https://huggingface.co/acme/coder-1b.git
cd /opt && git lfs clone https://hf.co/acme/tts-small /opt/tts
"""
    dockerfile = """FROM python:3.11-slim
RUN git clone --branch v1.0 https://huggingface.co/acme/embedder-base /models/embedder
"""
    assert refs(tmp_path, {"setup/post_create.sh": script, "Dockerfile": dockerfile}) == {
        ("acme/vision-chat-7b", HUGGINGFACE, "setup/post_create.sh", 4),
        ("acme/coder-1b", HUGGINGFACE, "setup/post_create.sh", 5),
        ("acme/tts-small", HUGGINGFACE, "setup/post_create.sh", 6),
        ("acme/embedder-base", HUGGINGFACE, "Dockerfile", 2),
    }


def test_clones_of_datasets_spaces_and_other_hosts_name_no_model(tmp_path):
    script = """#!/bin/bash
git clone https://huggingface.co/datasets/acme/instructions data/instructions
git clone https://huggingface.co/spaces/acme/demo
git clone https://github.com/acme/vision-chat.git
git clone --reference acme/mirror https://gitlab.com/acme/tools tools
git clone acme/not-a-url
# git clone https://huggingface.co/acme/vision-chat-13b ~/vision-chat-13b
echo "git clone https://huggingface.co/acme/echoed-model"
"""
    assert refs(tmp_path, {"setup/fetch.sh": script}) == set()

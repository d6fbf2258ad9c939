"""A weights file a download program writes (``gdown -O "$DIR/data/x.pt" URL``, ``wget -O
weights/x.onnx URL``; the vocabulary's ``download_programs``) is a local model where the
command leaves it, relative to the script's folder (a variable holding the script's own folder,
``DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" && pwd )"``, is that folder), when the URL does
not name the weights file itself. A URL that does is reported by itself; a downloaded video, a
path built from a variable set at run time, and a program that downloads nothing stay silent."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.discover.commands import script_folder
from licaudit.discover.loaders import knowledge
from licaudit.model import LOCAL, URL

from .discover_helpers import write_files


def found(tmp_path, files):
    refs = discover(write_files(tmp_path, files)).refs
    return sorted((r.location.path, r.location.line, r.id, r.source) for r in refs)


def test_the_download_programs_are_data():
    assert {"wget", "curl", "gdown"} <= set(knowledge().download_programs)
    assert "-O" in knowledge().download_programs["gdown"]
    assert "-O" not in knowledge().download_programs["curl"]  # curl -O keeps the remote name


def test_the_script_folder_idioms():
    assert script_folder('"$( cd "$( dirname "${BASH_SOURCE[0]}" )" && pwd )"')
    assert script_folder('$(dirname "$0")')
    assert not script_folder("$(pwd)")
    assert not script_folder('$(cd "$(dirname "$0")/.." && pwd)')


def test_a_weights_file_a_download_writes_is_a_local_model(tmp_path):
    script = """#!/bin/bash
DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" && pwd )"
mkdir -p "$DIR/data"
gdown -O "$DIR/data/traffic.mov" "https://drive.google.com/uc?id=1qadBd7lgpediafCpL"
gdown -O "$DIR/data/detector.pt" "https://drive.google.com/uc?id=1y-IfToCjRXa3ZdC1J"
curl -L --output weights/seg.onnx "https://drive.google.com/uc?id=abc"
wget -O "$CACHE/model.pt" "https://drive.google.com/uc?id=def"
wget -O sam.pth https://dl.fbaipublicfiles.com/segment_anything/sam_vit_b_01ec64.pth
curl -o notes.txt https://example.org/notes.txt
"""
    got = found(tmp_path, {"examples/traffic/setup.sh": script})
    assert got == [
        ("examples/traffic/setup.sh", 5, "examples/traffic/data/detector.pt", LOCAL),
        ("examples/traffic/setup.sh", 6, "examples/traffic/weights/seg.onnx", LOCAL),
        (
            "examples/traffic/setup.sh",
            8,
            "https://dl.fbaipublicfiles.com/segment_anything/sam_vit_b_01ec64.pth",
            URL,
        ),
    ]

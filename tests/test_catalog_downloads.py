"""The catalog's download entries: the license a project states for weights under a URL prefix."""

from __future__ import annotations

from pathlib import Path

import pytest

from licaudit.discover import discover
from licaudit.model import URL
from licaudit.resolve import resolve
from licaudit.resolve.catalog import Catalog, catalog

from .discover_helpers import write_files

SAM = "https://dl.fbaipublicfiles.com/segment_anything/sam_vit_b_01ec64.pth"
SAM2 = "https://dl.fbaipublicfiles.com/segment_anything_2/092824/sam2.1_hiera_large.pt"


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return catalog()


def _resolved(root: Path, cat: Catalog):
    refs = [r for r in discover(root).refs if r.source == URL]
    res = resolve(refs, offline=True, cat=cat)
    return {r.id: res.get(r.id, URL) for r in refs}


def test_a_url_under_a_listed_prefix_takes_its_license_offline(tmp_path, cat):
    root = write_files(
        tmp_path,
        {
            "get.sh": f"wget {SAM}\nwget {SAM2}\n",
            "Dockerfile": "RUN curl -LO https://github.com/xinntao/Real-ESRGAN/releases/download/"
            "v0.1.0/RealESRGAN_x4plus.pth\n",
        },
    )
    got = _resolved(root, cat)
    assert {i: r.license for i, r in got.items()} == {
        SAM: "apache-2.0",
        SAM2: "apache-2.0",
        "https://github.com/xinntao/Real-ESRGAN/releases/download/v0.1.0/RealESRGAN_x4plus.pth": (
            "bsd-3-clause"
        ),
    }
    sam = got[SAM]
    assert sam.unresolved is None
    assert sam.publisher.name == "Meta Platforms, Inc."
    fact = sam.provenance["license"]
    assert fact.source == "catalog" and "segment_anything/" in fact.detail
    assert fact.verified == "primary"


def test_the_longest_prefix_wins_and_a_prefix_is_case_insensitive(cat):
    assert cat.download(SAM2.upper().replace("HTTPS://", "https://")).prefix.endswith(
        "segment_anything_2/"
    )
    assert cat.download(SAM).prefix.endswith("/segment_anything/")


def test_decoys_the_same_host_or_project_outside_a_prefix_stay_unresolved(tmp_path, cat):
    # same host, another project; facexlib lists one weights file, not its other releases
    other = "https://dl.fbaipublicfiles.com/other_project/detector_v2_4b8939.pth"
    parsing = "https://github.com/xinntao/facexlib/releases/download/v0.2.2/parsing_parsenet.pth"
    root = write_files(tmp_path, {"get.sh": f"wget {other}\nwget {parsing}\n"})
    got = _resolved(root, cat)
    assert set(got) == {other, parsing}
    for rec in got.values():
        assert rec.license is None
        assert "weights file downloaded from" in rec.unresolved


def test_every_download_publisher_is_listed(cat):
    assert cat.downloads
    for d in cat.downloads:
        assert d.publisher is None or cat.publisher(d.publisher) is not None, d.prefix
        assert d.source.startswith("https://") and d.verified, d.prefix

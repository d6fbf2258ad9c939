"""The fast indented JSON writer gives exactly ``json.dumps(..., indent=2)``'s text."""

from __future__ import annotations

import enum
import json
import random

import pytest

from licaudit import jsontext

SAMPLES = [
    {},
    [],
    "",
    None,
    True,
    0,
    -7,
    10**30,
    1.5,
    1e-7,
    -0.0,
    {"b": [], "a": {}, "c": [{}, [[]], ""]},
    {"é": 'naïve \u2028 \x00 \x1f \\ " / \ud800', "z": ["\t\n\r", "日本語"]},
    (1, (2, 3), []),
    {"nested": [[[[{"deep": [1, 2.25, None, False]}]]]]},
]


@pytest.mark.parametrize("value", SAMPLES, ids=range(len(SAMPLES)))
@pytest.mark.parametrize("sort_keys", [True, False])
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_same_text_as_json_dumps(value, sort_keys, ensure_ascii):
    expected = json.dumps(value, indent=2, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
    assert jsontext.dumps(value, sort_keys=sort_keys, ensure_ascii=ensure_ascii) == expected


def _random_value(rng: random.Random, depth: int = 0):
    kinds = ["str", "int", "float", "bool", "none"] + (["list", "dict"] * 2 if depth < 6 else [])
    kind = rng.choice(kinds)
    if kind == "str":
        return "".join(rng.choice('ab/:-_ é"\\\n\u00ff\u4e2d') for _ in range(rng.randrange(8)))
    if kind == "int":
        return rng.randrange(-(10**12), 10**12)
    if kind == "float":
        return rng.uniform(-1e6, 1e6)
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "none":
        return None
    if kind == "list":
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(5))]
    keys = [rng.choice("xyzé") + str(rng.randrange(50)) for _ in range(rng.randrange(5))]
    return {key: _random_value(rng, depth + 1) for key in keys}


RECORDS = {
    "models": [
        {
            "id": "org/name",
            "locations": [
                {"path": "a.py", "line": 3, "column": 0, "snippet": 'f("x")', "cell": None},
                {"path": "b/é.py", "line": 10**20, "column": -1, "snippet": "\t\u2028", "ok": True},
            ],
            "chain": ("org/name", "base/model"),
            "scores": [1, 2.5],
        }
    ],
    "flags": [True, False, None, 0, ""],
}


@pytest.mark.parametrize("sort_keys", [True, False])
@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_containers_of_scalars_at_every_depth(sort_keys, ensure_ascii):
    # lists and records holding scalars alone are written by the C encoder in one call each
    expected = json.dumps(RECORDS, indent=2, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
    assert jsontext.dumps(RECORDS, sort_keys=sort_keys, ensure_ascii=ensure_ascii) == expected


def test_the_same_text_without_the_c_encoder(monkeypatch):
    monkeypatch.setattr(jsontext, "c_make_encoder", None)
    expected = json.dumps(RECORDS, indent=2, sort_keys=True, ensure_ascii=False)
    assert jsontext.dumps(RECORDS, sort_keys=True, ensure_ascii=False) == expected


def test_random_documents_match():
    rng = random.Random(20261202)
    for _ in range(300):
        value = _random_value(rng)
        for sort_keys in (True, False):
            expected = json.dumps(value, indent=2, sort_keys=sort_keys, ensure_ascii=False)
            assert jsontext.dumps(value, sort_keys=sort_keys, ensure_ascii=False) == expected


class Colour(str, enum.Enum):
    RED = "red"


@pytest.mark.parametrize(
    "value",
    [
        {1: "int key", "a": 2},  # json turns the key into a string
        {"n": float("nan"), "i": float("inf")},
        {"e": Colour.RED},  # a str subclass
        {"big": [1, {"k": (1, 2)}], None: 3},
    ],
)
def test_what_it_does_not_know_is_left_to_json(value):
    expected = json.dumps(value, indent=2, ensure_ascii=False)
    assert jsontext.dumps(value, ensure_ascii=False) == expected


def test_a_cycle_still_raises_as_json_does():
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError):
        jsontext.dumps(loop)


def test_an_unknown_type_still_raises_as_json_does():
    with pytest.raises(TypeError):
        jsontext.dumps({"x": object()})

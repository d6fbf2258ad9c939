"""``recordtype.dataclass`` behaves as ``dataclasses.dataclass``: the same comparisons, hashes,
orderings and reprs, the class's own methods kept, the same errors."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from licaudit.model import Location, ModelRef
from licaudit.recordtype import dataclass


def _pair(body, **kw):
    """The same class body decorated by the standard decorator and by ours."""
    return dataclasses.dataclass(**kw)(body()), dataclass(**kw)(body())


def _plain():
    class Rec:
        name: str
        size: int = 0
        tags: tuple = ()
        note: str | None = dataclasses.field(default=None, compare=False)
        hidden: str = dataclasses.field(default="", repr=False)
        loose: int = dataclasses.field(default=0, hash=False)

    return Rec


@pytest.mark.parametrize(
    "kw",
    [{}, {"frozen": True}, {"frozen": True, "order": True}, {"order": True}, {"eq": False}],
)
def test_same_behaviour_as_the_standard_decorator(kw):
    std, ours = _pair(_plain, **kw)
    values = [
        ("a", 1, ("x",), "n", "h", 3),
        ("a", 1, ("x",), "other note", "h", 4),
        ("b", 0, (), None, "", 0),
        ("a", 2, ("x",), None, "", 3),
    ]
    s = [std(*v) for v in values]
    o = [ours(*v) for v in values]
    assert [repr(x) for x in s] == [repr(x) for x in o]
    assert (std.__hash__ is None) == (ours.__hash__ is None)
    for i in range(len(values)):
        for j in range(len(values)):
            assert (s[i] == s[j]) == (o[i] == o[j])
            assert (s[i] != s[j]) == (o[i] != o[j])
            if kw.get("order"):
                assert (s[i] < s[j], s[i] <= s[j], s[i] > s[j], s[i] >= s[j]) == (
                    o[i] < o[j],
                    o[i] <= o[j],
                    o[i] > o[j],
                    o[i] >= o[j],
                )
        if std.__hash__ not in (None, object.__hash__):
            assert hash(s[i]) == hash(o[i])
    assert [f.name for f in dataclasses.fields(std)] == [f.name for f in dataclasses.fields(ours)]
    assert dataclasses.replace(o[0], size=9).size == 9


def test_frozen_and_foreign_comparisons():
    _, ours = _pair(_plain, frozen=True, order=True)
    rec = ours("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.name = "b"  # type: ignore[misc]
    assert rec.__eq__(("a",)) is NotImplemented
    assert rec.__lt__(("a",)) is NotImplemented
    assert rec != ("a", 0, (), None, "", 0)
    with pytest.raises(TypeError):
        _ = rec < ("a",)


def test_own_methods_kept_and_the_same_errors():
    def body():
        class Own:
            x: int

            def __repr__(self):
                return "own"

            def __eq__(self, other):
                return True

        return Own

    std, ours = _pair(body, frozen=True)
    assert repr(ours(1)) == "own" and ours(1) == ours(2)
    # a class of its own __eq__ and no __hash__: the decorator still makes one when frozen
    assert (std.__hash__ is None) == (ours.__hash__ is None)
    assert hash(std(1)) == hash(ours(1))

    def ordered():
        class Ordered:
            x: int

            def __lt__(self, other):
                return True

        return Ordered

    with pytest.raises(TypeError):
        dataclass(order=True)(ordered())
    with pytest.raises(ValueError):
        dataclass(order=True, eq=False)(_plain())


def test_recursive_repr_and_empty_records():
    @dataclass
    class Node:
        child: object = None

    node = Node()
    node.child = node
    assert repr(node) == "test_recursive_repr_and_empty_records.<locals>.Node(child=...)"

    std, ours = _pair(lambda: type("Empty", (), {"__annotations__": {}}), frozen=True)
    assert repr(std()) == repr(ours()) and hash(std()) == hash(ours()) and ours() == ours()


def test_the_pipeline_records_compare_and_hash_as_before():
    twin = dataclasses.dataclass(frozen=True, order=True)(
        type(
            "Location",
            (),
            {
                "__annotations__": dict(Location.__annotations__),
                **{f.name: f.default for f in dataclasses.fields(Location)},
                "__qualname__": "Location",
            },
        )
    )
    a = Location("a.py", 3, 1, "x")
    b = Location("a.py", 3, 2, "x", cell=1)
    ta, tb = twin("a.py", 3, 1, "x"), twin("a.py", 3, 2, "x", cell=1)
    assert repr(a) == repr(ta) and hash(a) == hash(ta) and (a < b) == (ta < tb)
    assert sorted([b, a]) == [a, b]
    assert pickle.loads(pickle.dumps(b)) == b
    ref = ModelRef("org/m", "huggingface", a, "from_pretrained()")
    # metadata is compared and hashed by no one
    assert ref == dataclasses.replace(ref, metadata=object())
    assert hash(ref) == hash(dataclasses.replace(ref, metadata=object()))

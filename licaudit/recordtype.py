"""``dataclass``: the standard library's decorator, with the comparison, hash and repr methods
made from a few shared functions instead of generated source.

On the Pythons licaudit supports, ``dataclasses.dataclass`` writes every method it adds as source
text and compiles it: a frozen record costs six compilations (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``), an ordered one four more. Every run
of licaudit creates some sixty records at import, and those compilations were a fifth of a scan
the scan cache answers. Here the standard decorator still makes ``__init__`` and the frozen
``__setattr__``/``__delattr__`` (and everything else: fields, ``__match_args__``, slots,
``replace``); ``__eq__``, ``__hash__``, the ordering methods and ``__repr__`` are closures over
the class's field names, which behave as the generated ones do:

- ``__eq__`` (and ``<``, ``<=``, ``>``, ``>=`` when ``order``): ``NotImplemented`` unless the other
  object is of exactly the same class, else the tuples of the fields that compare, compared;
- ``__hash__``: the hash of that tuple of the fields that hash, set when the standard decorator
  would set it (frozen and ``eq``, the class defining none), ``None`` where it would make the
  class unhashable (``eq``, not frozen);
- ``__repr__``: ``Name(field=value!r, ...)`` over the fields shown, ``...`` for a record
  reached again while it is being shown;
- a method the class defines itself is kept, and ``order`` with a class of its own ordering
  method is the same ``TypeError``.
"""

from __future__ import annotations

import dataclasses
import operator
from _thread import get_ident
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_ORDER = (
    ("__lt__", operator.lt),
    ("__le__", operator.le),
    ("__gt__", operator.gt),
    ("__ge__", operator.ge),
)


def dataclass(
    cls: type[T] | None = None,
    /,
    *,
    init: bool = True,
    repr: bool = True,  # noqa: A002 - the standard decorator's argument name
    eq: bool = True,
    order: bool = False,
    unsafe_hash: bool = False,
    frozen: bool = False,
    **kwargs: Any,
) -> Any:
    """``dataclasses.dataclass`` with the same arguments and the same resulting behaviour."""

    def wrap(cls: type[T]) -> type[T]:
        return _process(cls, init, repr, eq, order, unsafe_hash, frozen, kwargs)

    return wrap if cls is None else wrap(cls)


def _process(
    cls: type[T],
    init: bool,
    want_repr: bool,
    eq: bool,
    order: bool,
    unsafe_hash: bool,
    frozen: bool,
    kwargs: dict[str, Any],
) -> type[T]:
    if order and not eq:
        raise ValueError("eq must be true if order is true")
    own = cls.__dict__
    class_hash = own.get("__hash__", dataclasses.MISSING)
    explicit_hash = not (
        class_hash is dataclasses.MISSING or (class_hash is None and "__eq__" in own)
    )
    own_repr, own_eq = "__repr__" in own, "__eq__" in own
    if order:
        for name, _ in _ORDER:
            if name in own:
                raise TypeError(
                    f"Cannot overwrite attribute {name} in class {cls.__name__}. "
                    "Consider using functools.total_ordering"
                )
    if unsafe_hash and explicit_hash:
        raise TypeError(f"Cannot overwrite attribute __hash__ in class {cls.__name__}")
    cls = dataclasses.dataclass(
        cls,
        init=init,
        repr=False,
        eq=False,
        order=False,
        unsafe_hash=False,
        frozen=frozen,
        **kwargs,
    )
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if want_repr and not own_repr:
        _set(cls, "__repr__", _repr_fn(tuple(f.name for f in fields if f.repr)))
    if eq:
        compared = _getter(tuple(f.name for f in fields if f.compare))
        if not own_eq:
            _set(cls, "__eq__", _compare_fn(compared, operator.eq))
        if order:
            for name, op in _ORDER:
                _set(cls, name, _compare_fn(compared, op))
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    if unsafe_hash or (eq and frozen and not explicit_hash):
        _set(cls, "__hash__", _hash_fn(_getter(hashed)))
    elif eq and not frozen and not explicit_hash:
        cls.__hash__ = None  # type: ignore[assignment]
    return cls


def _set(cls: type, name: str, fn: Callable[..., Any]) -> None:
    fn.__name__ = name
    fn.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, fn)


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these attributes of an object (a tuple for one name or none too)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        (name,) = names
        return lambda obj: (getattr(obj, name),)
    return lambda obj: ()


def _compare_fn(values: Callable[[Any], tuple[Any, ...]], op: Callable[[Any, Any], bool]):
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return op(values(self), values(other))
        return NotImplemented

    return compare


def _hash_fn(values: Callable[[Any], tuple[Any, ...]]):
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _repr_fn(names: tuple[str, ...]):
    showing: set[tuple[int, int]] = set()

    def __repr__(self: Any) -> str:
        key = (id(self), get_ident())
        if key in showing:
            return "..."
        showing.add(key)
        try:
            inner = ", ".join([f"{n}={getattr(self, n)!r}" for n in names])
        finally:
            showing.discard(key)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


__all__ = ["dataclass"]

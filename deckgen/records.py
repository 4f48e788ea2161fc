"""Plain data classes, as ``@dataclass`` makes them, at a tenth of the cost at import.

``dataclasses`` writes and compiles five or six methods per class when a module is
imported (about 0.6 ms a class, and ``inspect`` on top): some 30 ms of every command
for deckgen's ~90 classes. A ``@record`` class gets the same ``__init__`` (written and
compiled once, so creating instances costs what it did) and shares one ``__eq__``,
``__hash__``, ``__repr__`` and ordering, which compare a tuple of the fields.

Type checkers read ``@record`` as a dataclass (PEP 681 ``dataclass_transform``):
``@record``, ``@record(frozen=True)``, ``@record(frozen=True, order=True)``, and
``field(default=…, default_factory=…, repr=False, compare=False)``. ``replace``,
``fields`` and ``astuple`` do what their ``dataclasses`` namesakes do, shallowly.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")
_C = TypeVar("_C", bound=type)
_MISSING: Any = object()


class FrozenRecordError(AttributeError):
    """Raised on assigning to (or deleting) a field of a frozen record."""


class Field:
    """One field of a record: its name, annotation (as written), default and roles."""

    __slots__ = ("name", "type", "default", "default_factory", "repr", "compare")

    def __init__(self, default: Any = _MISSING, default_factory: Any = _MISSING, repr: bool = True, compare: bool = True) -> None:
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("a field takes a default or a default_factory, not both")
        self.name = ""
        self.type: object = None
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, type={self.type!r})"


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING, repr: bool = True, compare: bool = True) -> Any:
    """A field with a default, a factory for its default, or left out of repr or comparison."""
    return Field(default, default_factory, repr, compare)


@overload
def record(cls: _C, /) -> _C: ...


@overload
def record(*, frozen: bool = False, order: bool = False) -> Callable[[_C], _C]: ...


@dataclass_transform(field_specifiers=(field, Field))
def record(cls: Any = None, /, *, frozen: bool = False, order: bool = False) -> Any:
    """Make *cls* a record: ``__init__`` from its annotated fields, compared by value."""

    def wrap(cls: Any) -> Any:
        return _make(cls, frozen=frozen, order=order)

    return wrap if cls is None else wrap(cls)


def fields(item: Any) -> tuple[Field, ...]:
    """The fields of a record class or instance, in order."""
    return item.__record_fields__


def replace(item: _T, /, **changes: Any) -> _T:
    """A new record like *item* with *changes* (fields by name)."""
    values = {f.name: getattr(item, f.name) for f in fields(item)}
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{type(item).__name__} has no field {', '.join(sorted(unknown))}")
    values.update(changes)
    return type(item)(**values)


def astuple(item: Any) -> tuple:
    """Every field's value, in order (not recursing into nested records)."""
    return tuple(getattr(item, f.name) for f in fields(item))


def _own_fields(cls: Any) -> list[Field]:
    own = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if isinstance(annotation, str) and annotation.replace("typing.", "").startswith("ClassVar"):
            continue
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, Field) else Field(default=value)
        spec.name, spec.type = name, annotation
        if isinstance(value, Field):
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        own.append(spec)
    return own


def _make(cls: Any, *, frozen: bool, order: bool) -> Any:
    inherited = [f for base in reversed(cls.__mro__[1:]) for f in base.__dict__.get("__record_fields__", ())]
    by_name = {f.name: f for f in inherited}
    by_name.update((f.name, f) for f in _own_fields(cls))
    specs = tuple(by_name.values())
    cls.__record_fields__ = specs
    _set(cls, "__init__", _init(cls, specs, frozen=frozen))
    _set(cls, "__repr__", _repr_of(specs))
    key = _key_of([f.name for f in specs if f.compare])
    cls.__record_key__ = staticmethod(key)
    _set(cls, "__eq__", _eq)
    if frozen:
        _set(cls, "__hash__", _hash)
        cls.__setattr__ = _frozen_setattr
        cls.__delattr__ = _frozen_delattr
    elif "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:
        cls.__hash__ = None  # equal by value and changeable: not hashable, as dataclasses make it
    if order:
        for name, compare in _ORDER.items():
            _set(cls, name, compare)
    return cls


def _set(cls: Any, name: str, value: object) -> None:
    if name not in cls.__dict__:
        setattr(cls, name, value)


def _init(cls: Any, specs: tuple[Field, ...], *, frozen: bool) -> Callable:
    """``__init__`` written out and compiled, as dataclasses write it."""
    scope: dict[str, object] = {"_MISSING": _MISSING, "_object_setattr": object.__setattr__}
    params, lines = ["self"], []
    for f in specs:
        value = f.name
        if f.default_factory is not _MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            value = f"_factory_{f.name}() if {f.name} is _MISSING else {f.name}"
        elif f.default is not _MISSING:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        else:
            params.append(f.name)
        lines.append(f"_object_setattr(self, {f.name!r}, {value})" if frozen else f"self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        lines.append("self.__post_init__()")
    source = f"def __init__({', '.join(params)}):\n    " + "\n    ".join(lines or ["pass"]) + "\n"
    exec(source, scope)  # noqa: S102 - our own source, built from field names
    function: Any = scope["__init__"]
    function.__qualname__ = f"{cls.__qualname__}.__init__"
    return function


def _key_of(names: list[str]) -> Callable[[Any], tuple]:
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        (name,) = names
        return lambda item: (getattr(item, name),)
    return lambda item: ()


def _repr_of(specs: tuple[Field, ...]) -> Callable[[Any], str]:
    shown = [f.name for f in specs if f.repr]

    def __repr__(self: Any) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in shown)})"

    return __repr__


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is self.__class__:
        return self.__record_key__(self) == self.__record_key__(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self.__record_key__(self))


def _frozen_setattr(self: Any, name: str, value: object) -> None:
    raise FrozenRecordError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenRecordError(f"cannot delete field {name!r}")


def _ordering(compare: Callable[[tuple, tuple], bool]) -> Callable[[Any, Any], bool]:
    def method(self: Any, other: Any) -> bool:
        if other.__class__ is self.__class__:
            return compare(self.__record_key__(self), self.__record_key__(other))
        return NotImplemented

    return method


_ORDER = {
    "__lt__": _ordering(lambda a, b: a < b),
    "__le__": _ordering(lambda a, b: a <= b),
    "__gt__": _ordering(lambda a, b: a > b),
    "__ge__": _ordering(lambda a, b: a >= b),
}

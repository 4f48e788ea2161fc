"""deckgen.records: data classes as dataclasses make them, without their import cost."""

from __future__ import annotations

import copy
import pickle

import pytest

from deckgen import records
from deckgen.records import FrozenRecordError, field, record


@record(frozen=True)
class Point:
    """A frozen record."""

    x: float
    y: float = 0.0
    note: str = field(default="", compare=False, repr=False)


@record
class Bag:
    """A changeable record with factories."""

    name: str
    items: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@record(frozen=True, order=True)
class Version:
    """An ordered record."""

    major: int
    minor: int = 0


@record
class Checked:
    """A record that checks itself after __init__."""

    size: int

    def __post_init__(self) -> None:
        if self.size < 0:
            raise ValueError("negative size")


def test_init_takes_fields_by_position_and_name_with_defaults():
    assert (Point(1.0).x, Point(1.0).y) == (1.0, 0.0)
    assert Point(1.0, 2.0) == Point(y=2.0, x=1.0)
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1.0, 2.0, "a", "extra")  # type: ignore[call-arg]


def test_factories_give_each_instance_its_own_value():
    one, two = Bag("a"), Bag("b")
    one.items.append("x")
    assert two.items == [] and Bag("a", ["y"]).items == ["y"]
    assert "items" not in Bag.__dict__  # as dataclasses: no shared list left on the class


def test_equality_and_hash_by_compared_fields_only():
    assert Point(1.0, 2.0, note="a") == Point(1.0, 2.0, note="b")
    assert Point(1.0, 2.0) != Point(1.0, 3.0)
    assert hash(Point(1.0, 2.0, note="a")) == hash(Point(1.0, 2.0)) == hash((1.0, 2.0))
    assert len({Point(1.0), Point(1.0), Point(2.0)}) == 2
    assert Point(1.0) != (1.0, 0.0)  # another type is never equal
    assert Bag("a", ["x"]) == Bag("a", ["x"]) and Bag("a") != Bag("b")


def test_a_changeable_record_is_not_hashable():
    with pytest.raises(TypeError):
        hash(Bag("a"))


def test_frozen_records_refuse_changes():
    point = Point(1.0)
    with pytest.raises(FrozenRecordError):
        point.x = 2.0  # type: ignore[misc]
    with pytest.raises(AttributeError):  # FrozenRecordError is an AttributeError, as FrozenInstanceError
        del point.y  # type: ignore[misc]
    assert point.x == 1.0


def test_order_compares_field_tuples():
    assert sorted([Version(2), Version(1, 5), Version(1)]) == [Version(1), Version(1, 5), Version(2)]
    assert Version(1, 2) < Version(1, 3) <= Version(1, 3) and Version(2) > Version(1, 9) >= Version(1, 9)


def test_repr_shows_the_fields_it_should():
    assert repr(Point(1.0, 2.0, note="hidden")) == "Point(x=1.0, y=2.0)"
    assert repr(Bag("a")) == "Bag(name='a', items=[], counts={})"


def test_post_init_runs():
    assert Checked(3).size == 3
    with pytest.raises(ValueError, match="negative"):
        Checked(-1)


def test_replace_fields_and_astuple():
    point = Point(1.0, 2.0, note="n")
    moved = records.replace(point, y=5.0)
    assert (moved.x, moved.y, moved.note) == (1.0, 5.0, "n") and point.y == 2.0
    with pytest.raises(TypeError, match="no field z"):
        records.replace(point, z=1)
    assert [f.name for f in records.fields(Point)] == ["x", "y", "note"]
    assert records.astuple(point) == (1.0, 2.0, "n")


def test_pickle_and_copy_keep_frozen_records():
    point = Point(1.0, 2.0, note="n")
    again = pickle.loads(pickle.dumps(point))
    assert again == point and again.note == "n"
    assert copy.deepcopy(Bag("a", ["x"])) == Bag("a", ["x"])


def test_a_record_class_compiles_one_function(monkeypatch):
    compiled = []
    monkeypatch.setattr(records, "exec", lambda source, scope: (compiled.append(source), exec(source, scope))[1], raising=False)

    @record(frozen=True, order=True)
    class Many:
        """Six fields, all generated methods."""

        a: int
        b: int = 1
        c: int = 2
        d: list[int] = field(default_factory=list)
        e: str = ""
        f: str = ""

    assert len(compiled) == 1  # dataclasses compiles five to seven here
    assert Many(0) < Many(1) and Many(0, d=[1]).d == [1]

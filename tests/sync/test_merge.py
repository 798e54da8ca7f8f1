"""The three-way merge: one-sided changes merge silently, two-sided ones conflict, and the
result never depends on the order of the two sides."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.merge import DELETED_FIELD, MISSING, MergeResult, Side, apply_changes, merge

BASE = Side({"a": 1, "b": "x", "c": [1, 2]})


def test_changes_on_different_fields_merge_without_conflict() -> None:
    server = Side({"a": 2, "b": "x", "c": [1, 2]}, rank=("2", "s"))
    device = Side({"a": 1, "b": "y", "c": [1, 2], "d": True}, rank=("1", "d"))
    result = merge(BASE, server, device)
    assert result.fields == {"a": 2, "b": "y", "c": [1, 2], "d": True}
    assert result.conflicts == []


def test_same_field_to_different_values_is_a_conflict_won_by_the_later_edit() -> None:
    early = Side({"a": 5, "b": "x", "c": [1, 2]}, rank=("0001", "dev-a"))
    late = Side({"a": 7, "b": "x", "c": [1, 2]}, rank=("0002", "dev-b"))
    for first, second in ((early, late), (late, early)):
        result = merge(BASE, first, second)
        assert result.fields["a"] == 7
        [conflict] = result.conflicts
        assert (conflict.field, conflict.base, conflict.kept, conflict.other) == ("a", 1, 7, 5)


def test_same_change_on_both_sides_is_no_conflict() -> None:
    side = Side({"a": 9, "b": "x", "c": [1, 2]}, rank=("1", "a"))
    other = Side({"a": 9, "b": "x", "c": [1, 2]}, rank=("2", "b"))
    assert merge(BASE, side, other).conflicts == []


def test_removed_field_against_edit_conflicts_and_keeps_both() -> None:
    removed = Side({"a": 1, "c": [1, 2]}, rank=("3", "a"))
    edited = Side({"a": 1, "b": "z", "c": [1, 2]}, rank=("2", "b"))
    result = merge(BASE, removed, edited)
    [conflict] = result.conflicts
    assert conflict.kept is MISSING and conflict.other == "z"
    assert "b" not in result.fields


def test_delete_against_edit_keeps_the_edit_either_way() -> None:
    deleted = Side(dict(BASE.fields), deleted=True, rank=("9", "a"))
    edited = Side({"a": 1, "b": "new", "c": [1, 2]}, rank=("1", "b"))
    for first, second in ((deleted, edited), (edited, deleted)):
        result = merge(BASE, first, second)
        assert result.deleted is False
        assert result.fields["b"] == "new"
        assert [c.field for c in result.conflicts] == [DELETED_FIELD]


def test_delete_against_no_edit_deletes() -> None:
    deleted = Side(dict(BASE.fields), deleted=True, rank=("1", "a"))
    assert merge(BASE, deleted, Side(dict(BASE.fields), rank=("2", "b"))).deleted is True


def test_values_compare_by_json_so_true_is_not_one() -> None:
    result = merge(
        Side({"a": 1}), Side({"a": True}, rank=("1", "x")), Side({"a": 1}, rank=("0", "y"))
    )
    assert result.fields["a"] is True


def test_apply_changes_null_clears() -> None:
    assert apply_changes({"a": 1, "b": 2}, {"a": None, "c": 3}) == {"b": 2, "c": 3}


values = st.one_of(st.integers(-3, 3), st.sampled_from(["p", "q", ""]), st.booleans(), st.none())
docs = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), values, max_size=4)
sides = st.builds(
    Side, docs, st.booleans(), st.tuples(st.sampled_from(["1", "2"]), st.sampled_from(["x", "y"]))
)


def _conflict_key(result: MergeResult) -> list[tuple[str, str, str, str]]:
    return sorted((c.field, repr(c.base), repr(c.kept), repr(c.other)) for c in result.conflicts)


@settings(max_examples=100, deadline=None)
@given(base=st.builds(Side, docs, st.booleans()), first=sides, second=sides)
def test_merge_is_symmetric(base: Side, first: Side, second: Side) -> None:
    one = merge(base, first, second)
    two = merge(base, second, first)
    assert one.fields == two.fields
    assert one.deleted == two.deleted
    assert _conflict_key(one) == _conflict_key(two)


@settings(max_examples=100, deadline=None)
@given(base=docs, side=sides)
def test_merge_with_an_unchanged_side_is_the_other_side(base: dict, side: Side) -> None:
    result = merge(Side(base), Side(dict(base), rank=("0", "z")), side)
    assert result.fields == dict(side.fields)
    assert result.conflicts == []
    assert result.deleted == side.deleted

"""The scope rule exists in Python (push) and in SQL (pull); they must agree everywhere."""

from __future__ import annotations

import itertools

import sqlalchemy as sa

from sync.server.scope import Officer, in_scope, scope_condition

OFFICERS = [
    Officer(oid, team, district, role)
    for oid, team, district, role in itertools.product(
        ["o1", "o2"], ["ehe", "cme"], ["north", "south"], ["officer", "manager", "admin"]
    )
]
SCOPES = list(itertools.product(["ehe", "cme"], ["north", "south"], [None, "o1", "o2"]))


def test_python_and_sql_rules_agree() -> None:
    engine = sa.create_engine("sqlite://")
    meta = sa.MetaData()
    table = sa.Table(
        "r",
        meta,
        sa.Column("n", sa.Integer, primary_key=True),
        sa.Column("team", sa.String),
        sa.Column("district", sa.String),
        sa.Column("assigned_officer", sa.String, nullable=True),
    )
    meta.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            table.insert(),
            [
                {"n": i, "team": t, "district": d, "assigned_officer": a}
                for i, (t, d, a) in enumerate(SCOPES)
            ],
        )
        for officer in OFFICERS:
            held = set(
                conn.execute(sa.select(table.c.n).where(scope_condition(officer, table))).scalars()
            )
            lost = set(
                conn.execute(
                    sa.select(table.c.n).where(sa.not_(scope_condition(officer, table)))
                ).scalars()
            )
            expected = {i for i, s in enumerate(SCOPES) if in_scope(officer, *s)}
            assert held == expected, officer
            assert lost == set(range(len(SCOPES))) - expected, officer  # NOT never loses NULL rows


def test_the_rule_itself() -> None:
    officer = Officer("o1", "ehe", "north", "officer")
    assert in_scope(officer, "ehe", "north", None)
    assert not in_scope(officer, "ehe", "south", None)
    assert in_scope(officer, "cme", "south", "o1")  # assigned to them
    assert not in_scope(officer, "cme", "north", None)
    assert in_scope(Officer("m", "ehe", "north", "manager"), "ehe", "south", None)
    assert not in_scope(Officer("m", "ehe", "north", "manager"), "cme", "north", None)
    assert in_scope(Officer("a", "ehe", "north", "admin"), "cme", "south", None)

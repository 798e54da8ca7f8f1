"""The case list's rows carry the same sync state as ``replica.state.states`` gives each record.

``fetch_case_rows`` works the state out inside its one query (it is read on every keystroke),
so these tests leave records in every state the way a sync run does and compare the two.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import delete, update

from oxfield.clock import FixedClock
from oxfield.domain.ehe import EheSource
from oxfield.domain.kinds import Team
from oxfield.replica import state as replica_state
from oxfield.replica.tables import ConflictRow, OutboxRow, RejectionRow, ShadowRow, TransferRow
from oxfield.services import records
from oxfield.services.cases import fetch_case_rows
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault

NOW = datetime(2026, 12, 3, 9, tzinfo=UTC)
ACTOR = Actor("officer-1", "dev", FixedClock(NOW))
TODAY = date(2026, 12, 3)
EXPECTED = {
    "new": ("new", None),
    "synced": ("synced", None),
    "changed": ("changed", None),
    "offered": ("syncing", None),
    "file going up": ("syncing", None),
    "file coming down": ("synced", None),
    "conflict beats rejection": ("conflict", None),
    "conflict resolved": ("synced", None),
    "rejected twice": ("rejected", "stale"),
}


def _cases(vault: Vault, n: int) -> list[str]:
    with records.writing(vault, ACTOR) as s:
        made = []
        for i in range(n):
            child = records.create_child(
                s,
                team=Team.EHE,
                legal_family_name=f"Family{i}",
                legal_given_names="Chidi",
                date_of_birth=date(2015, 5, 5),
            )
            case = records.open_ehe_case(
                s, child, notified_on=date(2026, 9, 1), source=EheSource.PARENT
            )
            s.flush()
            made.append(case.id)
        return made


def _shadow(record_id: str) -> ShadowRow:
    return ShadowRow(
        record_id=record_id, kind="ehe_case", version=1, hlc="h", author="a", device="d",
        deleted=False, team="ehe", fields="{}", updated_at=NOW,
    )  # fmt: skip


def _conflict(record_id: str, status: str) -> ConflictRow:
    return ConflictRow(
        id=f"conflict-{record_id}", record_id=record_id, field="status", base_value='"a"',
        kept_value='"b"', other_value='"c"', kept_present=True, other_present=True,
        kept_by_device="d1", other_by_device="d2", other_by_officer="officer-2",
        created_at=NOW, status=status,
    )  # fmt: skip


def _rejection(seq: int, record_id: str, reason: str) -> RejectionRow:
    return RejectionRow(
        seq=seq, record_id=record_id, kind="ehe_case", reason=reason, created_at=NOW
    )


def test_every_sync_state_matches_the_replica_bookkeeping(vault: Vault) -> None:
    ids = dict(zip(EXPECTED, _cases(vault, len(EXPECTED)), strict=True))
    sent_up = [ids[k] for k in EXPECTED if k not in ("new", "changed", "offered")]
    with vault.write() as s:  # as sync runs leave them
        s.execute(delete(OutboxRow).where(OutboxRow.record_id.in_(sent_up)))
        s.add_all(_shadow(ids[k]) for k in EXPECTED if k not in ("new", "offered"))
        s.execute(update(OutboxRow).where(OutboxRow.record_id == ids["offered"]).values(sent=True))
        s.add(TransferRow(sha256="a" * 64, direction="up", record_id=ids["file going up"]))
        s.add(TransferRow(sha256="b" * 64, direction="down", record_id=ids["file coming down"]))
        s.add(_conflict(ids["conflict beats rejection"], "open"))
        s.add(_rejection(1, ids["conflict beats rejection"], "too late"))
        s.add(_conflict(ids["conflict resolved"], "resolved"))
        s.add(_rejection(2, ids["rejected twice"], "first reason"))
        s.add(_rejection(3, ids["rejected twice"], "stale"))

    rows = {r.id: r for r in fetch_case_rows(vault, list(ids.values()), TODAY)}
    with vault.read() as s:
        states = replica_state.states(s, list(ids.values()))
    for name, expected in EXPECTED.items():
        row, status = rows[ids[name]], states[ids[name]]
        assert (row.sync_state, row.sync_reason) == expected, name
        assert (status.state.value, status.reason) == expected, name  # the bookkeeping agrees


def test_rows_come_back_in_the_order_asked_and_unknown_ids_are_left_out(vault: Vault) -> None:
    made = _cases(vault, 3)
    asked = [made[2], "no-such-case", made[0], made[1]]
    rows = fetch_case_rows(vault, asked, TODAY)
    assert [r.id for r in rows] == [made[2], made[0], made[1]]
    assert [r.child_name for r in rows] == ["Chidi Family2", "Chidi Family0", "Chidi Family1"]
    assert {r.sync_state for r in rows} == {"new"}

"""The case list's search table follows every change to cases, children and schools.

The table is kept by SQLite triggers (migration 0004_case_search), so these tests change
records the ways the services and sync do (ORM edits, core updates and deletes) and search
again, and check that the migration fills the table for cases made before it existed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import delete, select, update

from oxfield.clock import FixedClock
from oxfield.domain.case_search import case_search
from oxfield.domain.ehe import EheCase, EheSource
from oxfield.domain.kinds import Team
from oxfield.domain.people import Child
from oxfield.domain.schools import School
from oxfield.services import records
from oxfield.services.cases import CaseQuery, count_cases, fetch_case_rows, find_case_ids
from oxfield.services.records import Actor
from oxfield.vault import migrate
from oxfield.vault.engine import writer
from oxfield.vault.vault import Vault

ACTOR = Actor("officer-1", "dev", FixedClock(datetime(2026, 12, 3, 9, tzinfo=UTC)))
TODAY = date(2026, 12, 3)


def _find(vault: Vault, text: str = "", **kw: object) -> list[str]:
    return find_case_ids(vault, CaseQuery(text=text, **kw), TODAY)  # type: ignore[arg-type]


def _one_case(vault: Vault, family: str = "Okonkwo", school: int | None = None) -> str:
    with records.writing(vault, ACTOR) as s:
        child = records.create_child(
            s,
            team=Team.EHE,
            legal_family_name=family,
            legal_given_names="Chidi",
            date_of_birth=date(2015, 5, 5),
        )
        case = records.open_ehe_case(
            s, child, notified_on=date(2026, 9, 1), source=EheSource.PARENT, school_left_urn=school
        )
        s.flush()
        return case.id


def test_renaming_the_child_moves_the_case_to_the_new_name(vault: Vault) -> None:
    case_id = _one_case(vault)
    assert _find(vault, "okonkwo") == [case_id]
    with records.writing(vault, ACTOR) as s:
        case = s.get(EheCase, case_id)
        assert case is not None
        records.update(case.child, {"legal_family_name": "Adeyemi-Ó Súilleabháin"})
    assert _find(vault, "okonkwo") == []
    assert _find(vault, "o suilleabhain") == [case_id]
    assert fetch_case_rows(vault, [case_id], TODAY)[0].child_name == "Chidi Adeyemi-Ó Súilleabháin"


def test_a_school_named_after_its_cases_is_found_and_shown(vault: Vault) -> None:
    case_id = _one_case(vault, school=999123)  # the school is not in the vault yet
    assert _find(vault, "synthetic academy") == []
    with records.writing(vault, ACTOR) as s:
        s.add(School(urn=999123, name="Synthetic Academy", open=True, source="test"))
    assert _find(vault, "synthetic academy") == [case_id]
    assert _find(vault, sort="school", descending=True)[0] == case_id
    with records.writing(vault, ACTOR) as s:  # a bulk update, as the school import does
        s.execute(
            update(School)
            .where(School.urn == 999123)
            .values(name="Renamed", search_key="|renamed|")
        )
    assert _find(vault, "synthetic academy") == [] and _find(vault, "renamed") == [case_id]
    with records.writing(vault, ACTOR) as s:
        s.execute(delete(School).where(School.urn == 999123))
    assert _find(vault, "renamed") == []
    with vault.read() as s:
        assert s.scalar(select(case_search.c.school).where(case_search.c.id == case_id)) == ""


def test_deleting_marks_and_removes_the_case(vault: Vault) -> None:
    kept, gone = _one_case(vault, "Keeper"), _one_case(vault, "Leaver")
    assert count_cases(vault) == 2
    with records.writing(vault, ACTOR) as s:
        s.execute(update(EheCase).where(EheCase.id == gone).values(deleted=True))
    assert _find(vault) == [kept] and count_cases(vault) == 1
    with records.writing(vault, ACTOR) as s:
        s.execute(delete(EheCase).where(EheCase.id == gone))
        child_id = s.scalar(select(EheCase.child_id).where(EheCase.id == kept))
        s.execute(delete(EheCase).where(EheCase.id == kept))
        s.execute(delete(Child).where(Child.id == child_id))
    with vault.read() as s:
        assert s.scalar(select(case_search.c.id)) is None  # no name left behind


def test_the_migration_fills_the_table_for_existing_cases(vault: Vault) -> None:
    before = _one_case(vault, "Earlier")
    cfg = migrate._config()
    with writer(vault.engine).begin() as conn:  # back to the schema before the table existed
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003_sync")
    made = [_one_case(vault, f"Family{n}") for n in range(3)]  # no table, no triggers
    assert migrate.current_revision(vault.engine) == "0003_sync"
    migrate.upgrade(vault.engine, vault.files)
    assert sorted(_find(vault)) == sorted([before, *made])
    assert _find(vault, "family1") == [made[1]]
    later = _one_case(vault, "Later")  # and the triggers are back
    assert _find(vault, "later") == [later]


def test_rows_carry_their_sync_state_read_per_batch_not_per_row(vault: Vault) -> None:
    from sqlalchemy import event

    from oxfield.replica.tables import OutboxRow, RejectionRow, ShadowRow

    made = [_one_case(vault, f"Family{n}") for n in range(30)]
    synced, rejected = made[0], made[1]
    now = datetime(2026, 12, 3, 9, tzinfo=UTC)
    with vault.write() as s:  # as a sync run leaves them
        s.execute(delete(OutboxRow).where(OutboxRow.record_id == synced))
        shadow = dict(kind="ehe_case", version=1, hlc="h", author="a", device="d", deleted=False)
        s.add(ShadowRow(record_id=synced, team="ehe", fields="{}", updated_at=now, **shadow))
        s.add(
            RejectionRow(seq=1, record_id=rejected, kind="ehe_case", reason="stale", created_at=now)
        )
    statements: list[str] = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(vault.engine, "before_cursor_execute", listen)
    try:
        rows = fetch_case_rows(vault, made, TODAY)
    finally:
        event.remove(vault.engine, "before_cursor_execute", listen)
    by_id = {r.id: r for r in rows}
    assert by_id[synced].sync_state == "synced"
    assert (by_id[rejected].sync_state, by_id[rejected].sync_reason) == ("rejected", "stale")
    assert {by_id[i].sync_state for i in made[2:]} == {"new"}
    assert len(statements) < 12  # a handful for 30 rows: never one per row


def test_short_text_scans_and_longer_text_uses_the_trigram_index_alike(vault: Vault) -> None:
    from oxfield.services import cases

    made = {f: _one_case(vault, f) for f in ("Ozturk", "Obi", "Bobbins", "Zed")}
    for text in ("o", "ob", "obi", "bbi", "OZT", "zturk", "ed"):
        expected = {made[f] for f in made if text.lower() in f.lower()}
        assert set(_find(vault, text)) == expected, text
    # the reference: digits and dashes, in part, any case
    with vault.read() as s:
        reference = s.scalar(select(EheCase.reference).where(EheCase.id == made["Obi"]))
    assert reference is not None
    assert made["Obi"] in _find(vault, reference.lower())
    assert made["Obi"] in _find(vault, reference[-2:])  # two characters: the scan
    assert made["Obi"] in _find(vault, reference[-4:])  # four: the trigram index
    assert cases._TRIGRAM == 3


def test_a_cancelled_search_stops_and_the_connection_stays_usable(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oxfield.services import cases
    from oxfield.services.cases import SearchCancelledError

    made = [_one_case(vault, f"Family{n}") for n in range(5)]
    monkeypatch.setattr(cases, "_POLL_STEPS", 1)  # look at every step: this vault is tiny
    polls: list[int] = []

    def cancel_while_running() -> bool:
        polls.append(1)
        return len(polls) > 3  # SQLite has started; the officer types again

    with pytest.raises(SearchCancelledError):
        find_case_ids(vault, CaseQuery(text="family"), TODAY, cancelled=cancel_while_running)
    assert len(polls) > 3
    found = find_case_ids(vault, CaseQuery(text="family"), TODAY, cancelled=lambda: False)
    assert sorted(found) == sorted(made)
    assert sorted(_find(vault, "family")) == sorted(made)  # no handler left on the connection
    assert len(find_case_ids(vault, CaseQuery(), TODAY, limit=2)) == 2

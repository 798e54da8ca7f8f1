"""Domain records round-trip through a real vault; signed records refuse change."""

from __future__ import annotations

import importlib
import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, update

from oxfield.clock import FixedClock
from oxfield.domain.base import Signable, Synced
from oxfield.domain.ehe import ContactType, EheCase, EheReason, EheSource, EheVisit
from oxfield.domain.hlc import Hlc
from oxfield.domain.kinds import KINDS, Team
from oxfield.domain.people import Child, Relationship, SenStatus, Sex
from oxfield.errors import SignedRecordError
from oxfield.orm import Base
from oxfield.services import records
from oxfield.services.records import Actor
from oxfield.vault.vault import Vault

ACTOR = Actor("officer-1", "device-A", FixedClock(datetime(2026, 12, 3, 10, 0, tzinfo=UTC)))


def _case(vault: Vault) -> tuple[str, str]:
    with records.writing(vault, ACTOR) as s:
        child = records.create_child(
            s,
            team=Team.EHE,
            legal_family_name="O’Brien",
            legal_given_names="Zoë Anne",
            date_of_birth=date(2016, 2, 29),
            sex=Sex.FEMALE,
            upn="A123456789012",
            sen_status=SenStatus.EHCP,
        )
        records.add_parent(
            s,
            child,
            family_name="O’Brien",
            given_names="Siobhán",
            relationship=Relationship.MOTHER,
            parental_responsibility=True,
        )
        records.add_address(s, child, line1="1 Synthetic Row", postcode="ox1 1aa")
        records.add_address(s, child, line1="2 Invented Lane", postcode="OX4 2ZZ", is_main=False)
        case = records.open_ehe_case(
            s,
            child,
            notified_on=date(2026, 9, 10),
            source=EheSource.SCHOOL_DEREGISTRATION,
            primary_reason=EheReason.MENTAL_HEALTH,
        )
        s.flush()
        return child.id, case.id


def test_child_with_parents_and_two_addresses_round_trips(vault: Vault) -> None:
    child_id, case_id = _case(vault)
    with vault.read() as s:
        child = s.get(Child, child_id)
        assert child is not None
        assert child.date_of_birth == date(2016, 2, 29)
        assert child.sex is Sex.FEMALE and child.sen_status is SenStatus.EHCP
        assert child.kind == "child" and child.version == 0
        assert child.author == "officer-1" and child.device == "device-A"
        assert child.created_at == datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
        assert child.hlc and Hlc.parse(child.hlc).node == "device-A"
        assert [a.current for a in child.addresses] == [True, True]
        assert {a.postcode for a in child.addresses} == {"OX1 1AA", "OX4 2ZZ"}
        link = child.links[0]
        assert link.parental_responsibility and link.relationship_to_child is Relationship.MOTHER
        case = s.get(EheCase, case_id)
        assert case is not None and case.reference == "EHE-2026-00001"
        assert case.primary_reason is EheReason.MENTAL_HEALTH


def test_signed_visit_refuses_edits_and_amendment_keeps_original(vault: Vault) -> None:
    _, case_id = _case(vault)
    with records.writing(vault, ACTOR) as s:
        visit = EheVisit(
            case_id=case_id,
            contact_type=ContactType.HOME_VISIT,
            planned_on=date(2026, 10, 1),
            summary="Seen with a portfolio of work.",
            team=Team.EHE,
        )
        s.add(visit)
        s.flush()
        records.sign(visit, ACTOR)
        visit_id = visit.id
    # the service refuses
    with records.writing(vault, ACTOR) as s:
        visit = s.get(EheVisit, visit_id)
        assert visit is not None
        with pytest.raises(SignedRecordError):
            records.update(visit, {"summary": "changed"})
    # the session net refuses a direct attribute change
    with pytest.raises(SignedRecordError), records.writing(vault, ACTOR) as s:
        visit = s.get(EheVisit, visit_id)
        assert visit is not None
        visit.summary = "changed behind the service's back"
    # and a bulk update
    with pytest.raises(SignedRecordError), records.writing(vault, ACTOR) as s:
        s.execute(update(EheVisit).values(summary="bulk"))
    # deletion too
    with pytest.raises(SignedRecordError), records.writing(vault, ACTOR) as s:
        visit = s.get(EheVisit, visit_id)
        s.delete(visit)
    with records.writing(vault, ACTOR) as s:
        visit = s.get(EheVisit, visit_id)
        assert visit is not None
        records.amend(s, visit, "Wrong date of portfolio", {"summary": "Seen; portfolio dated"})
    with vault.read() as s:
        visit = s.scalars(select(EheVisit)).one()
        assert visit.summary == "Seen with a portfolio of work."
        [amendment] = records.amendments_of(s, visit)
        assert json.loads(amendment.changes) == {"summary": "Seen; portfolio dated"}
        assert amendment.amends_kind == "ehe_visit"


def test_server_version_may_change_on_a_signed_record(vault: Vault) -> None:
    _, case_id = _case(vault)
    with records.writing(vault, ACTOR) as s:
        visit = EheVisit(
            case_id=case_id, contact_type="phone", planned_on=date(2026, 10, 1), team=Team.EHE
        )
        s.add(visit)
        records.sign(visit, ACTOR)
        s.flush()
        visit_id, stamp = visit.id, visit.hlc
    with records.writing(vault, ACTOR) as s:
        visit = s.get(EheVisit, visit_id)
        assert visit is not None
        visit.version = 7
    with vault.read() as s:
        visit = s.get(EheVisit, visit_id)
        assert visit is not None and visit.version == 7 and visit.hlc == stamp


def test_naive_instants_are_refused(vault: Vault) -> None:
    _, case_id = _case(vault)
    with pytest.raises(Exception, match="time zone"), records.writing(vault, ACTOR) as s:
        s.add(
            EheVisit(
                case_id=case_id,
                contact_type="phone",
                planned_on=date(2026, 10, 1),
                started_at=datetime(2026, 10, 1, 9, 0),
                team=Team.EHE,
            )
        )


def test_raw_sql_cannot_change_a_signed_row(vault: Vault) -> None:
    _, case_id = _case(vault)
    with records.writing(vault, ACTOR) as s:
        visit = EheVisit(
            case_id=case_id, contact_type="phone", planned_on=date(2026, 10, 1), team=Team.EHE
        )
        s.add(visit)
        records.sign(visit, ACTOR)
        s.flush()
        visit_id = visit.id
    with pytest.raises(Exception, match="signed record"), vault.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE ehe_visit SET summary = 'raw' WHERE id = ?", (visit_id,))
    with vault.engine.begin() as conn:  # the server's version number may still be recorded
        conn.exec_driver_sql("UPDATE ehe_visit SET version = 3 WHERE id = ?", (visit_id,))
        # and unsigned rows of the same table change freely
        conn.exec_driver_sql("UPDATE ehe_case SET source_detail = 'x' WHERE id = ?", (case_id,))


def test_every_signable_table_has_its_trigger(vault: Vault) -> None:
    migration = importlib.import_module("oxfield.vault.migrations.versions.0002_domain")
    signable = {
        m.class_.__tablename__ for m in Base.registry.mappers if issubclass(m.class_, Signable)
    }
    assert set(migration.SIGNABLE_TABLES) == signable
    # every signable kind in the registry is a signable table here
    table_of = {
        m.class_.KIND: m.class_.__tablename__
        for m in Base.registry.mappers
        if issubclass(m.class_, Synced)
    }
    assert {table_of[k.name] for k in KINDS.values() if k.signable} == signable
    with vault.engine.connect() as conn:
        triggers = set(
            conn.exec_driver_sql("SELECT tbl_name FROM sqlite_schema WHERE type = 'trigger'")
            .scalars()
            .all()
        )
    assert signable <= triggers


def test_every_registered_kind_has_a_table() -> None:
    kinds = {m.class_.KIND for m in Base.registry.mappers if issubclass(m.class_, Synced)}
    assert kinds == set(KINDS)

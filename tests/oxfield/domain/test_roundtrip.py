"""One record of every kind is written to a real vault and read back field for field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import inspect

from oxfield.clock import FixedClock
from oxfield.domain import (
    Address,
    Amendment,
    Bopa,
    Chaperone,
    ChaperoneDecision,
    ChaperoneInterview,
    ChaperoneReference,
    Child,
    ChildPerson,
    ContactDetail,
    DailyRecord,
    EheCase,
    EheEvidence,
    EheStatutoryStep,
    EheVisit,
    EmploymentPermit,
    Inspection,
    Licence,
    Note,
    Person,
    RecordAttachment,
    Task,
)
from oxfield.domain.chaperones import BarredListResult, ChaperoneDecisionKind
from oxfield.domain.ehe import DFE_REASON_LABELS, EheReason, StatutoryStep
from oxfield.domain.kinds import Team
from oxfield.domain.people import ContactMethod, Relationship
from oxfield.domain.tasks import TaskType
from oxfield.services.records import Actor, writing
from oxfield.vault.tables import Attachment
from oxfield.vault.vault import Vault

NOW = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night the clocks go forward
BST = timezone(timedelta(hours=1))


def test_every_kind_round_trips(vault: Vault) -> None:
    actor = Actor("officer-9", "dev-9", FixedClock(NOW))
    lic = {"team": Team.LICENSING}
    ehe = {"team": Team.EHE}
    with writing(vault, actor) as s:
        child = Child(
            legal_family_name="Dąbrowski",
            legal_given_names="Zofia",
            date_of_birth=date(2012, 2, 29),
            **ehe,
        )
        parent = Person(family_name="Dąbrowska", given_names="Ewa", **ehe)
        s.add_all([child, parent])
        s.flush()
        chaperone = Chaperone(
            family_name="Example",
            given_names="Chris",
            dbs_certificate_number="001234567890",
            dbs_update_service=True,
            barred_list=BarredListResult.CLEAR,
            approved_until=date(2029, 3, 28),
            id_card_number="OX-CH-0042",
            **lic,
        )
        s.add(chaperone)
        s.add(Attachment(sha256="ab" * 32, size=3, created_at=NOW))
        s.flush()
        case = EheCase(
            reference="EHE-2026-99999",
            child_id=child.id,
            notified_on=date(2026, 3, 27),
            source="school_deregistration",
            primary_reason=EheReason.DISSATISFACTION_SEND,
            **ehe,
        )
        licence = Licence(
            reference="LIC-2026-99999",
            child_id=child.id,
            production="Synthetic Panto",
            chaperone_id=chaperone.id,
            **lic,
        )
        s.add_all([case, licence])
        s.flush()
        visit = EheVisit(
            case_id=case.id,
            contact_type="home_visit",
            planned_on=date(2026, 3, 29),
            started_at=datetime(2026, 3, 29, 10, 15, tzinfo=BST),
            voice_of_child="Enjoys drawing maps.",
            **ehe,
        )
        bopa = Bopa(organisation="Synthetic Youth Theatre", **lic)
        s.add_all([visit, bopa])
        s.flush()
        s.add_all(
            [
                ChildPerson(
                    child_id=child.id,
                    person_id=parent.id,
                    relationship_to_child=Relationship.MOTHER,
                    parental_responsibility=True,
                    **ehe,
                ),
                Address(child_id=child.id, line1="1 Example Close", postcode="OX1 1ZZ", **ehe),
                ContactDetail(
                    person_id=parent.id, method=ContactMethod.EMAIL, value="a@example.org", **ehe
                ),
                EheEvidence(
                    case_id=case.id,
                    visit_id=visit.id,
                    description="Map work",
                    **ehe,
                    attachment_sha256="ab" * 32,
                ),
                EheStatutoryStep(
                    case_id=case.id,
                    step=StatutoryStep.S437_NOTICE,
                    served_on=date(2026, 4, 1),
                    respond_by=date(2026, 4, 16),
                    **ehe,
                ),
                DailyRecord(
                    licence_id=licence.id,
                    day=date(2026, 3, 29),
                    arrived_at=datetime(2026, 3, 29, 9, 0, tzinfo=BST),
                    **lic,
                ),
                Inspection(
                    venue="Synthetic Hall",
                    inspected_on=date(2026, 3, 29),
                    licence_id=licence.id,
                    bopa_id=bopa.id,
                    **lic,
                ),
                ChaperoneReference(chaperone_id=chaperone.id, referee_name="A Referee", **lic),
                ChaperoneInterview(chaperone_id=chaperone.id, held_on=date(2026, 3, 1), **lic),
                ChaperoneDecision(
                    chaperone_id=chaperone.id,
                    decision=ChaperoneDecisionKind.APPROVED,
                    decided_on=date(2026, 3, 2),
                    approved_until=date(2029, 3, 1),
                    **lic,
                ),
                EmploymentPermit(
                    reference="EMP-2026-99999",
                    child_id=child.id,
                    employer="Synthetic Newsagents",
                    **lic,
                ),
                Task(
                    title="Review",
                    task_type=TaskType.NEXT_REVIEW,
                    due_on=date(2026, 6, 1),
                    subject_kind="ehe_case",
                    subject_id=case.id,
                    **ehe,
                ),
                Note(
                    subject_kind="ehe_case",
                    subject_id=case.id,
                    text="Phoned.",
                    written_at=NOW,
                    **ehe,
                ),
                Amendment(amends_kind="ehe_visit", amends_id=visit.id, reason="typo", **ehe),
                RecordAttachment(
                    subject_kind="ehe_visit", subject_id=visit.id, sha256="ab" * 32, **ehe
                ),
            ]
        )
    models = [
        Child,
        Person,
        ChildPerson,
        Address,
        ContactDetail,
        EheCase,
        EheVisit,
        EheEvidence,
        EheStatutoryStep,
        Licence,
        DailyRecord,
        Bopa,
        Inspection,
        Chaperone,
        ChaperoneReference,
        ChaperoneInterview,
        ChaperoneDecision,
        EmploymentPermit,
        Task,
        Note,
        Amendment,
        RecordAttachment,
    ]
    with vault.read() as s:
        for model in models:
            [record] = s.query(model).all()
            assert record.kind == model.KIND and record.version == 0
            assert record.author == "officer-9" and record.device == "dev-9"
            assert record.created_at == NOW and record.hlc
            assert not inspect(record).modified
        visit = s.query(EheVisit).one()
        assert visit.started_at == datetime(2026, 3, 29, 9, 15, tzinfo=UTC)
        assert visit.zone == "Europe/London"
        assert s.query(Child).one().date_of_birth == date(2012, 2, 29)
        assert DFE_REASON_LABELS[s.query(EheCase).one().primary_reason] == (
            "School dissatisfaction SEND"
        )
        assert s.query(Chaperone).one().barred_list is BarredListResult.CLEAR
    assert set(DFE_REASON_LABELS) == set(EheReason)

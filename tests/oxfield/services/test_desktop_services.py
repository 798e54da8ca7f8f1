"""The services behind the desktop: drafts, the officer's profile, today, case details."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from oxfield.clock import FixedClock
from oxfield.domain.ehe import ContactType, EheCase, EheSource, EheStatus, EheVisit
from oxfield.domain.kinds import Team
from oxfield.domain.tasks import Task
from oxfield.errors import ValidationError
from oxfield.services import records
from oxfield.services.case_details import check_field, load_case, save_ehe_case
from oxfield.services.drafts import discard_draft, list_drafts, load_draft, save_draft
from oxfield.services.profile import Profile, load_profile, save_profile
from oxfield.services.today import today_summary
from oxfield.vault.vault import Vault
from tests.conftest import PASSPHRASE

TODAY = date(2026, 12, 3)


def make_case(vault: Vault, review: date | None, status: EheStatus = EheStatus.OPEN) -> str:
    with records.writing(vault, records.Actor("officer-a")) as s:
        child = records.create_child(
            s,
            team=Team.EHE,
            legal_family_name="Ní Bhriain",
            legal_given_names="Aoife",
            date_of_birth=date(2014, 2, 28),
        )
        case = records.open_ehe_case(
            s,
            child,
            notified_on=date(2026, 9, 1),
            source=EheSource.PARENT,
            status=status,
            next_review_on=review,
        )
        s.flush()
        return case.id


def test_profile_round_trip_and_validation(vault: Vault) -> None:
    assert load_profile(vault) is None
    saved = save_profile(vault, Profile("  Jo   Bloggs ", "ehe", "Cherwell"))
    assert saved == Profile("Jo Bloggs", "ehe", "Cherwell")
    assert load_profile(vault) == saved
    with pytest.raises(ValidationError) as bad:
        save_profile(vault, Profile("", "ehe", "Cherwell"))
    assert bad.value.field == "officer_name"
    with pytest.raises(ValidationError) as bad:
        save_profile(vault, Profile("Jo", "ehe", "Narnia"))
    assert bad.value.field == "district"
    assert load_profile(vault) == saved  # nothing lost by the refusals


def test_drafts_replace_list_discard_and_survive_a_relock(vault: Vault) -> None:
    clock = FixedClock(datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
    first = save_draft(vault, "ehe_case", "case-1", {"upn": "A1"}, clock)
    clock.advance(timedelta(minutes=5))
    second = save_draft(vault, "ehe_case", "case-1", {"upn": "A12", "note": "Zoë’s"}, clock)
    save_draft(vault, "ehe_case", None, {"legal_family_name": "O'Brien"}, clock)
    assert second.id == first.id  # replaced, not duplicated
    assert load_draft(vault, "ehe_case", "case-1").fields == {"upn": "A12", "note": "Zoë’s"}
    assert load_draft(vault, "ehe_case", None).fields == {"legal_family_name": "O'Brien"}
    assert load_draft(vault, "ehe_case", "case-2") is None
    assert len(list_drafts(vault)) == 2
    path = vault.files.database
    vault.lock()
    reopened = Vault.unlock(path, PASSPHRASE)
    try:
        assert load_draft(reopened, "ehe_case", "case-1").fields["upn"] == "A12"
        assert discard_draft(reopened, "ehe_case", "case-1")
        assert not discard_draft(reopened, "ehe_case", "case-1")
        assert [d.subject_id for d in list_drafts(reopened)] == [None]
    finally:
        reopened.lock()


def test_today_lists_due_and_overdue_work(vault: Vault) -> None:
    assert today_summary(vault, TODAY).empty
    late = make_case(vault, TODAY - timedelta(days=3))
    soon = make_case(vault, TODAY + timedelta(days=2))
    make_case(vault, TODAY - timedelta(days=30), EheStatus.CLOSED)  # closed: never overdue
    make_case(vault, TODAY + timedelta(days=60))  # beyond the week
    with records.writing(vault, records.Actor("officer-a")) as s:
        s.add(
            EheVisit(
                case_id=soon, contact_type=ContactType.HOME_VISIT, planned_on=TODAY, team=Team.EHE
            )
        )
        s.add(Task(title="Annual DBS re-check", due_on=TODAY + timedelta(days=1), team=Team.EHE))
    summary = today_summary(vault, TODAY)
    assert [i.case_id for i in summary.overdue_reviews] == [late]
    assert summary.overdue_count == 1
    assert [i.case_id for i in summary.reviews_due] == [soon]
    assert len(summary.visits) == 1 and "Aoife Ní Bhriain" in summary.visits[0].title
    assert [i.title for i in summary.reminders] == ["Annual DBS re-check"]


def test_case_details_check_as_typed_and_save(vault: Vault) -> None:
    case_id = make_case(vault, None)
    details = load_case(vault, case_id)
    assert details.display_name == "Aoife Ní Bhriain" and details.editable
    assert check_field("date_of_birth", "31/02/2014", TODAY) is not None
    assert (
        check_field("date_of_birth", "01/01/2030", TODAY)
        == "Date of birth cannot be in the future."
    )
    assert check_field("date_of_birth", "28/02/2014", TODAY) is None
    assert check_field("upn", "a12", TODAY).startswith("UPN must be 13")
    assert check_field("legal_family_name", "  ", TODAY) == "Family name is required."
    fields = details.form_fields() | {
        "preferred_name": "Eva",
        "upn": "a123456789012",
        "next_review_on": "2027-01-15",
    }
    saved = save_ehe_case(vault, case_id, fields, "officer-b", FixedClock())
    assert saved.display_name == "Eva Ní Bhriain"
    assert saved.upn == "A123456789012" and saved.next_review == date(2027, 1, 15)
    with vault.read() as s:
        assert s.scalar(select(EheCase.author).where(EheCase.id == case_id)) == "officer-b"
    with pytest.raises(ValidationError) as bad:
        save_ehe_case(vault, case_id, fields | {"date_of_birth": "yesterday"}, "officer-b")
    assert bad.value.field == "date_of_birth"
    assert load_case(vault, case_id).display_name == "Eva Ní Bhriain"  # nothing half-saved
    with pytest.raises(ValidationError):
        load_case(vault, "no-such-case")

"""The licensing documents read back with pypdf: a chaperone from application to approval to the
ID card with its photo, the approval and refusal letters, the licence and the permit; and an
expired approval, a refusal or an unissued permit refused with a clear message."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest
from PIL import Image as PILImage

from oxfield.clock import FixedClock
from oxfield.domain.employment import EmploymentPermit
from oxfield.domain.kinds import Team
from oxfield.errors import ValidationError
from oxfield.services import chaperones as ch
from oxfield.services.chaperones_documents import (
    approval_letter_pdf,
    card_pdf,
    refusal_letter_pdf,
    set_photo,
)
from oxfield.services.employment import PermitApplication, issue_permit, record_permit_application
from oxfield.services.employment_documents import permit_pdf
from oxfield.services.licensing_documents import licence_pdf
from oxfield.services.records import Actor, create_child, sign, writing
from oxfield.vault.vault import Vault
from tests.oxfield.reports.helpers import body_text, watching_disk_writes
from tests.oxfield.services.licensing_helpers import interview, licensed_child, ready_applicant

ACTOR = Actor("officer-1", clock=FixedClock())


def photo() -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (300, 400), (90, 140, 60)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def approved(vault: Vault) -> str:
    with writing(vault, ACTOR) as s:
        applicant = ready_applicant(s, "Ngozi", "O'Connor-Adebayo")
        set_photo(s, applicant, photo(), "image/jpeg")
        interview(s, applicant, ACTOR)
        decision = ch.decide(
            s,
            applicant,
            outcome=ch.Outcome.APPROVE_WITH_RESTRICTIONS,
            decided_on=date(2026, 4, 1),
            actor=ACTOR,
            reasons="Children aged 8 & over only",
        )
        return decision.id


def test_card_has_the_photo_name_number_and_expiry(vault: Vault, approved: str) -> None:
    with vault.read() as s, watching_disk_writes() as writes:
        pdf = card_pdf(s, approved, date(2026, 4, 2))
    assert writes == []
    text = body_text(pdf)
    assert "Ngozi O'Connor-Adebayo" in text
    assert "Card CH-2026-00001" in text
    assert "Valid until 1 April 2029" in text
    assert "Restrictions: Children aged 8 & over only" in text
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert [(i.image.width, i.image.height) for i in page.images if i.image] == [(300, 400)]


def test_no_card_for_an_expired_approval(vault: Vault, approved: str) -> None:
    with vault.read() as s, pytest.raises(ValidationError, match="approval expired on 2029-04-01"):
        card_pdf(s, approved, date(2029, 4, 2))


def test_approval_letter(vault: Vault, approved: str) -> None:
    with vault.read() as s:
        text = body_text(approval_letter_pdf(s, approved))
    assert "Dear Ngozi O'Connor-Adebayo," in text
    assert "Approved until 1 April 2029" in text
    assert "ID card number CH-2026-00001" in text
    assert "within 7 days" in text
    with vault.read() as s, pytest.raises(ValidationError, match="not a refusal"):
        refusal_letter_pdf(s, approved)


def test_refusal_letter_gives_the_reasons(vault: Vault) -> None:
    with writing(vault, ACTOR) as s:
        applicant = ready_applicant(s)
        decision = ch.decide(
            s,
            applicant,
            outcome=ch.Outcome.REFUSE,
            decided_on=date(2026, 4, 1),
            actor=ACTOR,
            reasons="References did not show experience with children <under 16>.",
        )
        text = body_text(refusal_letter_pdf(s, decision.id))
        with pytest.raises(ValidationError, match="not an approval"):
            card_pdf(s, decision.id, date(2026, 4, 2))
    assert "References did not show experience with children <under 16>." in text
    assert "not able to approve you" in text


def test_photo_that_is_not_a_picture_is_refused(vault: Vault) -> None:
    with writing(vault, ACTOR) as s:
        applicant = ready_applicant(s)
        with pytest.raises(ValidationError) as err:
            set_photo(s, applicant, b"not a photo", "image/jpeg")
    assert err.value.field == "photo"


def test_licence_document(vault: Vault) -> None:
    with writing(vault, ACTOR) as s:
        licence = licensed_child(
            s, "Zara", "Al-Masri", date(2015, 2, 2), dates=(date(2026, 12, 1), date(2026, 12, 2))
        )
        sign(licence, ACTOR)
        text = body_text(licence_pdf(s, licence.id))
    assert "Child performance licence" in text
    assert "Zara Al-Masri" in text and "2 February 2015" in text
    assert "1 December 2026, 2 December 2026" in text
    assert "Northgate Theatre, Oxford" in text
    assert "Tutor on school days, 3 hours a day" in text


def test_permit_document_and_unissued_permit(vault: Vault) -> None:
    with writing(vault, ACTOR) as s:
        child = create_child(
            s,
            team=Team.LICENSING,
            legal_family_name="Kowalski",
            legal_given_names="Adam",
            date_of_birth=date(2012, 1, 5),
        )
        permit = record_permit_application(
            s,
            child,
            PermitApplication(
                employer="Summertown Newsagents",
                job="newspaper delivery",
                received_on=date(2026, 8, 20),
                starts_on=date(2026, 9, 7),
                term_week={"sat": [("07:00", "09:00")], "sun": [("08:00", "10:00")]},
                attendance_percent=96.0,
            ),
        )
        with pytest.raises(ValidationError, match="only an issued permit"):
            permit_pdf(s, permit.id)
        issue_permit(permit, ACTOR, date(2026, 9, 1))
        text = body_text(permit_pdf(s, s.get_one(EmploymentPermit, permit.id).id))
    assert "Child employment permit" in text
    assert "Adam Kowalski" in text and "Summertown Newsagents" in text
    assert "Saturday 07:00 to 09:00" in text and "Sunday 08:00 to 10:00" in text
    assert "Review by 1 September 2027" in text

"""The domain records: people, schools, EHE, licensing, chaperones, employment, tasks, notes.

Written out in full (not generated at unlock) so that the schema a vault gets never depends on
the models of the release that opens it; ``tests/oxfield/domain/test_migration.py`` checks that
this and ``Base.metadata`` agree. Every synced table shares the sync metadata columns and their
indexes (``_synced``); signable ones add the signature columns (``_signed``) and a trigger that
refuses any change to a signed row except the server's version number.

Revision ID: 0002_domain
Revises: 0001_vault_core
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_domain"
down_revision = "0001_vault_core"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("device", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("team", sa.String(length=16), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=True),
        sa.Column("assigned_officer", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
    ]


def _signed() -> list[sa.Column[object]]:
    return [
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("signed_by", sa.String(length=64), nullable=True),
        sa.Column("signed_zone", sa.String(length=64), nullable=True),
    ]


def _synced_indexes(batch_op: object, table: str) -> None:
    for column in ("assigned_officer", "hlc", "team"):
        batch_op.create_index(f"ix_{table}_{column}", [column], unique=False)  # type: ignore[attr-defined]


#: Tables whose rows are statements that become immutable once signed.
SIGNABLE_TABLES = (
    "amendment",
    "bopa",
    "chaperone_decision",
    "chaperone_interview",
    "ehe_statutory_step",
    "ehe_visit",
    "employment_permit",
    "inspection",
    "licence",
)


def _refuse_changes_once_signed(table: str) -> None:
    """A trigger under the ORM's check: raw SQL cannot change a signed row either.

    Only ``version`` (the server's number) may change. A later migration that rebuilds one of
    these tables (batch mode) must create the trigger again, with the new column list.
    """
    columns = [
        row[1]
        for row in op.get_bind().exec_driver_sql(f'PRAGMA table_info("{table}")')
        if row[1] != "version"
    ]
    changed = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in columns)
    op.execute(
        f'CREATE TRIGGER "trg_{table}_signed" BEFORE UPDATE ON "{table}" '
        f"WHEN OLD.signed_at IS NOT NULL AND ({changed}) "
        "BEGIN SELECT RAISE(ABORT, 'signed record: corrections are amendments'); END"
    )


def upgrade() -> None:
    op.create_table(
        "amendment",
        sa.Column("amends_kind", sa.String(length=40), nullable=False),
        sa.Column("amends_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        *_signed(),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amendment")),
    )
    with op.batch_alter_table("amendment", schema=None) as batch_op:
        _synced_indexes(batch_op, "amendment")
        batch_op.create_index(batch_op.f("ix_amendment_amends_id"), ["amends_id"], unique=False)

    op.create_table(
        "bopa",
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("production", sa.String(length=200), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("conditions", sa.Text(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        *_signed(),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bopa")),
    )
    with op.batch_alter_table("bopa", schema=None) as batch_op:
        _synced_indexes(batch_op, "bopa")

    op.create_table(
        "chaperone",
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("given_names", sa.String(length=150), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("search_key", sa.String(length=300), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("dbs_certificate_number", sa.String(length=12), nullable=True),
        sa.Column("dbs_issued_on", sa.Date(), nullable=True),
        sa.Column("dbs_update_service", sa.Boolean(), nullable=False),
        sa.Column("dbs_last_checked_on", sa.Date(), nullable=True),
        sa.Column("barred_list", sa.String(length=16), nullable=False),
        sa.Column("id_seen", sa.String(length=200), nullable=True),
        sa.Column("id_seen_on", sa.Date(), nullable=True),
        sa.Column("training_completed_on", sa.Date(), nullable=True),
        sa.Column("approved_until", sa.Date(), nullable=True),
        sa.Column("id_card_number", sa.String(length=20), nullable=True),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chaperone")),
    )
    with op.batch_alter_table("chaperone", schema=None) as batch_op:
        _synced_indexes(batch_op, "chaperone")
        batch_op.create_index(
            batch_op.f("ix_chaperone_approved_until"), ["approved_until"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_chaperone_search_key"), ["search_key"], unique=False)

    op.create_table(
        "child",
        sa.Column("legal_family_name", sa.String(length=100), nullable=False),
        sa.Column("legal_given_names", sa.String(length=150), nullable=False),
        sa.Column("preferred_name", sa.String(length=150), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=False),
        sa.Column("upn", sa.String(length=13), nullable=True),
        sa.Column("sen_status", sa.String(length=16), nullable=False),
        sa.Column("school_urn", sa.Integer(), nullable=True),
        sa.Column("search_key", sa.String(length=600), nullable=False),
        sa.Column("sort_key", sa.String(length=300), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child")),
    )
    with op.batch_alter_table("child", schema=None) as batch_op:
        _synced_indexes(batch_op, "child")
        batch_op.create_index(batch_op.f("ix_child_date_of_birth"), ["date_of_birth"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_search_key"), ["search_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_sort_key"), ["sort_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_upn"), ["upn"], unique=False)

    op.create_table(
        "note",
        sa.Column("subject_kind", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    with op.batch_alter_table("note", schema=None) as batch_op:
        _synced_indexes(batch_op, "note")
        batch_op.create_index(batch_op.f("ix_note_subject_id"), ["subject_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("title", sa.String(length=20), nullable=True),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("given_names", sa.String(length=150), nullable=False),
        sa.Column("search_key", sa.String(length=300), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        _synced_indexes(batch_op, "person")
        batch_op.create_index(batch_op.f("ix_person_search_key"), ["search_key"], unique=False)

    op.create_table(
        "school",
        sa.Column("urn", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("laestab", sa.String(length=7), nullable=True),
        sa.Column("la_code", sa.String(length=3), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("type_of_establishment", sa.String(length=100), nullable=True),
        sa.Column("phase", sa.String(length=60), nullable=True),
        sa.Column("town", sa.String(length=100), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.Column("open_date", sa.Date(), nullable=True),
        sa.Column("close_date", sa.Date(), nullable=True),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("search_key", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("urn", name=op.f("pk_school")),
    )
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_laestab"), ["laestab"], unique=False)
        batch_op.create_index(batch_op.f("ix_school_search_key"), ["search_key"], unique=False)

    op.create_table(
        "task",
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("task_type", sa.String(length=24), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("subject_kind", sa.String(length=40), nullable=True),
        sa.Column("subject_id", sa.String(length=36), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task")),
    )
    with op.batch_alter_table("task", schema=None) as batch_op:
        _synced_indexes(batch_op, "task")
        batch_op.create_index(batch_op.f("ix_task_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_task_subject_id"), ["subject_id"], unique=False)

    op.create_table(
        "address",
        sa.Column("child_id", sa.String(length=36), nullable=True),
        sa.Column("person_id", sa.String(length=36), nullable=True),
        sa.Column("line1", sa.String(length=200), nullable=False),
        sa.Column("line2", sa.String(length=200), nullable=True),
        sa.Column("town", sa.String(length=100), nullable=True),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("uprn", sa.String(length=12), nullable=True),
        sa.Column("moved_in_on", sa.Date(), nullable=True),
        sa.Column("moved_out_on", sa.Date(), nullable=True),
        sa.Column("is_main", sa.Boolean(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_address_child_id_child")),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_address_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_address")),
    )
    with op.batch_alter_table("address", schema=None) as batch_op:
        _synced_indexes(batch_op, "address")
        batch_op.create_index(batch_op.f("ix_address_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_address_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_address_postcode"), ["postcode"], unique=False)

    op.create_table(
        "chaperone_decision",
        sa.Column("chaperone_id", sa.String(length=36), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("approved_until", sa.Date(), nullable=True),
        sa.Column("id_card_number", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        *_signed(),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["chaperone_id"],
            ["chaperone.id"],
            name=op.f("fk_chaperone_decision_chaperone_id_chaperone"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chaperone_decision")),
    )
    with op.batch_alter_table("chaperone_decision", schema=None) as batch_op:
        _synced_indexes(batch_op, "chaperone_decision")
        batch_op.create_index(
            batch_op.f("ix_chaperone_decision_chaperone_id"), ["chaperone_id"], unique=False
        )

    op.create_table(
        "chaperone_interview",
        sa.Column("chaperone_id", sa.String(length=36), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("interviewer", sa.String(length=64), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("recommendation", sa.String(length=200), nullable=True),
        *_signed(),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["chaperone_id"],
            ["chaperone.id"],
            name=op.f("fk_chaperone_interview_chaperone_id_chaperone"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chaperone_interview")),
    )
    with op.batch_alter_table("chaperone_interview", schema=None) as batch_op:
        _synced_indexes(batch_op, "chaperone_interview")
        batch_op.create_index(
            batch_op.f("ix_chaperone_interview_chaperone_id"), ["chaperone_id"], unique=False
        )

    op.create_table(
        "chaperone_reference",
        sa.Column("chaperone_id", sa.String(length=36), nullable=False),
        sa.Column("referee_name", sa.String(length=200), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("satisfactory", sa.Boolean(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["chaperone_id"],
            ["chaperone.id"],
            name=op.f("fk_chaperone_reference_chaperone_id_chaperone"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chaperone_reference")),
    )
    with op.batch_alter_table("chaperone_reference", schema=None) as batch_op:
        _synced_indexes(batch_op, "chaperone_reference")
        batch_op.create_index(
            batch_op.f("ix_chaperone_reference_chaperone_id"), ["chaperone_id"], unique=False
        )

    op.create_table(
        "child_person",
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("relationship_to_child", sa.String(length=24), nullable=False),
        sa.Column("parental_responsibility", sa.Boolean(), nullable=False),
        sa.Column("lives_with_child", sa.Boolean(), nullable=False),
        sa.Column("provides_education", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_child_person_child_id_child")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_child_person_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child_person")),
    )
    with op.batch_alter_table("child_person", schema=None) as batch_op:
        _synced_indexes(batch_op, "child_person")
        batch_op.create_index(batch_op.f("ix_child_person_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_person_person_id"), ["person_id"], unique=False)

    op.create_table(
        "contact_detail",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("preferred", sa.Boolean(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_contact_detail_person_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_detail")),
    )
    with op.batch_alter_table("contact_detail", schema=None) as batch_op:
        _synced_indexes(batch_op, "contact_detail")
        batch_op.create_index(
            batch_op.f("ix_contact_detail_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "ehe_case",
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("notified_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("source_detail", sa.Text(), nullable=True),
        sa.Column("deregistered_on", sa.Date(), nullable=True),
        sa.Column("school_left_urn", sa.Integer(), nullable=True),
        sa.Column("primary_reason", sa.String(length=32), nullable=False),
        sa.Column("other_reasons", sa.String(length=400), nullable=False),
        sa.Column("school_suggested_ehe", sa.Boolean(), nullable=False),
        sa.Column("special_school_consent_required", sa.Boolean(), nullable=False),
        sa.Column("ehcp_names_eotas", sa.Boolean(), nullable=False),
        sa.Column("safeguarding_concern", sa.Boolean(), nullable=False),
        sa.Column("safeguarding_detail", sa.Text(), nullable=True),
        sa.Column("written_contact_only", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("suitability", sa.String(length=24), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_ehe_case_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ehe_case")),
        sa.UniqueConstraint("reference", name=op.f("uq_ehe_case_reference")),
    )
    with op.batch_alter_table("ehe_case", schema=None) as batch_op:
        _synced_indexes(batch_op, "ehe_case")
        batch_op.create_index(batch_op.f("ix_ehe_case_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_ehe_case_next_review_on"), ["next_review_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_ehe_case_school_left_urn"), ["school_left_urn"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_ehe_case_status"), ["status"], unique=False)

    op.create_table(
        "employment_permit",
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("employer_address", sa.Text(), nullable=True),
        sa.Column("job", sa.String(length=200), nullable=False),
        sa.Column("weekly_pattern", sa.Text(), nullable=False),
        sa.Column("school_attendance_statement", sa.Text(), nullable=True),
        sa.Column("school_statement_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        *_signed(),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["child_id"], ["child.id"], name=op.f("fk_employment_permit_child_id_child")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employment_permit")),
        sa.UniqueConstraint("reference", name=op.f("uq_employment_permit_reference")),
    )
    with op.batch_alter_table("employment_permit", schema=None) as batch_op:
        _synced_indexes(batch_op, "employment_permit")
        batch_op.create_index(
            batch_op.f("ix_employment_permit_child_id"), ["child_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_employment_permit_next_review_on"), ["next_review_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_employment_permit_status"), ["status"], unique=False)

    op.create_table(
        "licence",
        sa.Column("reference", sa.String(length=24), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("production", sa.String(length=200), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("applicant_contact", sa.String(length=200), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("venues", sa.Text(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("performance_days", sa.Integer(), nullable=True),
        sa.Column("education_arrangements", sa.Text(), nullable=True),
        sa.Column("chaperone_id", sa.String(length=36), nullable=True),
        sa.Column("tutor_name", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("next_review_on", sa.Date(), nullable=True),
        *_signed(),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["chaperone_id"], ["chaperone.id"], name=op.f("fk_licence_chaperone_id_chaperone")
        ),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"], name=op.f("fk_licence_child_id_child")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_licence")),
        sa.UniqueConstraint("reference", name=op.f("uq_licence_reference")),
    )
    with op.batch_alter_table("licence", schema=None) as batch_op:
        _synced_indexes(batch_op, "licence")
        batch_op.create_index(batch_op.f("ix_licence_chaperone_id"), ["chaperone_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_licence_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_licence_next_review_on"), ["next_review_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_licence_status"), ["status"], unique=False)

    op.create_table(
        "record_attachment",
        sa.Column("subject_kind", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("caption", sa.String(length=200), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["sha256"], ["attachment.sha256"], name=op.f("fk_record_attachment_sha256_attachment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_attachment")),
    )
    with op.batch_alter_table("record_attachment", schema=None) as batch_op:
        _synced_indexes(batch_op, "record_attachment")
        batch_op.create_index(
            batch_op.f("ix_record_attachment_subject_id"), ["subject_id"], unique=False
        )

    op.create_table(
        "daily_record",
        sa.Column("licence_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=True),
        sa.Column("departed_at", sa.DateTime(), nullable=True),
        sa.Column("performing", sa.Text(), nullable=False),
        sa.Column("breaks", sa.Text(), nullable=False),
        sa.Column("meals", sa.Text(), nullable=True),
        sa.Column("education_minutes", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["licence_id"], ["licence.id"], name=op.f("fk_daily_record_licence_id_licence")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_record")),
    )
    with op.batch_alter_table("daily_record", schema=None) as batch_op:
        _synced_indexes(batch_op, "daily_record")
        batch_op.create_index(
            batch_op.f("ix_daily_record_licence_id"), ["licence_id"], unique=False
        )

    op.create_table(
        "ehe_statutory_step",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("step", sa.String(length=24), nullable=False),
        sa.Column("served_on", sa.Date(), nullable=True),
        sa.Column("respond_by", sa.Date(), nullable=True),
        sa.Column("school_urn", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_signed(),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["ehe_case.id"], name=op.f("fk_ehe_statutory_step_case_id_ehe_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ehe_statutory_step")),
    )
    with op.batch_alter_table("ehe_statutory_step", schema=None) as batch_op:
        _synced_indexes(batch_op, "ehe_statutory_step")
        batch_op.create_index(
            batch_op.f("ix_ehe_statutory_step_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "ehe_visit",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("contact_type", sa.String(length=24), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("first_contact", sa.Boolean(), nullable=False),
        sa.Column("persons_present", sa.Text(), nullable=True),
        sa.Column("child_seen", sa.Boolean(), nullable=False),
        sa.Column("voice_of_child", sa.Text(), nullable=True),
        sa.Column("provision_by_others", sa.Text(), nullable=True),
        sa.Column("efficient", sa.Boolean(), nullable=True),
        sa.Column("full_time", sa.Boolean(), nullable=True),
        sa.Column("suitable_to_age_ability_aptitude_sen", sa.Boolean(), nullable=True),
        sa.Column("judgement", sa.String(length=24), nullable=False),
        sa.Column("safeguarding_concern", sa.Boolean(), nullable=False),
        sa.Column("referral_made", sa.String(length=200), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("next_contact_on", sa.Date(), nullable=True),
        *_signed(),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["ehe_case.id"], name=op.f("fk_ehe_visit_case_id_ehe_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ehe_visit")),
    )
    with op.batch_alter_table("ehe_visit", schema=None) as batch_op:
        _synced_indexes(batch_op, "ehe_visit")
        batch_op.create_index(batch_op.f("ix_ehe_visit_case_id"), ["case_id"], unique=False)

    op.create_table(
        "inspection",
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("inspected_on", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("licence_id", sa.String(length=36), nullable=True),
        sa.Column("bopa_id", sa.String(length=36), nullable=True),
        sa.Column("findings", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=200), nullable=True),
        *_signed(),
        *_synced(),
        sa.ForeignKeyConstraint(["bopa_id"], ["bopa.id"], name=op.f("fk_inspection_bopa_id_bopa")),
        sa.ForeignKeyConstraint(
            ["licence_id"], ["licence.id"], name=op.f("fk_inspection_licence_id_licence")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection")),
    )
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        _synced_indexes(batch_op, "inspection")
        batch_op.create_index(batch_op.f("ix_inspection_bopa_id"), ["bopa_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_inspection_licence_id"), ["licence_id"], unique=False)

    op.create_table(
        "ehe_evidence",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("attachment_sha256", sa.String(length=64), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["attachment_sha256"],
            ["attachment.sha256"],
            name=op.f("fk_ehe_evidence_attachment_sha256_attachment"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["ehe_case.id"], name=op.f("fk_ehe_evidence_case_id_ehe_case")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["ehe_visit.id"], name=op.f("fk_ehe_evidence_visit_id_ehe_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ehe_evidence")),
    )
    with op.batch_alter_table("ehe_evidence", schema=None) as batch_op:
        _synced_indexes(batch_op, "ehe_evidence")
        batch_op.create_index(batch_op.f("ix_ehe_evidence_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ehe_evidence_visit_id"), ["visit_id"], unique=False)

    for table in SIGNABLE_TABLES:
        _refuse_changes_once_signed(table)


def downgrade() -> None:
    raise NotImplementedError("vault migrations only go forward; restore the backup instead")

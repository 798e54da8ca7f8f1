"""One sync run: files up, changes up in batches, server changes down page by page, files down.

Every step commits as it goes, so an interrupted run (network lost, lid closed, process
killed) resumes where it stopped: outbox rows leave only when the server's answer to them has
been applied; a re-sent row gets the server's first answer back (at most once, by device and
sequence number); the pull cursor moves in the same transaction as the page it covers. A run
reports success only when every step finished.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError as PydanticError
from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain import guard
from oxfield.errors import CancelledError
from oxfield.progress import NullProgress, Progress, check_cancel
from oxfield.replica import rewind as oxrewind
from oxfield.replica import store
from oxfield.replica.tables import OutboxRow
from oxfield.services import sync_status
from oxfield.vault.vault import Vault
from sync.client import files, identity, names, references, rewind
from sync.client.abort import AbortSwitch
from sync.client.errors import RevokedError, SyncError
from sync.client.reconcile import Tally, apply_page, apply_results, retry_parked
from sync.client.transport import Transport, make_client
from sync.client.wipe import wipe
from sync.protocol import (
    Change,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    Scope,
    cursor_rewound,
)
from sync.signing import MAX_SKEW_SECONDS

PUSH_BATCH = 200
PULL_LIMIT = 500
LAST_SUCCESS = "sync.last_success"


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    purged: int = 0
    uploaded: int = 0
    downloaded: int = 0
    files_waiting: int = 0
    requests: int = 0
    finished: bool = False
    message: str = ""
    rejections: list[str] = field(default_factory=list)
    clock_note: str = ""
    rollback_suspected: bool = False
    #: this laptop's cases renumbered because another laptop had used the number first
    renumbered: list[str] = field(default_factory=list)
    #: the server was restored from an older backup: what this laptop did about it
    server_restored: str = ""


@dataclass
class Options:
    timeout: float = 30.0
    attempts: int = 5
    max_wait: float = 8.0
    push_batch: int = PUSH_BATCH
    pull_limit: int = PULL_LIMIT


def _change(row: OutboxRow, ident: identity.Identity) -> Change:
    return Change(
        seq=row.seq,
        record_id=row.record_id,
        kind=row.kind,
        base_version=row.base_version,
        hlc=row.hlc,
        fields=json.loads(row.fields),
        deleted=row.deleted,
        scope=Scope.model_validate(
            {
                "team": row.team,
                "district": row.district or ident.district,
                "assigned_officer": row.assigned_officer,
            }
        ),
        resolves=json.loads(row.resolves),
    )


class SyncRun:
    """Sync ``vault`` with the server it is enrolled with."""

    def __init__(
        self,
        vault: Vault,
        *,
        clock: Clock | None = None,
        progress: Progress | None = None,
        options: Options | None = None,
    ) -> None:
        self.vault = vault
        self.clock = clock or Clock()
        self.progress: Progress = progress or NullProgress()
        self.options = options or Options()
        self.ident = identity.load(vault)
        self.tally = Tally()
        self.files = files.FileTally()
        switch = AbortSwitch()
        self.transport = Transport(
            make_client(self.ident.server_url, self.ident.ca_cert, self.options.timeout, switch),
            self.ident.device_id,
            self.ident.key(),
            attempts=self.options.attempts,
            max_wait=self.options.max_wait,
            clock=self.clock,
            switch=switch,
        )
        self.server_time: datetime | None = None
        #: the server saw this vault's generation counter go backwards (a restored copy)
        self.rollback = False

    def abort(self) -> None:
        """From any thread (the desktop's lock): the request in flight fails now and the run
        ends cancelled; unanswered changes stay in the outbox for the next run."""
        self.transport.abort()

    def run(self) -> SyncReport:
        report = SyncReport()
        try:
            self._settle_purges()
            sync_status.queue_unsent(self.vault, clock=self.clock)  # once per vault
            files.upload_all(self.vault, self.transport, self.progress, self.files)
            self.push()
            self.pull()
            resent = rewind.heal(
                self.vault, self.transport, self.ident.device_id, self.clock, self.tally
            )
            if resent is not None:  # the server was restored: send again what it lost
                report.server_restored = rewind.sentence(resent)
                self.push()
            names.fetch(self.vault, self.transport, self.tally.conflict_ids, self.clock.now())
            self._give_way(report)
            files.download_all(self.vault, self.transport, self.progress, self.files)
            self._settle_purges()
            report.finished = True
            with self.vault.write() as s:
                store.set_meta(s, LAST_SUCCESS, self.clock.now().isoformat())
        except RevokedError as exc:
            self.transport.close()
            wipe(self.vault)
            report.message = str(exc)
        except (SyncError, CancelledError) as exc:
            report.message = str(exc)
        finally:
            self.transport.close()
        t = self.tally
        report.pushed, report.pulled, report.merged = t.pushed, t.pulled, t.merged
        report.conflicts, report.rejected, report.purged = t.conflicts, t.rejected, t.purged
        report.rejections = t.reasons
        report.uploaded, report.downloaded = self.files.uploaded, self.files.downloaded
        report.files_waiting = self.files.waiting
        report.requests = self.transport.requests
        report.clock_note = self._clock_note()
        report.rollback_suspected = self.rollback
        self._audit(report)
        return report

    def _audit(self, report: SyncReport) -> None:
        """Every sync is an audit row (DESIGN.md section 3): counts only, nothing personal."""
        if self.vault.locked:  # wiped after a revocation: nothing left to write to
            return
        self.vault.audit(
            "sync.run",
            detail={
                "finished": report.finished,
                "pushed": report.pushed,
                "pulled": report.pulled,
                "conflicts": report.conflicts,
                "rejected": report.rejected,
                "purged": report.purged,
            },
        )

    # --- steps ----------------------------------------------------------------------------

    def push(self) -> None:
        with self.vault.read() as s:
            total = store.pending_count(s)
        done = 0
        while True:
            check_cancel(self.progress)
            with self.vault.write() as s:
                rows = store.pending(s, self.options.push_batch)
                if not rows:
                    return
                rows, changes = self._sendable(s, rows)
                store.mark_sent(s, [r.seq for r in rows])
                by_seq = {r.seq: r for r in rows}
                for r in rows:
                    s.expunge(r)
            if not changes:
                continue
            request = PushRequest(vault_generation=self.vault.generation, changes=changes)
            answer: PushResponse = self.transport.call("/v1/push", request, PushResponse)
            self.server_time = answer.server_time
            self.rollback |= answer.rollback_detected
            with self._remote() as s:
                apply_results(
                    s, by_seq, answer.results, self.ident.device_id, self.ident.officer_id,
                    self.clock.now(), self.tally,
                )  # fmt: skip
            done += len(rows)
            self.progress.report(done, max(total, done), "Sending changes")

    def _sendable(
        self, session: Session, rows: list[OutboxRow]
    ) -> tuple[list[OutboxRow], list[Change]]:
        """The rows that make valid changes; any other is set aside as rejected, with a
        reason naming the field (never its value), so one bad record cannot stop the push."""
        kept: list[OutboxRow] = []
        changes: list[Change] = []
        for row in rows:
            try:
                changes.append(_change(row, self.ident))
            except PydanticError as exc:
                where = ".".join(str(part) for part in exc.errors()[0]["loc"]) or None
                reason = "this laptop's copy is not valid to send"
                store.reject(session, row, reason, where, self.clock.now())
                self.tally.rejected += 1
                self.tally.reasons.append(f"{row.kind}: {reason} ({where})")
                continue
            kept.append(row)
        return kept, changes

    def pull(self) -> None:
        with self.vault.read() as s:
            cursor = store.cursor(s)
        while True:
            check_cancel(self.progress)
            request = PullRequest(
                cursor=cursor, limit=self.options.pull_limit, vault_generation=self.vault.generation
            )
            page: PullResponse = self.transport.call("/v1/pull", request, PullResponse)
            self.server_time = page.server_time
            self.rollback |= page.rollback_detected
            with self._remote() as s:
                if cursor_rewound(page.cursor):
                    oxrewind.flag(s)
                apply_page(
                    s, list(page.records), list(page.purges), list(page.conflicts),
                    self.ident.device_id, self.clock, self.tally,
                )  # fmt: skip
                store.set_meta(s, store.CURSOR, str(page.cursor))
            cursor = page.cursor
            self.progress.report(self.tally.pulled, self.tally.pulled, "Receiving changes")
            if not page.has_more:
                return

    def _give_way(self, report: SyncReport) -> None:
        """Cases that clash with another laptop's number: renumber ours when it is ours to
        give way, store theirs, and send the new number at once."""
        done = references.give_way(
            self.vault, self.ident.device_id, self.ident.officer_id, self.clock
        )
        if not done:
            return
        report.renumbered.extend(r.sentence() for r in done)
        with self._remote() as s:
            retry_parked(s, self.ident.device_id)
        self.push()

    def _settle_purges(self) -> None:
        with self._remote() as s:
            for rid in store.purges(s):
                if store.purge(s, rid):
                    self.tally.purged += 1
            retry_parked(s, self.ident.device_id)

    def _remote(self) -> _RemoteSession:
        return _RemoteSession(self.vault)

    def _clock_note(self) -> str:
        if self.server_time is None:
            return ""
        skew = self.clock.now() - self.server_time.astimezone(UTC)
        if abs(skew) > timedelta(seconds=MAX_SKEW_SECONDS / 5):
            from sync.client.errors import describe_skew

            return describe_skew(skew)
        return ""


class _RemoteSession:
    """A vault write session that applies the server's copies (no outbox rows, no stamps)."""

    def __init__(self, vault: Vault) -> None:
        self._cm = vault.write()

    def __enter__(self) -> Session:
        session = self._cm.__enter__()
        session.info[guard.REMOTE] = True
        return session

    def __exit__(self, *exc: object) -> bool | None:
        return self._cm.__exit__(*exc)  # type: ignore[arg-type]

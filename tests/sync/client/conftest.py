"""Fixtures for the device engine: one real server process (SQLite) for the session, and
laptops, each a real vault copied from the session template and enrolled with a real code."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from oxfield.clock import Clock
from oxfield.domain.kinds import Team
from oxfield.domain.notes import RecordAttachment
from oxfield.ids import new_id
from oxfield.services import records
from oxfield.services.records import Actor
from oxfield.vault.paths import VaultFiles
from oxfield.vault.tables import Attachment, AttachmentChunk
from oxfield.vault.vault import Vault
from sync.client.enrol import enrol
from sync.client.run import Options, SyncReport, SyncRun
from sync.server import admin
from tests.conftest import PASSPHRASE
from tests.sync.helpers import Officer, Server, start_server

FAST = Options(timeout=5.0, attempts=3, max_wait=0.2)


@pytest.fixture(scope="session")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("sync-server")
    srv = start_server(f"sqlite:///{folder}/server.db", workers=1, cwd=str(folder))
    try:
        yield srv
    finally:
        srv.stop()


@dataclass
class Laptop:
    """One officer's laptop: a real vault enrolled with the real server."""

    name: str
    path: Path
    server: Server
    officer: Officer
    clock: Clock = field(default_factory=Clock)
    vault: Vault | None = None
    url: str = ""
    device_id: str = ""

    def open(self) -> Vault:
        if self.vault is None or self.vault.locked:
            self.vault = Vault.unlock(self.path, PASSPHRASE)
        return self.vault

    def close(self) -> None:
        if self.vault is not None and not self.vault.locked:
            self.vault.lock()

    def enrol(self) -> Laptop:
        code = admin.enrol_code(self.server.engine, self.officer.id, 1, Clock().now())
        ident = enrol(self.open(), self.url or self.server.url, code)
        self.device_id = ident.device_id
        return self

    @contextmanager
    def edit(self) -> Iterator[Session]:
        actor = Actor(officer=self.officer.id, device=self.device_id, clock=self.clock)
        with records.writing(self.open(), actor) as session:
            yield session

    def sync(self, options: Options = FAST, **kwargs: Any) -> SyncReport:
        return SyncRun(self.open(), clock=self.clock, options=options, **kwargs).run()

    def sync_ok(self) -> SyncReport:
        report = self.sync()
        assert report.finished, report.message
        return report

    def add_file(self, data: bytes) -> tuple[str, str]:
        """A file in the vault attached to a new note: (record id, sha256)."""
        sha = hashlib.sha256(data).hexdigest()
        with self.edit() as s:
            s.add(Attachment(sha256=sha, size=len(data), created_at=self.clock.now()))
            s.flush()
            for i in range(0, len(data), 100_000):
                s.add(AttachmentChunk(sha256=sha, seq=i // 100_000, data=data[i : i + 100_000]))
            link = RecordAttachment(
                subject_kind="child", subject_id=new_id(), sha256=sha,
                team=Team(self.officer.team), district=self.officer.district,
            )  # fmt: skip
            s.add(link)
            s.flush()
            return link.id, sha

    def file_bytes(self, sha: str) -> bytes | None:
        with self.open().read() as s:
            size = s.get(Attachment, sha)
            if size is None or size.size < 0:
                return None
            return b"".join(
                s.scalars(
                    select(AttachmentChunk.data)
                    .where(AttachmentChunk.sha256 == sha)
                    .order_by(AttachmentChunk.seq)
                )
            )

    def new_child(self, family: str = "Testfamily", given: str = "Alex") -> str:
        with self.edit() as s:
            child = records.create_child(
                s, team=Team(self.officer.team), legal_family_name=family,
                legal_given_names=given, date_of_birth=date(2015, 5, 1),
                district=self.officer.district,
            )  # fmt: skip
            s.flush()
            return child.id


@pytest.fixture
def laptops(sync_server: Server, vault_template: tuple[Path, str], tmp_path: Path) -> Iterator[Any]:
    made: list[Laptop] = []

    def make(
        name: str,
        officer: Officer,
        clock: Clock | None = None,
        url: str = "",
        enrolled: bool = True,
    ) -> Laptop:
        source = VaultFiles.at(vault_template[0])
        target = VaultFiles.at(tmp_path / name / "vault.oxv")
        target.database.parent.mkdir(parents=True)
        shutil.copy2(source.database, target.database)
        shutil.copy2(source.keys, target.keys)
        laptop = Laptop(name, target.database, sync_server, officer, clock or Clock(), url=url)
        made.append(laptop)
        return laptop.enrol() if enrolled else laptop

    yield make
    for laptop in made:
        laptop.close()

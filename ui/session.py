"""What an unlocked desktop knows: the vault, the officer, today's date, the task runner.

Built by the flow at unlock and handed to the workspace; dropped at lock. Views take what they
need from it instead of reaching for globals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from oxfield.clock import Clock
from oxfield.services.profile import Profile
from oxfield.services.vaults import Vault
from ui.status import NoSyncYet, SyncStatusSource
from ui.tasks import TaskRunner


@dataclass
class DesktopSession:
    vault: Vault
    runner: TaskRunner
    profile: Profile | None
    clock: Clock = field(default_factory=Clock)
    sync_status: SyncStatusSource = field(default_factory=NoSyncYet)

    def today(self) -> date:
        return self.clock.today()

    @property
    def officer(self) -> str:
        return self.profile.officer_name if self.profile else ""

"""A real server process whose database is backed up and restored the way an administrator
would (a file copy for SQLite, ``CREATE DATABASE ... TEMPLATE`` for PostgreSQL)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.sync.conftest import drop_database
from tests.sync.helpers import Server, start_server


class Restorable:
    """A real server process whose database can be backed up and restored while it is down,
    restarted on the same address so the laptops find it where they left it."""

    def __init__(self, url: str, handle: Any, folder: Path) -> None:
        self.url, self.handle, self.folder = url, handle, folder
        self.server: Server = start_server(url, workers=1, cwd=str(folder))
        self.port = int(urlsplit(self.server.url).port or 0)

    def _down(self) -> None:
        self.server.stop()

    def _up(self) -> None:
        self.server = start_server(self.url, workers=1, cwd=str(self.folder), port=self.port)

    def backup(self) -> None:
        self._down()
        if self.handle is None:
            shutil.copy2(self._file(), self.folder / "backup.db")
        else:
            self._pg(f'CREATE DATABASE "{self._name()}_bak" TEMPLATE "{self._name()}"')
        self._up()

    def restore(self) -> None:
        self._down()
        if self.handle is None:
            for extra in ("-wal", "-shm"):
                Path(f"{self._file()}{extra}").unlink(missing_ok=True)
            shutil.copy2(self.folder / "backup.db", self._file())
        else:
            self._pg(f'DROP DATABASE "{self._name()}" WITH (FORCE)')
            self._pg(f'CREATE DATABASE "{self._name()}" TEMPLATE "{self._name()}_bak"')
        self._up()

    def close(self) -> None:
        self.server.stop()
        if self.handle is not None:
            self._pg(f'DROP DATABASE IF EXISTS "{self._name()}_bak" WITH (FORCE)')
        drop_database(self.handle)

    def _file(self) -> str:
        return self.url.removeprefix("sqlite:///")

    def _name(self) -> str:
        return str(self.handle[1])

    def _pg(self, sql: str) -> None:
        with self.handle[0].connect() as conn:
            conn.exec_driver_sql(sql)

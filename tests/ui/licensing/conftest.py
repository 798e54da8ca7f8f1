"""A task runner per test, shut down (its workers waited for) at the end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ui.tasks import TaskRunner


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    made = TaskRunner()
    yield made
    made.shutdown()

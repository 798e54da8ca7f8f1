"""The desktop's sync parts against the same real server and laptops as the engine tests."""

from tests.sync.client.conftest import laptops, sync_server

__all__ = ["laptops", "sync_server"]

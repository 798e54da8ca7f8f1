"""Reads get back the connection used last, whose page cache is warm: a search typed after a
moment of two reads at once (the status bar counting while the list queries) must not rotate
onto a colder connection that decrypts every page again."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from oxfield.vault.vault import Vault


def _raw(session: Session) -> Any:
    return session.connection().connection.dbapi_connection


def test_the_connection_returned_last_is_the_next_one_used(vault: Vault) -> None:
    with vault.read() as first:
        warm = _raw(first)
        with vault.read() as second:  # two at once: the pool hands out another
            other = _raw(second)
        assert other is not warm
    for _ in range(3):  # ``warm`` went back last, so it comes out first, every time
        with vault.read() as again:
            assert _raw(again) is warm

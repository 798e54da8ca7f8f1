"""The officers a conflict mentions are named "Name (team)" from the server (``POST
/v1/officers``), through real laptops and the real server process: the names reach the vault,
the server names only officers the asking device's conflicts mention, a laptop whose server
has no such route (an older server) still syncs and falls back to the id, and a sync with no
officer to name makes no extra request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from oxfield.domain.people import Child
from oxfield.services import sync_status
from tests.sync.client.conftest import Laptop
from tests.sync.client.proxy import Fault, Proxy, proxy_for
from tests.sync.helpers import Device, Server


@pytest.fixture
def proxy(sync_server: Server) -> Iterator[Proxy]:
    p = proxy_for(sync_server.url)
    p.url = p.start()  # type: ignore[attr-defined]
    yield p
    p.stop()


def _conflict(a: Laptop, b: Laptop) -> str:
    """A and B set one field of a child differently; B syncs first, A meets the conflict."""
    child_id = a.new_child(given="Kai")
    a.sync_ok()
    b.sync_ok()
    with a.edit() as s:
        s.get(Child, child_id).preferred_name = "Kai A"
    with b.edit() as s:
        s.get(Child, child_id).preferred_name = "Kai B"
    b.sync_ok()
    assert a.sync_ok().conflicts == 1
    return child_id


def _officers_asked(proxy: Proxy) -> int:
    return sum(1 for _, path in proxy.seen if path == "/v1/officers")


def test_both_laptops_name_both_officers_with_their_team(sync_server: Server, laptops) -> None:
    officer_a = sync_server.officer("ehe", name="Ann Example")
    officer_b = sync_server.officer("ehe", district=officer_a.district, name="Bea  Sample")
    a, b = laptops("a", officer_a), laptops("b", officer_b)
    _conflict(a, b)

    (view,) = sync_status.conflicts(a.open())
    assert view.mine_by.who() == "You, Ann Example (EHE), on this laptop"
    assert view.theirs_by.who() == f"Bea Sample (EHE), on device {b.device_id[:8]}"
    assert view.mine_by.describe().startswith("Entered by you, Ann Example (EHE), on this")

    b.sync_ok()  # the pull brings B the conflict, and the names with it
    (view,) = sync_status.conflicts(b.open())
    assert view.mine_by.who() == "You, Bea Sample (EHE), on this laptop"
    assert view.theirs_by.who() == f"Ann Example (EHE), on device {a.device_id[:8]}"


def test_the_server_names_only_officers_the_conflicts_mention(sync_server: Server, laptops) -> None:
    officer_a = sync_server.officer("ehe", name="Ann Example")
    officer_b = sync_server.officer("ehe", district=officer_a.district, name="Bea Sample")
    stranger = sync_server.officer("ehe", name="Cal Stranger")  # another district
    a, b = laptops("a", officer_a), laptops("b", officer_b)
    _conflict(a, b)
    lone = Device(sync_server, stranger).enrol()
    wanted = {"officer_ids": [officer_a.id, officer_b.id, stranger.id]}

    answer = lone.request("POST", "/v1/officers", wanted)
    assert answer.status_code == 200, answer.text
    # the conflict is outside the stranger's district: only their own name comes back
    assert answer.json()["officers"] == [{"id": stranger.id, "name": "Cal Stranger", "team": "ehe"}]

    colleague = Device(sync_server, officer_b).enrol()
    answer = colleague.request("POST", "/v1/officers", wanted)
    assert {o["id"]: o["name"] for o in answer.json()["officers"]} == {
        officer_a.id: "Ann Example", officer_b.id: "Bea Sample",
    }  # fmt: skip
    assert lone.request("POST", "/v1/officers", {"officer_ids": []}).status_code == 422


def test_a_server_without_names_still_syncs_and_the_id_stands_in(
    sync_server: Server, laptops, proxy: Proxy
) -> None:
    officer_a = sync_server.officer("ehe", name="Ann Example")
    officer_b = sync_server.officer("ehe", district=officer_a.district, name="Bea Sample")
    a = laptops("a", officer_a, url=proxy.url)
    b = laptops("b", officer_b)
    # every /v1/officers goes to a route the server lacks, as an older server would answer
    proxy.faults.append(Fault(lambda m, p: p == "/v1/officers", "reroute", path="/v1/absent"))
    _conflict(a, b)  # sync_ok inside: the run finished despite the 404

    assert _officers_asked(proxy) == 1
    (view,) = sync_status.conflicts(a.open())
    assert view.mine_by.who() == f"You (officer {officer_a.id[:8]}), on this laptop"
    assert view.theirs_by.who() == f"Officer {officer_b.id[:8]}, on device {b.device_id[:8]}"
    a.sync_ok()
    assert _officers_asked(proxy) == 1  # not asked again the same day


def test_no_officer_to_name_no_request(sync_server: Server, laptops, proxy: Proxy) -> None:
    officer_a = sync_server.officer("ehe", name="Ann Example")
    officer_b = sync_server.officer("ehe", district=officer_a.district, name="Bea Sample")
    a = laptops("a", officer_a, url=proxy.url)
    b = laptops("b", officer_b)
    a.new_child()
    a.sync_ok()
    assert _officers_asked(proxy) == 0  # no conflict, nobody to name
    _conflict(a, b)
    assert _officers_asked(proxy) == 1
    before = len(proxy.seen)
    a.sync_ok()  # both names are stored: nothing to ask
    assert _officers_asked(proxy) == 1
    assert len(proxy.seen) - before == 1  # the pull alone

"""HTTP to the server: one kept-alive connection, signed requests, gzip, retries.

Each attempt is signed afresh (new timestamp and nonce), so a retry is never refused as a
replay; pushes are safe to repeat because the server applies each (device, seq) once. Network
failures, time-outs and 5xx answers are transient and retried with exponential backoff and
jitter (tenacity); refusals that will not change (revoked, protocol too old, clock wrong,
unknown device) raise at once so the run stops instead of hammering the server.
"""

from __future__ import annotations

import gzip
import json
import ssl
from datetime import UTC
from functools import cache
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from oxfield.clock import Clock
from oxfield.errors import CancelledError
from sync import signing
from sync.client.abort import AbortableTransport, AbortSwitch
from sync.client.errors import (
    ClockSkewError,
    RefusedError,
    RevokedError,
    TransientError,
    UpgradeRequiredError,
)
from sync.protocol import PROTOCOL_VERSION, ErrorBody

GZIP_ABOVE = 1024
_PROTOCOL = {signing.HEADER_PROTOCOL: str(PROTOCOL_VERSION)}


@cache
def _tls(ca_cert: str | None) -> ssl.SSLContext:
    """Loading the trust store is slow, so each context is made once per process."""
    if ca_cert:
        return ssl.create_default_context(cadata=ca_cert)
    return ssl.create_default_context()


def make_client(
    base_url: str, ca_cert: str | None, timeout: float, switch: AbortSwitch | None = None
) -> httpx.Client:
    """The kept-alive client; with ``switch``, one whose requests ``switch.abort()`` ends."""
    verify = _tls(ca_cert)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    return httpx.Client(
        base_url=base_url,
        verify=verify,
        timeout=httpx.Timeout(timeout),
        limits=limits,
        transport=None if switch is None else AbortableTransport(switch, verify, limits),
        headers={"Accept-Encoding": "gzip", "User-Agent": "oxfield-sync"},
    )


def refusal(response: httpx.Response, clock: Clock | None = None) -> Exception:
    """The exception for a non-2xx answer (``clock``: the laptop's, to measure a skew)."""
    try:
        body = ErrorBody.model_validate_json(response.content)
    except ValidationError:
        body = ErrorBody(code="http_" + str(response.status_code), message=response.reason_phrase)
    status = response.status_code
    if status >= 500 or status == 429 or body.code == "replayed_nonce":
        return TransientError(f"the server could not answer ({status}); try again later")
    if body.wipe or body.code == "device_revoked":
        return RevokedError(
            "the council has revoked this laptop's access, so its vault has been wiped; "
            "ask your administrator to enrol it again",
            body.code,
        )
    if status == 426 or body.code == "upgrade_required":
        return UpgradeRequiredError(body.message, body.code)
    if body.code == "stale_timestamp" and body.server_time is not None:
        server = body.server_time.astimezone(UTC)
        return ClockSkewError((clock or Clock()).now() - server, server)
    return RefusedError(f"the server refused: {body.message}", body.code, body.field)


class Transport:
    """Signed requests from one enrolled device."""

    def __init__(
        self,
        client: httpx.Client,
        device_id: str,
        key: Any,
        *,
        attempts: int = 5,
        max_wait: float = 8.0,
        clock: Clock | None = None,
        switch: AbortSwitch | None = None,
    ) -> None:
        self.clock = clock or Clock()
        self.client = client
        #: give the same switch to ``make_client`` so that :meth:`abort` reaches the socket
        self.switch = switch or AbortSwitch()
        self.device_id = device_id
        self.key = key
        self.attempts = attempts
        self.max_wait = max_wait
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def abort(self) -> None:
        """From any thread: the request in flight fails now, and no other is sent or retried
        (each then raises :class:`CancelledError`)."""
        self.switch.abort()

    def _retrying(self) -> Retrying:
        return Retrying(
            retry=retry_if_exception_type(TransientError),
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential_jitter(multiplier=0.2, max=self.max_wait, jitter=0.2),
            sleep=self.switch.sleep,  # an abort cuts the backoff short too
            reraise=True,
        )

    def send(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        content_type: str = "application/json",
        ok: tuple[int, ...] = (200,),
    ) -> httpx.Response:
        """One signed request, retried while the failure is transient; the answer is
        returned for the statuses in ``ok`` and raised as an exception otherwise."""
        for attempt in self._retrying():
            with attempt:
                return self._once(method, path, body, content_type, ok)
        raise AssertionError("unreachable")

    def _once(
        self, method: str, path: str, body: bytes, content_type: str, ok: tuple[int, ...]
    ) -> httpx.Response:
        stamp = int(self.clock.now().timestamp())
        headers = signing.sign_request(
            self.key, self.device_id, method, path, body, timestamp=stamp
        )
        content = body
        if body:
            headers["Content-Type"] = content_type
            if len(body) > GZIP_ABOVE and content_type == "application/json":
                content = gzip.compress(body, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
        if self.switch.aborted:
            raise CancelledError("Cancelled.")
        self.requests += 1
        try:
            response = self.client.request(method, path, content=content, headers=headers)
        except httpx.TransportError as exc:
            if self.switch.aborted:
                raise CancelledError("Cancelled.") from exc
            raise TransientError(
                f"the server could not be reached ({type(exc).__name__}); check the network"
            ) from exc
        if response.status_code in ok:
            return response
        raise refusal(response, self.clock)

    def call(self, path: str, request: BaseModel, answer: type[Any]) -> Any:
        """POST a protocol model and parse the answer model."""
        body = request.model_dump_json().encode("utf-8")
        response = self.send("POST", path, body)
        try:
            return answer.model_validate_json(response.content)
        except ValidationError as exc:
            raise TransientError("the server's answer was garbled; try again") from exc


def unsigned_post(client: httpx.Client, path: str, request: BaseModel) -> httpx.Response:
    """Enrolment: the one request made before the device has an identity."""
    try:
        return client.post(
            path,
            content=request.model_dump_json().encode("utf-8"),
            headers={**_PROTOCOL, "Content-Type": "application/json"},
        )
    except httpx.TransportError as exc:
        raise TransientError(
            f"the server could not be reached ({type(exc).__name__}); check the address"
        ) from exc


def dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode("utf-8")

"""Three small ASGI layers: a cap on every request body, gzip-compressed request bodies, and one
structured log line per request (method, route, status, milliseconds, device id; never a body,
a name or a query)."""

from __future__ import annotations

import json
import logging
import time
import zlib
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import ErrorBody

log = logging.getLogger("oxfield.server")

MAX_BODY = 64 * 1024 * 1024


class BodyLimitMiddleware:
    """Refuse a body larger than ``MAX_BODY``: at once when its declared length says so, else as
    soon as the bytes received pass it (a chunked body). Nothing is buffered past the cap."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > MAX_BODY:
            await _refuse(send, 413, "too_large", "the request body is too large")
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > MAX_BODY:
                raise _TooLarge
            return message

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watch)
        except _TooLarge:
            if not started:
                await _refuse(send, 413, "too_large", "the request body is too large")


class _TooLarge(HTTPException):
    """Raised out of ``receive`` to stop the app reading a body past the cap (an HTTP
    exception, so that FastAPI's body reader passes it on rather than calling it a parse
    error)."""

    def __init__(self) -> None:
        super().__init__(413, "the request body is too large")


class GzipRequestMiddleware:
    """Inflate ``Content-Encoding: gzip`` request bodies before the app sees them (the
    signature covers the inflated bytes)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if headers.get(b"content-encoding", b"").lower() != b"gzip":
            await self.app(scope, receive, send)
            return
        raw = bytearray()
        more = True
        while more:
            message = await receive()
            raw.extend(message.get("body", b""))
            more = bool(message.get("more_body"))
            if len(raw) > MAX_BODY:
                await _refuse(send, 413, "too_large", "the request body is too large")
                return
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            body = inflater.decompress(bytes(raw), MAX_BODY)
            if inflater.unconsumed_tail:
                await _refuse(send, 413, "too_large", "the request body is too large")
                return
        except zlib.error:
            await _refuse(send, 400, "bad_encoding", "the request body is not valid gzip")
            return
        new_headers = [
            (k, v) for k, v in scope["headers"] if k not in (b"content-encoding", b"content-length")
        ]
        new_headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        scope["headers"] = new_headers  # the same scope, so the log line sees the route
        await self.app(scope, replay, send)


async def _refuse(send: Send, status: int, code: str, message: str) -> None:
    payload = ErrorBody(code=code, message=message).model_dump_json().encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


class AccessLogMiddleware:
    """One JSON line per request, without personal data."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def spy(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, spy)
        finally:
            headers = dict(scope.get("headers") or [])
            route = scope.get("route")
            entry: dict[str, Any] = {
                "event": "request",
                "method": scope.get("method"),
                "route": getattr(route, "path", None) or "unmatched",
                "status": status,
                "ms": round((time.perf_counter() - started) * 1000, 2),
                "device": headers.get(b"x-oxfield-device", b"").decode("latin-1")[:36] or None,
            }
            log.info(json.dumps(entry))

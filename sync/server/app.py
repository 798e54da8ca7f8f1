"""The FastAPI application: thin routes over the handlers, refusals as ``ErrorBody``.

``create_app`` takes the engine and the clock (tests pass their own); ``app_from_env`` is the
factory uvicorn's workers call, reading the database URL from ``OXFIELD_DATABASE_URL``.
Nothing is read from the environment at import time.
"""

from __future__ import annotations

import json
import logging
import traceback
from pathlib import Path as Path_
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

import oxfield
from oxfield.clock import Clock
from sync import signing
from sync.protocol import OLDEST_SUPPORTED_VERSION as OLDEST
from sync.protocol import (
    PROTOCOL_VERSION,
    AttachmentStart,
    AttachmentState,
    EnrolRequest,
    EnrolResponse,
    ErrorBody,
    HeldRequest,
    HeldResponse,
    OfficerNamesRequest,
    OfficerNamesResponse,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    Sha256Hex,
    Status,
)
from sync.server import attachments, auth, feed, held, names, push
from sync.server.auth import DeviceContext
from sync.server.db import default_url, is_postgres, make_engine
from sync.server.errors import INVALID, NOT_FOUND, TOO_LARGE, ApiError
from sync.server.middleware import (
    AccessLogMiddleware,
    BodyLimitMiddleware,
    GzipRequestMiddleware,
)
from sync.server.migrate import upgrade

log = logging.getLogger("oxfield.server")

_REFUSALS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 413, 422, 426)
}


ShaPath = Annotated[Sha256Hex, Path()]
SIZE_HEADER = "X-Attachment-Size"
ProtocolHeader = Annotated[str | None, Header(alias=signing.HEADER_PROTOCOL)]
DeviceHeader = Annotated[str | None, Header(alias=signing.HEADER_DEVICE)]
TimestampHeader = Annotated[str | None, Header(alias=signing.HEADER_TIMESTAMP)]
NonceHeader = Annotated[str | None, Header(alias=signing.HEADER_NONCE)]
SignatureHeader = Annotated[str | None, Header(alias=signing.HEADER_SIGNATURE)]


def _signed_path(request: Request) -> str:
    path = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string") or b""
    text = bytes(path).decode("latin-1")
    return f"{text}?{bytes(query).decode('latin-1')}" if query else text


async def signed_device(
    request: Request,
    protocol: ProtocolHeader = None,
    device: DeviceHeader = None,
    timestamp: TimestampHeader = None,
    nonce: NonceHeader = None,
    signature: SignatureHeader = None,
) -> DeviceContext:
    """The verified device behind a signed request (see ``sync.signing``)."""
    body = await request.body()
    state = request.app.state
    return await run_in_threadpool(
        auth.verify_request,
        state.engine,
        request.headers,
        request.method,
        _signed_path(request),
        body,
        state.clock.now(),
    )


Device = Annotated[DeviceContext, Depends(signed_device)]


def create_app(engine: Any, clock: Clock | None = None) -> FastAPI:
    """The server application over ``engine`` (already migrated)."""
    app = FastAPI(
        title="OxField sync server",
        version=oxfield.__version__,
        description="Sync between officers' laptops and the council. Requests other than "
        "status and enrol are signed (Ed25519, see sync.signing).",
        responses=_REFUSALS,
    )
    app.state.engine = engine
    app.state.clock = clock or Clock()
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(GzipRequestMiddleware)
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(AccessLogMiddleware)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Starlette's own refusals (unknown route, wrong method, unparsable body) in the
        # protocol's error shape, like every other refusal
        codes = {404: NOT_FOUND, 405: "method_not_allowed", 413: TOO_LARGE}
        code = codes.get(exc.status_code, INVALID)
        body = ErrorBody(code=code, message=str(exc.detail))
        return JSONResponse(
            body.model_dump(mode="json"), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body.model_dump(mode="json"), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
        body = ErrorBody(
            code=INVALID,
            message=str(first.get("msg", "invalid request")),
            field=".".join(loc) or None,
        )
        return JSONResponse(body.model_dump(mode="json"), status_code=422)

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        # where, not what: exception messages may quote data
        frames = traceback.extract_tb(exc.__traceback__)
        where = [f"{Path_(f.filename).name}:{f.lineno}" for f in frames[-4:]]
        log.error(json.dumps({"event": "error", "type": type(exc).__name__, "at": where}))
        body = ErrorBody(code="internal", message="the server failed; the change was not kept")
        return JSONResponse(body.model_dump(mode="json"), status_code=500)

    _routes(app)
    return app


def _routes(app: FastAPI) -> None:
    def now() -> Any:
        return app.state.clock.now()

    @app.get("/v1/status", response_model=Status)
    def status() -> Status:
        return Status(
            status="ok",
            protocol_version=PROTOCOL_VERSION,
            oldest_supported_version=OLDEST,
            server_version=oxfield.__version__,
            server_time=now(),
            database="postgresql" if is_postgres(app.state.engine) else "sqlite",
        )

    @app.post("/v1/enrol", response_model=EnrolResponse)
    def enrol(
        body: EnrolRequest,
        request: Request,
        protocol: ProtocolHeader = None,
    ) -> EnrolResponse:
        auth.check_protocol(request.headers)
        return auth.enrol(app.state.engine, body, now())

    @app.post("/v1/push", response_model=PushResponse)
    def push_changes(body: PushRequest, device: Device) -> PushResponse:
        when = now()
        rollback = auth.record_generation(app.state.engine, device, body.vault_generation, when)
        answer = push.push(app.state.engine, device, body, when)
        return answer.model_copy(update={"rollback_detected": rollback})

    @app.post("/v1/pull", response_model=PullResponse)
    def pull_changes(body: PullRequest, device: Device) -> PullResponse:
        when = now()
        rollback = auth.record_generation(app.state.engine, device, body.vault_generation, when)
        answer = feed.pull(app.state.engine, device, body, when)
        return answer.model_copy(update={"rollback_detected": rollback})

    @app.post("/v1/held", response_model=HeldResponse)
    def held_records(body: HeldRequest, device: Device) -> HeldResponse:
        return held.held(app.state.engine, device, body)

    @app.post("/v1/officers", response_model=OfficerNamesResponse)
    def officer_names(body: OfficerNamesRequest, device: Device) -> OfficerNamesResponse:
        return names.officer_names(app.state.engine, device, body)

    @app.post("/v1/attachments/{sha256}", response_model=AttachmentState)
    def start_upload(sha256: ShaPath, body: AttachmentStart, device: Device) -> AttachmentState:
        return attachments.start(app.state.engine, sha256, body.size, now())

    @app.get("/v1/attachments/{sha256}", response_model=AttachmentState)
    def upload_status(sha256: ShaPath, device: Device) -> AttachmentState:
        return attachments.status(app.state.engine, sha256)

    @app.put(
        "/v1/attachments/{sha256}/data",
        response_model=AttachmentState,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        },
    )
    async def upload_chunk(
        sha256: ShaPath,
        request: Request,
        device: Device,
        offset: Annotated[int, Query(ge=0, le=2**53)],
    ) -> AttachmentState:
        data = await request.body()
        return await run_in_threadpool(
            attachments.put_chunk, app.state.engine, sha256, offset, data
        )

    @app.get(
        "/v1/attachments/{sha256}/data",
        response_class=StreamingResponse,
        responses={
            200: {
                "description": "The file's bytes from ``offset`` (at most ``length``).",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
                "headers": {
                    SIZE_HEADER: {
                        "description": "The whole file's size in bytes",
                        "schema": {"type": "integer", "minimum": 0},
                    }
                },
            }
        },
    )
    def download(
        sha256: ShaPath,
        device: Device,
        offset: Annotated[int, Query(ge=0, le=2**53, description="first byte to send")] = 0,
        length: Annotated[
            int | None, Query(ge=1, le=attachments.MAX_CHUNK, description="bytes at most")
        ] = None,
    ) -> Response:
        size, pieces = attachments.download(app.state.engine, device, sha256, offset, length)
        return StreamingResponse(
            pieces, media_type="application/octet-stream", headers={SIZE_HEADER: str(size)}
        )


def app_from_env() -> FastAPI:
    """The factory each uvicorn worker calls (``--factory``)."""
    engine = make_engine(default_url())
    upgrade(engine)
    return create_app(engine)

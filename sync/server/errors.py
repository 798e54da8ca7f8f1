"""The refusals the server answers with, each one HTTP status and one stable code.

Handlers raise ``ApiError``; the app turns it into an ``ErrorBody``. Messages say what was
wrong and what was checked, never whose data it was.
"""

from __future__ import annotations

from datetime import datetime

from sync.protocol import ErrorBody


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        server_time: datetime | None = None,
        wipe: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = ErrorBody(
            code=code, message=message, field=field, server_time=server_time, wipe=wipe
        )


# The codes a device can meet, for documentation and the OpenAPI description.
UNSIGNED = "unsigned"
UNKNOWN_DEVICE = "unknown_device"
BAD_SIGNATURE = "bad_signature"
STALE_TIMESTAMP = "stale_timestamp"
REPLAYED_NONCE = "replayed_nonce"
DEVICE_REVOKED = "device_revoked"
UPGRADE_REQUIRED = "upgrade_required"
BAD_PROTOCOL = "bad_protocol_version"
INVALID = "invalid_request"
NOT_FOUND = "not_found"
FORBIDDEN = "forbidden"
CODE_UNKNOWN = "enrol_code_unknown"
CODE_USED = "enrol_code_used"
CODE_EXPIRED = "enrol_code_expired"
KEY_IN_USE = "public_key_in_use"
BAD_KEY = "bad_public_key"
WRONG_OFFSET = "wrong_offset"
HASH_MISMATCH = "hash_mismatch"
TOO_LARGE = "too_large"

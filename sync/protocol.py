"""The wire format shared by the device engine and the server, versioned.

Both ends import this module and nothing of each other.
"""

from __future__ import annotations

PROTOCOL_VERSION = 1

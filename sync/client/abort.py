"""A switch that makes a sync's in-flight HTTP request fail at once, from any thread.

A blocking httpx call cannot be cancelled, and closing the client from another thread does not
wake a thread blocked in ``recv`` (on Linux closing a descriptor leaves the blocked call
waiting). ``shutdown()`` on the socket does wake it, in connect, in the TLS handshake and in a
read alike. So the sync's connection pool gets an httpcore network backend that keeps a
duplicate of every socket it opens (a duplicate names the same connection, so shutting it down
ends the original too) and :meth:`AbortSwitch.abort` shuts them all down: the waiting call
raises a transport error within milliseconds, whether the server was slow, a captive portal
or gone into a tunnel. Nothing is polled.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Iterable

import httpcore
import httpx
from httpcore._backends.sync import SyncStream  # the stock stream, over our own socket

ABORTED = "the sync was cancelled"


class AbortSwitch:
    """Thread-safe: one sync run's ``abort`` flag plus the sockets it must interrupt."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._event = threading.Event()
        self._sockets: set[socket.socket] = set()

    @property
    def aborted(self) -> bool:
        return self._event.is_set()

    def abort(self) -> None:
        """Stop the run's network work now; later requests fail before they start."""
        with self._lock:
            self._event.set()
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def sleep(self, seconds: float) -> None:
        """Wait between retries, waking at once on :meth:`abort`."""
        self._event.wait(seconds)

    def track(self, sock: socket.socket) -> socket.socket:
        """Remember (a duplicate of) ``sock``; shut it straight away if already aborted."""
        twin = sock.dup()
        with self._lock:
            self._sockets.add(twin)
            aborted = self._event.is_set()
        if aborted:
            _shut(twin)
        return twin

    def forget(self, twin: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(twin)
        twin.close()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # not connected yet, or gone: nothing waits on it
        sock.shutdown(socket.SHUT_RDWR)


class _Stream(httpcore.NetworkStream):
    """The stock stream, that lets its switch forget the socket once closed."""

    def __init__(self, inner: httpcore.NetworkStream, switch: AbortSwitch, twin: socket.socket):
        self._inner, self._switch, self._twin = inner, switch, twin

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._switch.forget(self._twin)
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # the TLS socket wraps the same connection, which the twin still names
        tls = self._inner.start_tls(ssl_context, server_hostname, timeout)
        return _Stream(tls, self._switch, self._twin)

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class AbortableBackend(httpcore.NetworkBackend):
    """httpcore's blocking backend, with each socket tracked by ``switch`` before it connects."""

    def __init__(self, switch: AbortSwitch) -> None:
        self.switch = switch

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if self.switch.aborted:
            raise httpcore.ConnectError(ABORTED)
        try:
            addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        error = OSError(f"no address for {host}")
        for family, kind, proto, _name, address in addresses:
            sock = socket.socket(family, kind, proto)
            twin = self.switch.track(sock)
            try:
                for option in socket_options or ():
                    sock.setsockopt(*option)
                if local_address is not None:
                    sock.bind((local_address, 0))
                sock.settimeout(timeout)
                sock.connect(address)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except TimeoutError as exc:
                self._discard(sock, twin)
                raise httpcore.ConnectTimeout(str(exc)) from exc
            except OSError as exc:
                self._discard(sock, twin)
                error = exc
                if self.switch.aborted:
                    break
                continue
            if self.switch.aborted:  # aborted just before connecting: do not use the socket
                self._discard(sock, twin)
                break
            return _Stream(SyncStream(sock), self.switch, twin)
        raise httpcore.ConnectError(ABORTED if self.switch.aborted else str(error)) from error

    def _discard(self, sock: socket.socket, twin: socket.socket) -> None:
        self.switch.forget(twin)
        sock.close()


class AbortableTransport(httpx.HTTPTransport):
    """httpx's own transport, its pool rebuilt over the abortable backend (httpx has no
    setting for the backend; its pool is the one attribute it reads when sending)."""

    def __init__(self, switch: AbortSwitch, ssl_context: ssl.SSLContext, limits: httpx.Limits):
        super().__init__(verify=ssl_context, limits=limits)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=AbortableBackend(switch),
        )

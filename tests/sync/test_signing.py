"""The request signature: what it covers, and that the two ends agree."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync import signing


def _parts(headers: dict[str, str]) -> signing.SignedParts:
    parts = signing.parse_headers(headers)
    assert parts is not None
    return parts


def test_signature_covers_method_path_timestamp_nonce_and_body() -> None:
    key = Ed25519PrivateKey.generate()
    pub = signing.load_public_key(signing.public_key_text(key))
    headers = signing.sign_request(
        key, "dev", "POST", "/v1/push", b'{"a":1}', timestamp=100, nonce="n" * 16
    )
    parts = _parts(headers)
    assert signing.verify(pub, parts, "POST", "/v1/push", b'{"a":1}')
    assert not signing.verify(pub, parts, "GET", "/v1/push", b'{"a":1}')
    assert not signing.verify(pub, parts, "POST", "/v1/pull", b'{"a":1}')
    assert not signing.verify(pub, parts, "POST", "/v1/push", b'{"a":2}')
    other_time = signing.SignedParts(parts.device_id, 101, parts.nonce, parts.signature)
    assert not signing.verify(pub, other_time, "POST", "/v1/push", b'{"a":1}')
    other_nonce = signing.SignedParts(parts.device_id, 100, "m" * 16, parts.signature)
    assert not signing.verify(pub, other_nonce, "POST", "/v1/push", b'{"a":1}')


def test_another_key_does_not_verify() -> None:
    key, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    parts = _parts(signing.sign_request(key, "dev", "GET", "/x"))
    assert not signing.verify(
        signing.load_public_key(signing.public_key_text(other)), parts, "GET", "/x", b""
    )


def test_canonical_form_is_fixed() -> None:
    text = signing.canonical("post", "/v1/pull?x=1", 5, "abc", b"").decode()
    assert text.split("\n") == [
        "OXFIELD-REQUEST-V1",
        "POST",
        "/v1/pull?x=1",
        "5",
        "abc",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ]


def test_malformed_headers_parse_to_none() -> None:
    assert signing.parse_headers({}) is None
    good = signing.sign_request(Ed25519PrivateKey.generate(), "dev", "GET", "/x")
    assert signing.parse_headers({**good, signing.HEADER_TIMESTAMP: "soon"}) is None
    assert signing.parse_headers({**good, signing.HEADER_NONCE: "short"}) is None
    assert signing.parse_headers({**good, signing.HEADER_SIGNATURE: "%%%"}) is None


def test_public_key_must_be_32_raw_bytes() -> None:
    import pytest

    with pytest.raises(ValueError, match="32 bytes"):
        signing.load_public_key("AAAA")
    with pytest.raises(ValueError, match="base64"):
        signing.load_public_key("not base64!")

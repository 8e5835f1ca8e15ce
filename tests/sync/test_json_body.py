"""Request bodies read by orjson answer as the stdlib parser did, where the two differ."""

from __future__ import annotations

import json
import math

import orjson
import pytest

from sync.server.app import HTTPProblem, parse_json_body


def _refusal(raw: bytes) -> str:
    with pytest.raises(HTTPProblem) as caught:
        parse_json_body(raw)
    assert caught.value.status == 400
    return caught.value.message


def test_a_body_is_what_the_stdlib_reads() -> None:
    raw = json.dumps(
        {"client_id": "abcdefgh12", "mutations": [{"id": 1, "fields": {"findings": "王 leaks"}}]},
        ensure_ascii=False,
    ).encode()
    assert parse_json_body(raw) == json.loads(raw)
    assert parse_json_body(b"") is None


def test_nesting_orjson_allows_and_json_refuses_is_still_400() -> None:
    raw = b"[" * 1010 + b"]" * 1010
    orjson.loads(raw)  # orjson reads 1,024 levels
    assert "nested too deeply" in _refusal(raw)


def test_a_20_digit_number_stays_a_whole_number() -> None:
    value = parse_json_body(b'{"seen_seq": 123456789012345678901234567890}')
    assert value == {"seen_seq": 123456789012345678901234567890}
    assert isinstance(value["seen_seq"], int)  # orjson alone would give a float


def test_what_orjson_refuses_is_decided_by_json() -> None:
    assert math.isnan(parse_json_body(b"NaN"))  # json reads it; orjson does not
    assert "lone surrogate" in _refusal(b'{"a": "\\ud800"}')
    assert "not valid JSON" in _refusal(b'{"a": ')
    assert "too long" in _refusal(b"9" * 5000)

"""orjson reads request bodies and writes responses only where its answer is `json`'s: every
other body and value takes the standard library's path, with its results and its errors."""

from __future__ import annotations

import dataclasses
import datetime
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.server import Config, create_app
from masthead.server.request_body import _plain_object

BODIES = [
    b'{"url": "https://a.com/", "html": "<p>x</p>", "title": null}',
    b'{"a": 1, "a": 2}',  # duplicate keys: the last one, in both
    b'{"a": "\\ud800"}',  # an escaped lone surrogate: json reads it, the schema reports it
    b'{"a": "\xff"}',  # undecodable bytes: json reads them as surrogates
    b'{"a": 123456789012345678901234567890}',  # orjson would make it a float
    b'{"a": -9223372036854775809}',
    b'{"a": 18446744073709551615}',
    b'{"a": 1e400}',
    b'{"a": NaN}',
    b'{"a": 0.1}',
    b'{"a": [[[[1]]]]}',
    b'{"a": {"b": 1}}',
    b"[1]",
    b'"text"',
    b"",
    b"\xef\xbb\xbf{}",  # a byte-order mark: json refuses it
    b'{"a": 1} x',
    b'  {"\\u00e9": "\\ud83d\\ude00"}  ',
]


def _stdlib(raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8", "surrogateescape"))
    except ValueError as exc:
        return ("error", str(exc))


@pytest.mark.parametrize("raw", BODIES)
def test_a_body_read_by_orjson_is_what_json_reads(raw):
    fast = _plain_object(raw)
    if fast is not None:
        assert fast == _stdlib(raw) and type(fast) is dict


def test_a_page_request_takes_the_fast_path():
    raw = json.dumps({"url": "https://a.com/", "html": "<p>é</p>" * 100, "title": "T"}).encode()
    assert _plain_object(raw) == json.loads(raw)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.text(), _json, max_size=4))
def test_whatever_orjson_accepts_it_reads_as_json_does(body):
    raw = json.dumps(body).encode("utf-8", "surrogatepass")
    fast = _plain_object(raw)
    if fast is not None:
        assert fast == _stdlib(raw)


@dataclasses.dataclass
class _Point:
    x: int


@pytest.mark.parametrize(
    "value",
    [
        {"text": 'é ü 😀 \u2028 \x00 \n "quoted" \\', "n": [1, 2.5, None, True]},
        {"big": 2**70},  # orjson refuses it: the default provider writes it
        {1: "a non-string key"},
        {"when": datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.UTC)},
        {"point": _Point(3)},
        [1, "two"],
    ],
)
def test_a_response_is_the_json_the_default_provider_writes(value):
    app = create_app(Config(cache_entries=0))
    with app.app_context():
        fast = app.json.response(value).get_data()
        slow = app.json.dumps(value, separators=(",", ":")).encode("utf-8") + b"\n"
    assert json.loads(fast) == json.loads(slow)
    assert fast.endswith(b"\n")

"""A marshmallow schema's checks, read once and run without marshmallow's machinery.

The host validates every annotation every plugin returns, and `Schema.load` costs tens of
microseconds per item. `compile_loader` walks a schema's fields once and returns a loader that
runs the same field types, the same validators (the schema's own objects, called directly) and
the same schema-level `validates_schema` hooks. The schema stays the one definition of the shape.

The loader only ever *accepts*: anything it is unsure of (a missing required field, an unknown
key, a type it does not handle, a value a validator rejects) returns None, and the caller then
runs `Schema.load`, which gives the error message. So the fast path cannot let through what
marshmallow would refuse, and cannot change what a refusal says.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from marshmallow import Schema, ValidationError, fields, missing

Loader = Callable[[Any], Any]


class _Unsure(Exception):
    """The value needs marshmallow's own judgement."""


def compile_loader(schema: Schema) -> Callable[[Any], dict[str, Any] | None]:
    """A function returning what `schema.load(data)` returns, or None to ask marshmallow."""
    load = _schema_loader(schema)

    def loader(data: Any) -> dict[str, Any] | None:
        try:
            return load(data)  # type: ignore[no-any-return]
        except (_Unsure, ValidationError):
            return None

    return loader


def _schema_loader(schema: Schema) -> Loader:
    hooks = schema._hooks  # marshmallow keeps the decorated hooks by kind here
    checks = hooks.get("validates_schema", [])
    others = [kind for kind, found in hooks.items() if found and kind != "validates_schema"]
    if others or any(many or options.get("pass_original") for _, many, options in checks):
        return _always_unsure  # pre/post-load hooks or options this loader does not reproduce
    schema_checks = [getattr(schema, name) for name, _, _ in checks]
    plan = []
    for name, field in schema.load_fields.items():
        plan.append((field.data_key or name, name, field, _field_loader(field)))
    known = {key for key, *_ in plan}

    def load(data: Any) -> dict[str, Any]:
        if not isinstance(data, Mapping) or not known.issuperset(data):
            raise _Unsure
        out: dict[str, Any] = {}
        for key, name, field, load_value in plan:
            if key in data:
                out[name] = load_value(data[key])
            elif field.required:
                raise _Unsure
            elif field.load_default is not missing:
                default = field.load_default
                out[name] = default() if callable(default) else default
        for check in schema_checks:
            check(out, partial=None, many=False)
        return out

    return load


def _field_loader(field: fields.Field[Any]) -> Loader:
    convert = _converter(field)
    validators = list(field.validators)

    def load(value: Any) -> Any:
        if value is None:
            if field.allow_none:
                return None
            raise _Unsure
        result = convert(value)
        for validator in validators:
            if validator(result) is False:
                raise _Unsure
        return result

    return load


def _converter(field: fields.Field[Any]) -> Loader:
    # Exact types only, and subclasses before their bases: anything else is marshmallow's call.
    kind = type(field)
    if isinstance(field, fields.String) and kind._deserialize is fields.String._deserialize:
        return _string  # String and the subclasses that only add validators (Url, HttpUrl)
    if isinstance(field, fields.Float) and kind is fields.Float and not field.as_string:
        if field.allow_nan:
            return _always_unsure
        return _finite_float
    if isinstance(field, fields.List) and kind is fields.List:
        inner = _field_loader(field.inner)
        return lambda value: [inner(item) for item in _sequence(value)]
    if isinstance(field, fields.Nested) and kind is fields.Nested and not field.many:
        return _schema_loader(field.schema)
    if isinstance(field, fields.Dict) and kind is fields.Dict:
        keys = None if field.key_field is None else _field_loader(field.key_field)
        values = None if field.value_field is None else _field_loader(field.value_field)
        return lambda value: _mapping(value, keys, values)
    return _always_unsure


def _string(value: Any) -> str:
    if type(value) is not str:
        raise _Unsure
    return value


def _finite_float(value: Any) -> float:
    if type(value) not in (int, float):
        raise _Unsure
    result = float(value)
    if not math.isfinite(result):
        raise _Unsure
    return result


def _sequence(value: Any) -> list[Any] | tuple[Any, ...]:
    if type(value) not in (list, tuple):
        raise _Unsure
    return value  # type: ignore[no-any-return]


def _mapping(value: Any, keys: Loader | None, values: Loader | None) -> dict[Any, Any]:
    if type(value) is not dict:
        raise _Unsure
    if keys is None and values is None:
        return dict(value)
    return {
        (key if keys is None else keys(key)): (item if values is None else values(item))
        for key, item in value.items()
    }


def _always_unsure(_: Any) -> Any:
    raise _Unsure

"""The JSON Schema of model files, derived from the model classes so editors can check and complete them.

Types come from the attrs fields (strings, numbers, enums, lists, tables, nested classes); ranges and id
patterns come from the fields' own checks, by asking each check which sample values it accepts, so the
schema cannot drift from what loading enforces.

>>> schema = json_schema()
>>> schema["properties"]["schema"]
{'const': 'valuering/1'}
>>> schema["$defs"]["ServiceOffering"]["properties"]["maturity"]
{'type': 'integer', 'minimum': 1, 'maximum': 5}
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs
from cattrs.cols import is_mapping

from valuering._document._envelope import MODEL_MIGRATIONS
from valuering.errors import ValidationError
from valuering.model import PMO, _checks

__all__ = ["json_schema"]

Schema = dict[str, Any]
_KEBAB = _checks.ID_PATTERN.pattern
_SAMPLE_INTS = range(-1, 12)


def json_schema() -> Schema:
    """A JSON Schema (draft 2020-12) for model files: the envelope plus the :class:`PMO` fields.

    >>> import json
    >>> "ServiceOffering" in json.dumps(json_schema())
    True
    """
    definitions: dict[str, Schema] = {}
    root = _class_schema(PMO, definitions)
    root["properties"] = {"schema": {"const": MODEL_MIGRATIONS.current}, **root["properties"]}
    root["required"] = ["schema", *root["required"]]
    definitions.pop(PMO.__name__, None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://valuering.dev/schema/valuering-1.json",
        "title": "valuering model file",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def _class_schema(kind: type, definitions: dict[str, Schema]) -> Schema:
    attrs.resolve_types(kind)
    properties: dict[str, Schema] = {}
    required: list[str] = []
    for field in attrs.fields(kind):
        field_schema = _type_schema(field.type, definitions)
        check = field.metadata.get(_checks.CHECK)
        if check is not None:
            field_schema = _with_constraints(field_schema, field, check)
        properties[field.name] = field_schema
        if field.default is attrs.NOTHING:
            required.append(field.name)
    schema: Schema = {"type": "object"}
    if kind.__doc__:
        schema["description"] = kind.__doc__.strip().split("\n\n")[0].replace("\n", " ")
    schema.update(properties=properties, required=required, additionalProperties=False)
    return schema


def _ref(kind: type, definitions: dict[str, Schema]) -> Schema:
    if kind.__name__ not in definitions:
        definitions[kind.__name__] = {}  # reserved first, so recursive classes terminate
        definitions[kind.__name__] = _class_schema(kind, definitions)
    return {"$ref": f"#/$defs/{kind.__name__}"}


def _type_schema(kind: Any, definitions: dict[str, Schema]) -> Schema:
    args = [a for a in get_args(kind) if a is not type(None)]
    if type(None) in get_args(kind):
        return {"anyOf": [_type_schema(args[0], definitions), {"type": "null"}]}
    origin = get_origin(kind) or kind
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return {"type": "string", "enum": [m.value for m in kind]}
    if kind is bool:
        return {"type": "boolean"}
    if kind is int:
        return {"type": "integer"}
    if kind is float:
        return {"type": "number"}
    if kind is str:
        return {"type": "string"}
    if isinstance(kind, type) and attrs.has(kind):
        return _ref(kind, definitions)
    if is_mapping(kind):
        values = args[1] if len(args) > 1 else Any
        if values is Any:
            return {"type": "object"}
        return {"type": "object", "additionalProperties": _type_schema(values, definitions)}
    if origin in (tuple, list):
        return {"type": "array", "items": _type_schema(args[0], definitions)}
    if origin in (frozenset, set):
        return {"type": "array", "items": _type_schema(args[0], definitions), "uniqueItems": True}
    return {}


def _accepts(check: Callable[..., None], field: attrs.Attribute[Any], value: object) -> bool:
    try:
        check(None, field, value)
    except ValidationError:
        return False
    return True


def _number_bounds(accepts: Callable[[object], bool], integer: bool) -> Schema:
    """Bounds of a number check, read from which sample values it accepts."""
    if integer:
        accepted = [n for n in _SAMPLE_INTS if accepts(n)]
        if not accepted or accepted == list(_SAMPLE_INTS):
            return {}
        bounds: Schema = {}
        if accepted[0] > _SAMPLE_INTS[0]:
            bounds["minimum"] = accepted[0]
        if accepted[-1] < _SAMPLE_INTS[-1]:
            bounds["maximum"] = accepted[-1]
        return bounds
    bounds = {}
    if accepts(0.0) and not accepts(-1e-9):
        bounds["minimum"] = 0
    elif accepts(1e-9) and not accepts(0.0):
        bounds["exclusiveMinimum"] = 0
    if accepts(1.0) and not accepts(1.0 + 1e-9):
        bounds["maximum"] = 1
    return bounds


def _string_rules(accepts: Callable[[object], bool]) -> Schema:
    if accepts("a-1") and not accepts("A 1"):
        return {"pattern": _KEBAB}
    if not accepts("") and not accepts("  "):
        return {"minLength": 1, "pattern": r"\S"}
    return {}


def _scalar_rules(schema: Schema, accepts: Callable[[object], bool]) -> Schema:
    kind = schema.get("type")
    if kind == "integer":
        return _number_bounds(accepts, integer=True)
    if kind == "number":
        return _number_bounds(accepts, integer=False)
    if kind == "string" and "enum" not in schema:
        return _string_rules(accepts)
    return {}


def _sample(schema: Schema) -> object:
    """A value of the schema's type that a check can be probed with (None when there is none)."""
    if "enum" in schema:
        return None
    return {"integer": 3, "number": 0.5, "string": "a-1"}.get(schema.get("type", ""))


def _with_constraints(
    schema: Schema, field: attrs.Attribute[Any], check: Callable[..., None]
) -> Schema:
    def accepts(value: object) -> bool:
        return _accepts(check, field, value)

    if "anyOf" in schema:
        inner = schema["anyOf"][0]
        return {"anyOf": [{**inner, **_scalar_rules(inner, accepts)}, schema["anyOf"][1]]}
    if schema.get("type") == "array" and "type" in schema["items"]:
        items = schema["items"]
        rules = _scalar_rules(items, lambda v: accepts((v,)))
        return {**schema, "items": {**items, **rules}}
    if schema.get("type") == "object" and "additionalProperties" in schema:
        values = schema["additionalProperties"]
        sample = _sample(values)
        result = {**schema}
        if sample is not None:
            rules = _scalar_rules(values, lambda v: accepts({"a-1": v}))
            result["additionalProperties"] = {**values, **rules}
        key_rules = _string_rules(lambda k: accepts({k: sample}) if sample is not None else True)
        if "pattern" in key_rules and sample is not None:
            result["propertyNames"] = {"pattern": key_rules["pattern"]}
        return result
    return {**schema, **_scalar_rules(schema, accepts)}

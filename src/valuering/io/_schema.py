"""The JSON Schema of model files, derived from the model classes so editors can check and complete them.

Types come from the attrs fields (strings, numbers, enums, lists, tables, nested classes); ranges and id
patterns come from the fields' own checks, which carry them as data (``int_between(1, 5)`` has
``minimum`` 1 and ``maximum`` 5), so the schema cannot drift from what loading enforces.

>>> schema = json_schema()
>>> schema["properties"]["schema"]
{'const': 'valuering/1'}
>>> schema["$defs"]["ServiceOffering"]["properties"]["maturity"]
{'type': 'integer', 'minimum': 1, 'maximum': 5}
"""

from __future__ import annotations

import datetime
import enum
from typing import Any, get_args, get_origin

import attrs
from cattrs.cols import is_mapping

from valuering._document._envelope import CATALOG_MIGRATIONS, MODEL_MIGRATIONS, Migrations
from valuering.catalog._files import CatalogDocument
from valuering.model import PMO, _checks

__all__ = ["catalog_json_schema", "json_schema"]

Schema = dict[str, Any]


def json_schema() -> Schema:
    """A JSON Schema (draft 2020-12) for model files: the envelope plus the :class:`PMO` fields.

    >>> import json
    >>> "ServiceOffering" in json.dumps(json_schema())
    True
    """
    return _file_schema(PMO, MODEL_MIGRATIONS, "valuering-1", "valuering model file")


def catalog_json_schema() -> Schema:
    """A JSON Schema (draft 2020-12) for catalog files: the envelope plus the catalog document.

    >>> schema = catalog_json_schema()
    >>> schema["properties"]["schema"], schema["required"]
    ({'const': 'valuering-catalog/1'}, ['schema', 'name'])
    >>> schema["$defs"]["Link"]["properties"]["strength"]
    {'type': 'number', 'minimum': 0, 'maximum': 1}
    """
    return _file_schema(
        CatalogDocument, CATALOG_MIGRATIONS, "valuering-catalog-1", "valuering catalog file"
    )


def _file_schema(kind: type, migrations: Migrations, name: str, title: str) -> Schema:
    definitions: dict[str, Schema] = {}
    root = _class_schema(kind, definitions)
    root["properties"] = {"schema": {"const": migrations.current}, **root["properties"]}
    root["required"] = ["schema", *root["required"]]
    definitions.pop(kind.__name__, None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://valuering.dev/schema/{name}.json",
        "title": title,
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
            field_schema = _with_constraints(field_schema, check)
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
    if kind is datetime.date:
        return {"type": "string", "format": "date"}
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


def _bounds(check: _checks.Check, integer: bool) -> Schema:
    """The number bounds a check carries, as JSON Schema keywords."""
    bounds: Schema = {}
    for keyword, value in (
        ("minimum", check.minimum),
        ("exclusiveMinimum", check.exclusive_minimum),
        ("maximum", check.maximum),
    ):
        if value is not None:
            bounds[keyword] = int(value) if integer or float(value).is_integer() else value
    return bounds


def _string_rules(check: _checks.Check) -> Schema:
    rules: Schema = {}
    if check.min_length is not None:
        rules["minLength"] = check.min_length
    if check.pattern is not None:
        rules["pattern"] = check.pattern
    return rules


def _scalar_rules(schema: Schema, check: _checks.Check | None) -> Schema:
    if check is None:
        return {}
    kind = schema.get("type")
    if kind in ("integer", "number"):
        return _bounds(check, integer=kind == "integer")
    if kind == "string" and "enum" not in schema:
        return _string_rules(check)
    return {}


def _with_constraints(schema: Schema, check: _checks.Check) -> Schema:
    if "anyOf" in schema:
        inner = schema["anyOf"][0]
        return {"anyOf": [{**inner, **_scalar_rules(inner, check)}, schema["anyOf"][1]]}
    if schema.get("type") == "array" and "type" in schema["items"]:
        items = schema["items"]
        return {**schema, "items": {**items, **_scalar_rules(items, check.items)}}
    if schema.get("type") == "object" and "additionalProperties" in schema:
        values = schema["additionalProperties"]
        result = {
            **schema,
            "additionalProperties": {**values, **_scalar_rules(values, check.values)},
        }
        if check.keys is not None and check.keys.pattern is not None:
            result["propertyNames"] = {"pattern": check.keys.pattern}
        return result
    return {**schema, **_scalar_rules(schema, check)}

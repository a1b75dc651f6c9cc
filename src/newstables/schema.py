"""Table Schemas and the Data Package descriptor, generated from the row models.

>>> table_schema(Figure)["primaryKey"]
['figure_id']
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum
from typing import Any

from pydantic.fields import FieldInfo

from .models import TABLES, Row

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"

_TYPES: dict[type, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    dt.date: "date",
}


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """Strip ``X | None``: return (X, nullable)."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args:
        inner = [a for a in args if a is not type(None)]
        return inner[0], True
    return annotation, False


def _metadata(info: FieldInfo, name: str) -> Any:
    return next((getattr(m, name) for m in info.metadata if hasattr(m, name)), None)


def field_descriptor(name: str, info: FieldInfo) -> dict[str, Any]:
    """One Table Schema field from one pydantic field."""
    annotation, nullable = _unwrap(info.annotation)
    descriptor: dict[str, Any] = {"name": name, "description": info.description or ""}
    constraints: dict[str, Any] = {}
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = [member.value for member in annotation]
        descriptor["type"] = "string"
        descriptor["categories"] = values
        constraints["enum"] = values
    elif typing.get_origin(annotation) is list:
        descriptor["type"] = "array"
    else:
        descriptor["type"] = _TYPES[annotation]
    if not nullable:
        constraints["required"] = True
    for key, attr in (("pattern", "pattern"), ("minLength", "min_length")):
        if (value := _metadata(info, attr)) is not None:
            constraints[key] = value
    for key, attr in (("minimum", "ge"),):
        if (value := _metadata(info, attr)) is not None:
            constraints[key] = value
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def table_schema(model: type[Row]) -> dict[str, Any]:
    """The Table Schema of one row model."""
    meta = model.TABLE
    return {
        "$schema": SCHEMA_PROFILE,
        "fields": [field_descriptor(n, i) for n, i in model.model_fields.items()],
        "missingValues": [""],
        "primaryKey": [meta.primary_key],
        "foreignKeys": [
            {
                "fields": [column],
                "reference": {"resource": table, "fields": [TABLES[table].TABLE.primary_key]},
            }
            for column, table in meta.foreign_keys.items()
        ],
    }


def all_table_schemas() -> dict[str, dict[str, Any]]:
    """Every table's schema, by table name."""
    return {name: table_schema(model) for name, model in TABLES.items()}

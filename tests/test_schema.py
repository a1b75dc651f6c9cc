"""The Table Schemas and datapackage.json are generated from the models and never drift."""

from __future__ import annotations

import json
from pathlib import Path

from newstables.curation import DEFAULT_CURATION, Curation
from newstables.models import TABLES, EventType, Qualifier
from newstables.schema import PACKAGE_PROFILE, all_table_schemas, table_schema

ROOT = Path(__file__).resolve().parents[1]


def test_committed_schemas_match_the_models() -> None:
    for name, schema in all_table_schemas().items():
        committed = json.loads((ROOT / "schema" / f"{name}.json").read_text(encoding="utf-8"))
        assert committed == schema, f"schema/{name}.json drifted: rebuild with `newstables build`"


def test_committed_datapackage_matches_the_models_and_metadata() -> None:
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    metadata = Curation.load(DEFAULT_CURATION).package
    assert package["$schema"] == PACKAGE_PROFILE
    assert package["version"] == metadata["version"]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    schemas = all_table_schemas()
    for resource in package["resources"]:
        if resource["name"] in schemas:
            assert resource["schema"] == schemas[resource["name"]], resource["name"]
    assert set(TABLES) <= {r["name"] for r in package["resources"]}


def test_every_field_is_described_and_typed() -> None:
    for model in TABLES.values():
        for field in table_schema(model)["fields"]:
            assert field["description"], f"{model.TABLE.name}.{field['name']} has no description"
            assert field["type"] in {"string", "integer", "number", "boolean", "date", "array"}


def test_vocabularies_carry_enum_and_categories() -> None:
    figures = {f["name"]: f for f in table_schema(TABLES["figures"])["fields"]}
    assert figures["qualifier"]["constraints"]["enum"] == [q.value for q in Qualifier]
    assert figures["qualifier"]["categories"] == [q.value for q in Qualifier]
    events = {f["name"]: f for f in table_schema(TABLES["events"])["fields"]}
    assert "STATEMENT" in events["event_type"]["constraints"]["enum"]
    assert len(events["event_type"]["categories"]) == len(EventType)


def test_keys_are_arrays_and_reference_real_tables() -> None:
    for name, model in TABLES.items():
        schema = table_schema(model)
        assert schema["primaryKey"] == [model.TABLE.primary_key]
        for key in schema["foreignKeys"]:
            assert isinstance(key["fields"], list)
            assert key["reference"]["resource"] in TABLES, name

"""Scores for the quotes table (filled in by its issue)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def score(
    gold: list[dict[str, Any]], tables: dict[str, list[dict[str, str]]], bench: Path
) -> dict[str, Any]:
    """Metrics of this table against the gold; empty until implemented."""
    return {}

"""Human decisions as data: the entity registry, the codebook and package metadata.

>>> curation = Curation.load(DEFAULT_CURATION)
>>> curation.package["name"]
'newstables-korea-kursk'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .registry import Registry, read_yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ARTICLES = PROJECT_ROOT / "data" / "articles"
DEFAULT_CURATION = PROJECT_ROOT / "data" / "curation"


@dataclass
class Curation:
    """Everything in data/curation/: registry, codebook sections, decisions, package metadata."""

    registry: Registry
    codebook: dict[str, Any] = field(default_factory=dict)
    decisions: dict[str, Any] = field(default_factory=dict)
    package: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path = DEFAULT_CURATION) -> Curation:
        """Read entities.yaml, codebook.yaml, decisions.yaml and package.yaml from a folder."""
        entities = folder / "entities.yaml"
        return cls(
            registry=Registry.load(entities) if entities.exists() else Registry(),
            codebook=read_yaml(folder / "codebook.yaml") or {},
            decisions=read_yaml(folder / "decisions.yaml") or {},
            package=read_yaml(folder / "package.yaml") or {},
        )

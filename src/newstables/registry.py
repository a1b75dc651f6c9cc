"""The curated entity registry (data/curation/entities.yaml) and name look-ups.

>>> registry = Registry.load(Path("data/curation/entities.yaml"))
>>> registry.by_alias("Kim Jong-un").entity_id
'kim-jong-un'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .models import Entity, EntityType

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; a missing optional file reads as None."""
    import yaml  # an extra of the build engine; the loader never needs it

    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Normalise a name for look-up: case, accents, apostrophes, dots, hyphens and 'the'
    (memoised: the same mentions are looked up many times per article).

    >>> name_key("the U.S. State Department's")
    'us state department'
    """
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"'s\b|'$", "", text)
    text = text.replace(".", "").replace("-", " ")
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return " ".join(text.split())


def slugify(name: str) -> str:
    """A stable entity slug from a name: ``slugify("Yang Moo-jin") == "yang-moo-jin"``."""
    return "-".join(name_key(name).split()) or "unnamed"


@dataclass(frozen=True)
class RegistryEntry:
    """One curated entity with the extra look-up facts the extractors use."""

    entity_id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    gender: str | None = None
    country: str | None = None
    wikidata_id: str | None = None
    description: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.name, *self.aliases)

    def to_row(self, mentions: int = 0) -> Entity:
        """The published entities row."""
        return Entity(
            entity_id=self.entity_id,
            name=self.name,
            type=self.type,
            aliases=sorted({a for a in self.aliases if a != self.name}),
            wikidata_id=self.wikidata_id or None,
            description=self.description or None,
            anonymous=False,
            origin="registry",
            mentions=mentions,
        )


@dataclass
class Registry:
    """Entities by id with alias, role and metonym indexes (all keyed by ``name_key``)."""

    entries: dict[str, RegistryEntry] = field(default_factory=dict)
    _aliases: dict[str, str] = field(default_factory=dict)
    _roles: dict[str, str] = field(default_factory=dict)
    _metonyms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Registry:
        """Read and check a registry YAML file."""
        raw = read_yaml(path) or []
        registry = cls()
        for index, item in enumerate(raw):
            try:
                entry = RegistryEntry(
                    entity_id=item["id"],
                    name=item["name"],
                    type=EntityType(item["type"]),
                    aliases=tuple(item.get("aliases") or ()),
                    roles=tuple(item.get("roles") or ()),
                    metonyms=tuple(item.get("metonyms") or ()),
                    gender=item.get("gender") or None,
                    country=item.get("country") or None,
                    wikidata_id=item.get("wikidata_id") or None,
                    description=item.get("description") or None,
                )
            except (KeyError, TypeError, ValueError) as err:
                raise ValueError(f"{path}: entry {index + 1}: {err!r}") from None
            registry.add(entry)
        return registry

    def add(self, entry: RegistryEntry) -> None:
        """Add an entry; its names must not already belong to another entity."""
        if entry.entity_id in self.entries:
            raise ValueError(f"duplicate entity id {entry.entity_id!r}")
        self.entries[entry.entity_id] = entry
        for index, names in ((self._aliases, entry.names), (self._roles, entry.roles)):
            for name in names:
                index.setdefault(name_key(name), entry.entity_id)
        for name in entry.metonyms:
            self._metonyms.setdefault(name_key(name), entry.entity_id)

    def get(self, entity_id: str | None) -> RegistryEntry | None:
        """The entry with this id, or None."""
        return self.entries.get(entity_id) if entity_id else None

    def by_alias(self, name: str) -> RegistryEntry | None:
        """The entity a proper name (or alias) denotes."""
        return self.get(self._aliases.get(name_key(name)))

    def by_role(self, phrase: str) -> RegistryEntry | None:
        """The entity a description denotes ("the Russian leader" → Putin)."""
        return self.get(self._roles.get(name_key(phrase)))

    def by_metonym(self, name: str) -> RegistryEntry | None:
        """The agent a place name stands for when it acts ("Pyongyang said" → North Korea)."""
        return self.get(self._metonyms.get(name_key(name)))

    def resolve(self, phrase: str, agent: bool = True) -> RegistryEntry | None:
        """Best entity for a mention: metonym (for agents), alias, then role."""
        return (
            (self.by_metonym(phrase) if agent else None)
            or self.by_alias(phrase)
            or self.by_role(phrase)
        )

"""Human decisions as data: the engine's default codebook, extended by a dataset's curation.

The engine ships a generic codebook (``src/newstables/codebook/*.yaml``: quantity kinds for any
news) and knows no entity. A dataset project's ``curation/`` folder (entity registry, codebook
extension, decisions, package metadata, site questions) *extends* those defaults; a build uses
the curation of its own dataset only (``curation_for``), never another dataset's.

>>> curation = Curation.load(DEFAULT_CURATION)
>>> curation.package["name"]
'newstables-korea-kursk'
>>> "money" in Curation.load(None).codebook["quantities"]["kinds"]
True
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .registry import Registry, read_yaml, slugify

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ARTICLES = PROJECT_ROOT / "data" / "articles"
DEFAULT_CURATION = PROJECT_ROOT / "data" / "curation"
ENGINE_CODEBOOK = Path(__file__).resolve().parent / "codebook"
# Engine codebook files this module merges (other files there belong to their extractors).
ENGINE_SECTIONS = ("quantities.yaml",)
PLACEHOLDER = "TODO"  # marks a package.yaml value that `newstables init` left for the user
CURATION_FILES = ("entities.yaml", "codebook.yaml", "decisions.yaml", "package.yaml")


def merge(defaults: Any, extension: Any) -> Any:
    """The extension over the defaults, for any section.

    Dicts merge key by key (the extension's keys first, so its entries are tried first; a key
    set to null removes the default), lists are the extension's items then the defaults' not
    already listed, and any other value replaces the default.

    >>> merge({"a": [1, 2], "b": {"x": 1, "y": 2}}, {"a": [3, 1], "b": {"y": None, "z": 3}})
    {'a': [3, 1, 2], 'b': {'z': 3, 'x': 1}}
    """
    if isinstance(defaults, dict) and isinstance(extension, dict):
        merged = {k: merge(defaults.get(k), v) for k, v in extension.items() if v is not None}
        merged.update({k: v for k, v in defaults.items() if k not in extension})
        return merged
    if isinstance(defaults, list) and isinstance(extension, list):
        return [*extension, *(item for item in defaults if item not in extension)]
    return defaults if extension is None else extension


def engine_codebook() -> dict[str, Any]:
    """The engine's default codebook sections (package data, no subject, no entity)."""
    codebook: dict[str, Any] = {}
    for name in ENGINE_SECTIONS:
        codebook = merge(codebook, read_yaml(ENGINE_CODEBOOK / name) or {})
    return codebook


def neutral_package(name: str) -> dict[str, Any]:
    """Package metadata for a dataset without package.yaml: nothing of any other dataset."""
    slug = slugify(name)
    return {
        "name": slug if slug != "unnamed" else "newstables-dataset",
        "title": f"newstables dataset: {name}",
        "description": (
            f"Quotations, figures and events extracted by newstables from the articles in {name}."
        ),
        "version": "0.1.0",
    }


def placeholders(package: dict[str, Any]) -> list[str]:
    """The package.yaml keys whose values still hold the ``TODO`` placeholder of ``init``.

    >>> placeholders({"title": "TODO: your title", "version": "0.1.0"})
    ['title']
    """
    return [key for key, value in package.items() if PLACEHOLDER in repr(value)]


@dataclass
class Curation:
    """Registry, codebook (engine defaults + extension), decisions and package metadata."""

    registry: Registry
    codebook: dict[str, Any] = field(default_factory=dict)
    decisions: dict[str, Any] = field(default_factory=dict)
    package: dict[str, Any] = field(default_factory=dict)
    folder: Path | None = None  # None: the engine defaults alone

    @classmethod
    def load(cls, folder: Path | None = DEFAULT_CURATION, name: str = "") -> Curation:
        """Read a curation folder over the engine defaults; ``None``: the defaults alone.

        ``name`` names the dataset in the neutral package metadata (package.yaml overrides it).
        """
        folder = folder if folder is not None and folder.is_dir() else None
        if folder is None:
            return cls(Registry(), engine_codebook(), {}, neutral_package(name or "articles"))
        entities = folder / "entities.yaml"
        default_name = name or folder.resolve().parent.name
        return cls(
            registry=Registry.load(entities) if entities.exists() else Registry(),
            codebook=merge(engine_codebook(), read_yaml(folder / "codebook.yaml") or {}),
            decisions=read_yaml(folder / "decisions.yaml") or {},
            package={**neutral_package(default_name), **(read_yaml(folder / "package.yaml") or {})},
            folder=folder,
        )


def _digests(folder: Path) -> set[tuple[str, str]]:
    return {
        (p.name, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in folder.iterdir()
        if p.is_file() and not p.is_symlink() and p.suffix.lower() == ".txt"
    }


def is_bundled_corpus(articles: Path) -> bool:
    """Whether ``articles`` is this repository's data/articles, or a byte-identical copy of its
    texts (the seed gold set): only then does a build default to the bundled curation."""
    if not articles.is_dir() or not DEFAULT_ARTICLES.is_dir():
        return False
    if articles.resolve() == DEFAULT_ARTICLES.resolve():
        return True
    bundled = [p for p in DEFAULT_ARTICLES.iterdir() if p.suffix.lower() == ".txt"]
    mine = [p for p in articles.iterdir() if p.suffix.lower() == ".txt"]
    return len(bundled) == len(mine) and _digests(articles) == _digests(DEFAULT_ARTICLES)


def curation_for(articles: Path) -> Path | None:
    """The curation folder a build of ``articles`` uses when none is given, or None.

    This repository's articles use data/curation; a dataset project's ``articles/`` (a folder,
    or a .jsonl/.csv file) uses the ``curation/`` beside it; anything else the engine defaults.

    >>> curation_for(Path("/tmp/my-news/articles"))   # /tmp/my-news/curation if it exists
    """
    if is_bundled_corpus(articles):
        return DEFAULT_CURATION
    folder = articles if articles.is_dir() else articles.parent
    candidates = [folder.parent / "curation"]
    if not articles.is_dir():
        candidates.insert(0, folder / "curation")
    return next((c for c in candidates if c.is_dir()), None)


def dataset_name(articles: Path) -> str:
    """A neutral name for a dataset from where its articles are ("my-news" for my-news/articles).

    >>> dataset_name(Path("/tmp/water-rates/articles"))
    'water-rates'
    """
    path = articles.resolve()
    stem = path.stem if path.is_file() or path.suffix else path.name
    if re.fullmatch(r"articles?|data|input|pages", stem, re.IGNORECASE) and path.parent.name:
        return path.parent.name
    return stem

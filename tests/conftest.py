"""Shared fixtures: the bundled corpus and one package built from it per test session."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from newstables.build import build
from newstables.curation import DEFAULT_ARTICLES, DEFAULT_CURATION, Curation
from newstables.extract import ArticleContext
from newstables.models import Article
from newstables.registry import Registry

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip @pytest.mark.slow tests unless --runslow is given."""
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def seed_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the bundled articles (tests may not touch data/articles)."""
    folder = tmp_path_factory.mktemp("articles")
    for path in DEFAULT_ARTICLES.iterdir():
        shutil.copyfile(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def built_package(seed_articles: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A package built from the seed articles; returns the folder holding datapackage.json."""
    out = tmp_path_factory.mktemp("package")
    build(seed_articles, out, curation_dir=DEFAULT_CURATION)
    return out


@pytest.fixture(scope="session")
def pipeline() -> tuple[Curation, Language]:
    """The curation and the spaCy pipeline built from its registry, loaded once per session."""
    from newstables.nlp import build_pipeline

    curation = Curation.load(DEFAULT_CURATION)
    return curation, build_pipeline(curation.registry)


@pytest.fixture(scope="session")
def curation(pipeline: tuple[Curation, Language]) -> Curation:
    """The bundled curation (registry, codebook, decisions, package metadata)."""
    return pipeline[0]


MakeContext = Callable[..., ArticleContext]


def context_maker(curation: Curation, nlp: Language) -> MakeContext:
    """A function parsing a snippet as a whole article with one curation and pipeline."""

    def make(text: str, article_id: str = "t", published: dt.date | None = None) -> ArticleContext:
        article = Article(
            article_id=article_id,
            outlet=None,
            url=None,
            title=None,
            published=published,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(),
            chars=len(text),
            words=len(text.split()),
            path=f"data/articles/{article_id}.txt",
            notes=None,
        )
        return ArticleContext(article, text, nlp(text), curation)

    return make


@pytest.fixture(scope="session")
def make_context(pipeline: tuple[Curation, Language]) -> MakeContext:
    """Parse a snippet as a whole article: ``make_context("Kim said …", published=date)``."""
    return context_maker(*pipeline)


@pytest.fixture(scope="session")
def make_plain_context() -> MakeContext:
    """Like ``make_context`` but with an empty entity registry: nothing is known in advance.

    The codebook stays (it says what figures count and which words trigger events); no name,
    alias or description of the seed registry reaches the pipeline or the extractors.
    """
    from newstables.nlp import build_pipeline

    plain = Curation(registry=Registry(), codebook=Curation.load(DEFAULT_CURATION).codebook)
    make = context_maker(plain, build_pipeline(plain.registry))

    def make_quietly(
        text: str, article_id: str = "t", published: dt.date | None = None
    ) -> ArticleContext:
        with warnings.catch_warnings():  # spaCy W036: the entity ruler has no patterns
            warnings.filterwarnings("ignore", message=r"\[W036\]", category=UserWarning)
            return make(text, article_id, published)

    return make_quietly


@pytest.fixture(scope="session")
def claimants(make_plain_context: MakeContext) -> Callable[[str], dict[str, str | None]]:
    """Figure surface → claimant surface in a made-up text (empty registry), quotations first
    as a build runs them: ``claimants("Roe said 40 ferries were idle.")["40 ferries"]``."""
    from newstables.extract.figures import extract_figures
    from newstables.extract.quotes import extract_quotations

    def run(text: str) -> dict[str, str | None]:
        ctx = make_plain_context(text)
        quotations, _ = extract_quotations(ctx)
        figures, _ = extract_figures(ctx, quotations)
        return {f.surface: f.claimant_surface for f in figures}

    return run

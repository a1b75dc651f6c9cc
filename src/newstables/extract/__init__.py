"""Per-article extraction: pure functions of one parsed article.

>>> result = extract_article(ArticleContext(article, text, doc, curation))
>>> len(result.quotations), len(result.figures), len(result.events)
(9, 3, 7)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Doc

from ..curation import Curation
from ..models import Article, DateBasis, EntityType, EventType, Factuality, Figure, Quotation

ENGINE_VERSION = "0.5.0"  # bump when extraction output changes: it keys the per-article cache


@dataclass(frozen=True)
class ArticleContext:
    """What every extractor reads: the article row, its exact text, its parse and the curation."""

    article: Article
    text: str
    doc: Doc
    curation: Curation


class Draft(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NewEntity(Draft):
    """A speaker or claimant not in the registry, proposed by an extractor."""

    entity_id: str
    name: str
    type: EntityType
    surface: str
    anonymous: bool = False  # an unnamed source, scoped to its article
    description: str | None = None


class EventDraft(Draft):
    """One event mention before cross-article merging (assemble turns drafts into events)."""

    event_type: EventType
    mode: str | None = None
    actor_id: str | None = None
    co_actor_ids: list[str] = []  # further agents of a coordinated subject ("Putin and Kim")
    recipient_id: str | None = None
    location_id: str | None = None
    date: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_basis: DateBasis = DateBasis.unknown
    factuality: Factuality = Factuality.asserted
    key: str | None = None  # a codebook event key, when the trigger names a known kind of event
    article_id: str
    text: str
    char_start: int
    char_end: int
    trigger: str
    phrase: str | None = None  # the event as a clause, for the summary ("X vetoed a rate cap")


class ArticleResult(Draft):
    """Everything extracted from one article (cacheable by text hash + engine version)."""

    article_id: str
    quotations: list[Quotation] = []
    figures: list[Figure] = []
    events: list[EventDraft] = []
    new_entities: list[NewEntity] = []


def extract_article(ctx: ArticleContext) -> ArticleResult:
    """Run every extractor on one article."""
    from .events import event_mentions
    from .figures import extract_figures
    from .quotes import extract_quotations

    quotations, quote_entities = extract_quotations(ctx)
    figures, figure_entities = extract_figures(ctx, quotations)
    events, event_entities = event_mentions(ctx)
    return ArticleResult(
        article_id=ctx.article.article_id,
        quotations=quotations,
        figures=figures,
        events=events,
        new_entities=[*quote_entities, *figure_entities, *event_entities],
    )

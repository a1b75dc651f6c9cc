"""Event mentions (issue: events)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import ArticleContext, EventDraft


def extract_events(ctx: ArticleContext) -> list[EventDraft]:
    """Every event mention in the article."""
    return []

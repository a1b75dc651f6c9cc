"""Numeric claims (issue: figures)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Figure, Quotation

if TYPE_CHECKING:
    from . import ArticleContext, NewEntity


def extract_figures(
    ctx: ArticleContext, quotations: list[Quotation]
) -> tuple[list[Figure], list[NewEntity]]:
    """Every numeric claim in the article with its claimant."""
    return [], []

"""Direct quotations and their speakers (issue: quotations)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Quotation

if TYPE_CHECKING:
    from . import ArticleContext, NewEntity


def extract_quotations(ctx: ArticleContext) -> tuple[list[Quotation], list[NewEntity]]:
    """Every quoted piece in the article with its attribution."""
    return [], []

"""Quotation clusters: the same statement across articles (issue: quotations)."""

from __future__ import annotations

from ..models import Quotation


def cluster_quotations(quotations: list[Quotation]) -> list[Quotation]:
    """Give quotations of one statement one cluster_id (each statement its own until clustered)."""
    return quotations

"""Event merging across articles (issue: events)."""

from __future__ import annotations

from ..curation import Curation
from ..extract import EventDraft
from ..models import Event, EventMention


def merge_events(
    drafts: list[EventDraft], curation: Curation
) -> tuple[list[Event], list[EventMention]]:
    """One event per real-world event, with every mention."""
    return [], []

"""The summary line of a merged event: a sentence of the event, never a placeholder.

The line is the clause the extractor wrote for a mention whose actor is the event's ("Thomas
Whitfield vetoed a water-rate cap"), else one written from the parts ("North Korea deployed
troops to Russia"); then the place, the date in words and the factuality ("(planned)").
An event whose actor no text names says so: "(actor not named) sent reinforcements".

>>> summary(drafts, parts, dated, Factuality.asserted, registry)
'Thomas Whitfield vetoed a water-rate cap (20 February 2026)'
"""

from __future__ import annotations

from ..edtf import label
from ..extract import EventDraft
from ..models import EventType, Factuality
from ..registry import Registry

NO_ACTOR = "(actor not named)"
# (without a recipient, with one): by key first, then by type
PHRASES: dict[str, tuple[str, str]] = {
    "deployment": ("deployed {mode}", "deployed {mode} to {r}"),
    "reinforcement": ("sent reinforcements", "sent reinforcements to {r}"),
    "treaty": ("signed a treaty", "signed a treaty with {r}"),
    "offer": ("offered assistance", "offered assistance to {r}"),
    "supply": ("supplied {mode} aid", "supplied {mode} aid to {r}"),
    "offensive": ("launched an offensive", "launched an offensive against {r}"),
    "recapture": ("retook territory", "retook territory from {r}"),
    "confirmation": (
        "confirmed its part for the first time",
        "confirmed its part for the first time",
    ),
    "AGREE": ("agreed", "agreed with {r}"),
    "CONSULT": ("held talks", "held talks with {r}"),
    "SUPPORT": ("expressed support", "praised {r}"),
    "CONCEDE": ("made a concession", "made a concession to {r}"),
    "COOPERATE": ("cooperated", "cooperated with {r}"),
    "AID": ("gave aid", "gave aid to {r}"),
    "RETREAT": ("pulled back", "pulled back from {r}"),
    "REQUEST": ("made a demand", "made a demand of {r}"),
    "ACCUSE": ("issued a condemnation", "condemned {r}"),
    "REJECT": ("rejected a claim", "rejected a claim by {r}"),
    "THREATEN": ("made a threat", "threatened {r}"),
    "PROTEST": ("protested", "protested against {r}"),
    "SANCTION": ("imposed a sanction", "imposed a sanction on {r}"),
    "MOBILIZE": ("mobilized {mode}", "mobilized {mode} against {r}"),
    "COERCE": ("used coercion", "used coercion against {r}"),
    "ASSAULT": ("attacked", "attacked {r}"),
    "STATEMENT": ("made a statement", "made a statement"),
}
FACTUALITY_NOTES = {
    Factuality.claimed: " (claimed)",
    Factuality.denied: " (denied)",
    Factuality.planned: " (planned)",
    Factuality.hypothetical: " (hypothetical)",
}


def summary(
    drafts: list[EventDraft],
    parts: dict[str, str | None],
    dated: EventDraft | None,
    factuality: Factuality,
    registry: Registry,
) -> str:
    """One line: the event as a sentence, its place, its date in words, its factuality."""
    first = min(drafts, key=lambda d: (d.article_id, d.char_start))
    line = _written(drafts, parts) or _composed(first.event_type, first.key, parts, registry)
    location = name(parts["location_id"], registry)
    if location and location not in line:
        line += f" in {location}"
    if dated and dated.date:
        line += f" ({label(dated.date)})"
    return line + FACTUALITY_NOTES.get(factuality, "")


def _written(drafts: list[EventDraft], parts: dict[str, str | None]) -> str | None:
    """The extractor's clause of the first mention whose actor is the event's."""
    ordered = sorted(drafts, key=lambda d: (d.article_id, d.char_start))
    return next((d.phrase for d in ordered if d.phrase and d.actor_id == parts["actor_id"]), None)


def _composed(
    event_type: EventType, key: str | None, parts: dict[str, str | None], registry: Registry
) -> str:
    alone, with_recipient = PHRASES.get(key or "", PHRASES[event_type.value])
    recipient = name(parts["recipient_id"], registry)
    phrase = (with_recipient if recipient else alone).format(
        mode=parts.get("mode") or "forces", r=recipient
    )
    return f"{name(parts['actor_id'], registry) or NO_ACTOR} {phrase}"


def name(entity_id: str | None, registry: Registry) -> str | None:
    """The registry name of an entity, else its id in words."""
    entry = registry.get(entity_id)
    if entry is not None:
        return entry.name
    return entity_id.replace("-", " ").title() if entity_id else None

"""What the event modules share: the article being read and one fired trigger.

>>> hit = Hit(token, rule, EventType.AGREE, None, None)
>>> hit.actor is None
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ...models import EventType, Factuality
from ...registry import Registry, RegistryEntry
from ..dates import DateValue
from .index import TokenIndex
from .lexicon import EventCodebook, Pattern, TriggerRule

if TYPE_CHECKING:
    from .. import ArticleContext, NewEntity


@dataclass
class Hit:
    """A trigger token with the rule it fired and the arguments found so far."""

    token: Token
    rule: TriggerRule | Pattern
    type: EventType
    key: str | None
    mode: str | None
    actor: str | None = None
    co_actors: tuple[str, ...] = ()
    recipient: str | None = None
    location: str | None = None
    date: DateValue | None = None
    factuality: Factuality = Factuality.asserted
    anchor: Token | None = None  # the verb of saying that governs a speech act
    reported: bool = False  # the sayer acts: "X said the deployment must end"
    curated: bool = False  # fired by a curation rule (keyed), not the engine lexicon
    phrase: str | None = None  # the predicate in words: "vetoed a water-rate cap"
    target: Token | None = None  # whom words of blame are about ("said Kim was unfit": Kim)


@dataclass
class Article:
    """What the trigger and argument finders need about one article."""

    ctx: ArticleContext
    doc: Doc
    registry: Registry
    book: EventCodebook
    published: date | None
    quotes: tuple[tuple[int, int], ...]
    people: tuple[tuple[int, str, str | None, bool], ...]  # (start, entity id, gender, subject)
    lower: str  # the article text, lower-cased once (Doc.text rebuilds the string per call)
    index: TokenIndex  # per-word lists of the Doc, read once
    quoted: list[bool]  # per word: whether it lies between quote marks (or in an embedded post)
    names: dict[str, str] = field(default_factory=dict)  # entity id → name, for phrases
    proposed: dict[str, NewEntity] = field(default_factory=dict)  # entities found by events
    idioms: frozenset[int] | None = None  # offsets inside fixed phrases (triggers._idiom)
    firing: list[bool] | None = None  # per word: whether a trigger may fire (triggers.may_fire)
    named: dict[int, str | None] = field(default_factory=dict)  # entity start → id (entities)
    speaking: str | None = None  # the actor whose clause is being written (phrases)
    proposing: bool = True  # off while a curated rule's arguments are read (registry only)
    resolved: dict[tuple[str, bool], RegistryEntry | None] = field(default_factory=dict)
    entities: dict[tuple[int, bool], str | None] = field(default_factory=dict)  # registry_entity
    proposals: dict[int, str | None] = field(default_factory=dict)  # word → entities.propose

    def in_quote(self, token: Token) -> bool:
        """Whether the token lies between quote marks."""
        return self.quoted[token.i]

    def text_of(self, span: Span) -> str:
        """The span's text, cut from the article (``span.text`` joins its Tokens' texts)."""
        return self.ctx.text[span.start_char : span.end_char]

    def resolve(self, phrase: str, agent: bool) -> RegistryEntry | None:
        """``registry.resolve``, looked up once per phrase in the article."""
        key = (phrase, agent)
        if key not in self.resolved:
            self.resolved[key] = self.registry.resolve(phrase, agent=agent)
        return self.resolved[key]

    def name(self, entity_id: str | None) -> str | None:
        """A readable name for an entity id (registry, else proposed)."""
        entry = self.registry.get(entity_id)
        if entry is not None:
            return entry.name
        proposed = self.proposed.get(entity_id or "")
        return proposed.name if proposed else None

"""Row models: the single source of truth for every published table.

Each model is one table row. Field descriptions become the Table Schema descriptions, the
Datasette column notes and the loader's docs; ``TABLE`` carries the table-level metadata.

>>> Quotation.TABLE.primary_key
'quotation_id'
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ARTICLE_ID = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
HASH_ID = r"^[a-z]{1,3}_[0-9a-f]{16}$"
EDTF = r"^[0-9X?~%/.\-]+$"


class EntityType(StrEnum):
    """Kinds of entity in the registry."""

    person = "person"
    organization = "organization"
    government_body = "government_body"
    state = "state"
    armed_force = "armed_force"
    media = "media"
    place = "place"
    group = "group"


class Qualifier(StrEnum):
    """How a figure bounds its value."""

    exact = "exact"
    approx = "approx"
    at_least = "at_least"
    more_than = "more_than"
    at_most = "at_most"
    less_than = "less_than"
    range = "range"


class EventType(StrEnum):
    """PLOVER v2 event types plus the local STATEMENT type."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"
    STATEMENT = "STATEMENT"


class Attribution(StrEnum):
    """How a quotation's speaker was found."""

    named = "named"  # the attribution names the speaker
    pronoun = "pronoun"  # "he said": resolved to the last compatible named mention
    nominal = "nominal"  # "the Russian leader said": resolved through registry roles
    adjacent = "adjacent"  # the cue sits in the previous or next sentence
    carried = "carried"  # a quote alone in its paragraph continues the previous speaker
    unknown = "unknown"


class Factuality(StrEnum):
    """Whether a reported event is said to have happened."""

    asserted = "asserted"
    claimed = "claimed"  # attributed to a party whose claim is contested
    denied = "denied"
    planned = "planned"
    hypothetical = "hypothetical"


class InputFormat(StrEnum):
    """What an article was read from."""

    txt = "txt"  # a UTF-8 text file, stored as it is
    html = "html"  # a web page: its main text, extracted (trafilatura)
    jsonl = "jsonl"  # one line of a JSON-lines file of articles
    csv = "csv"  # one row of a CSV file of articles


class DateBasis(StrEnum):
    """Where an event's date came from."""

    explicit = "explicit"  # an absolute date in the text
    relative = "relative"  # resolved against the publication date (an inference)
    unknown = "unknown"  # no date in the text: the event date is unknown


@dataclass(frozen=True)
class TableMeta:
    """Table-level metadata of a row model."""

    name: str
    title: str
    description: str
    primary_key: str
    foreign_keys: dict[str, str] = field(default_factory=dict)  # column -> referenced table
    span: tuple[str, str, str] | None = None  # (text column, start column, end column)
    extra_spans: tuple[tuple[str, str, str], ...] = ()


def Col(description: str, **kwargs: Any) -> Any:  # noqa: N802 - reads like a type annotation
    """A documented column: ``name: str = Col("What it is")``."""
    return Field(description=description, **kwargs)


class Row(BaseModel):
    """Base of every table row: strict, immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)
    TABLE: ClassVar[TableMeta]


class Article(Row):
    TABLE = TableMeta(
        "articles",
        "Articles",
        "One row per source article; its text ships as data/articles/<article_id>.txt (path).",
        "article_id",
    )
    article_id: str = Col("File stem of the article text; stable id.", pattern=ARTICLE_ID)
    outlet: str | None = Col(
        "Publishing outlet as the text or metadata shows it; empty if unknown."
    )
    url: str | None = Col("Source URL when known.")
    title: str | None = Col("Headline when known.")
    published: dt.date | None = Col("Publication date (ISO); empty if unknown.")
    text_sha256: str = Col(
        "SHA-256 of the stored article text's bytes (data/articles/<file>).",
        pattern=r"^[0-9a-f]{64}$",
    )
    chars: int = Col("Length of the decoded text in characters (offsets index it).", ge=0)
    words: int = Col("Whitespace-separated word count.", ge=0)
    path: str = Col("Path of the article text relative to datapackage.json.")
    notes: str | None = Col("Provenance of the metadata: what was read in the text, what inferred.")
    input_format: InputFormat = Col(
        "What the article was read from: txt, html (main text extracted), jsonl or csv (a record).",
        default=InputFormat.txt,
    )
    input_sha256: str | None = Col(
        "SHA-256 of the original input bytes (the page, or the record's line; for txt the text).",
        pattern=r"^[0-9a-f]{64}$",
        default=None,
    )


class Entity(Row):
    TABLE = TableMeta(
        "entities",
        "Entities",
        "People, bodies, states, armed forces, media, places and groups that speak, claim or act.",
        "entity_id",
    )
    entity_id: str = Col("Stable slug, e.g. vladimir-putin.", pattern=SLUG)
    name: str = Col("Canonical name.", min_length=1)
    type: EntityType = Col("Kind of entity.")
    aliases: list[str] = Col("Other names the texts use (JSON array).")
    wikidata_id: str | None = Col(
        "Wikidata item, only when verified; else empty.", pattern=r"^Q\d+$"
    )
    description: str | None = Col("One-line description.")
    anonymous: bool = Col(
        'An unnamed source ("a senior US official"), scoped to its article; name and '
        "description are the words the text gives."
    )
    origin: str = Col(
        "registry: curated in data/curation/entities.yaml; extracted: first seen as a speaker or "
        "claimant in the text (an inference of the engine).",
        pattern=r"^(registry|extracted)$",
    )
    mentions: int = Col("Rows in quotations, figures and events that point at this entity.", ge=0)


class Quotation(Row):
    TABLE = TableMeta(
        "quotations",
        "Quotations",
        "Every direct quotation (words between quote marks) with its speaker, cue and channel.",
        "quotation_id",
        foreign_keys={
            "article_id": "articles",
            "speaker_id": "entities",
            "channel_id": "entities",
        },
        span=("text", "char_start", "char_end"),
        extra_spans=(("speaker_surface", "speaker_char_start", "speaker_char_end"),),
    )
    quotation_id: str = Col("Content hash of article, offsets and text.", pattern=HASH_ID)
    article_id: str = Col("Article the quotation is in.", pattern=ARTICLE_ID)
    text: str = Col("The words inside the quote marks, exactly as printed.", min_length=1)
    char_start: int = Col("Offset of the first quoted character.", ge=0)
    char_end: int = Col("Offset just past the last quoted character.", ge=0)
    speaker_id: str | None = Col("Who said it (the original voice); empty if unknown.")
    speaker_surface: str | None = Col("The mention at the attribution point, even a pronoun.")
    speaker_char_start: int | None = Col("Offset of the speaker mention.", ge=0)
    speaker_char_end: int | None = Col("End offset of the speaker mention.", ge=0)
    cue: str | None = Col("Attribution cue: said, quoted … as saying, told, according to …")
    channel_id: str | None = Col("Who relayed the words (KCNA, the Kremlin); empty if direct.")
    attribution: Attribution = Col("How the speaker was found.")
    is_fragment: bool = Col("A short quoted phrase (≤ 3 words, not a clause): a scare quote.")
    statement_id: str = Col("Pieces of one statement (split by a cue or paragraphs) share it.")
    cluster_id: str = Col("The same statement across articles, translations included.")


class Figure(Row):
    TABLE = TableMeta(
        "figures",
        "Figures",
        "Every numeric claim: value or range, qualifier, quantity, claimant and reference date.",
        "figure_id",
        foreign_keys={
            "article_id": "articles",
            "claimant_id": "entities",
            "channel_id": "entities",
        },
        span=("surface", "char_start", "char_end"),
        extra_spans=(("claimant_surface", "claimant_char_start", "claimant_char_end"),),
    )
    figure_id: str = Col("Content hash of article, offsets and surface.", pattern=HASH_ID)
    article_id: str = Col("Article the figure is in.", pattern=ARTICLE_ID)
    surface: str = Col("The whole number phrase with its qualifier words.", min_length=1)
    char_start: int = Col("Offset of the number phrase.", ge=0)
    char_end: int = Col("End offset of the number phrase.", ge=0)
    value: float | None = Col("The number, for a single figure; empty for ranges and vague ones.")
    low: float | None = Col("Lower bound, for a range.")
    high: float | None = Col("Upper bound, for a range.")
    qualifier: Qualifier = Col("How the phrase bounds the number.")
    unit: str | None = Col("What is counted or measured (residents, USD, percent, km2 …).")
    quantity: str | None = Col(
        "Codebook kind: the engine's (money, share_percent, distance …) or the dataset's own."
    )
    claimant_id: str | None = Col("Who asserts it; empty when the outlet states it itself.")
    claimant_surface: str | None = Col("The claimant mention as printed.")
    claimant_char_start: int | None = Col("Offset of the claimant mention.", ge=0)
    claimant_char_end: int | None = Col("End offset of the claimant mention.", ge=0)
    channel_id: str | None = Col(
        "Who relayed the claim (a newspaper, an agency, a spokesperson); empty if direct."
    )
    as_of: str | None = Col("EDTF date the figure refers to, resolved against publication.")
    as_of_start: dt.date | None = Col("First day of as_of.")
    as_of_end: dt.date | None = Col("Last day of as_of.")
    in_quote: bool = Col("The figure is inside a quotation (claimant = speaker).")
    vague: bool = Col("A vague amount (thousands, dozens): no value.")


class Event(Row):
    TABLE = TableMeta(
        "events",
        "Events",
        "One row per real-world event across all articles (PLOVER v2 types).",
        "event_id",
        foreign_keys={
            "actor_id": "entities",
            "recipient_id": "entities",
            "location_id": "entities",
        },
    )
    event_id: str = Col("Content hash of the event's identifying parts.", pattern=HASH_ID)
    event_type: EventType = Col("PLOVER v2 type, or STATEMENT for a first official confirmation.")
    mode: str | None = Col("PLOVER mode, e.g. troops for MOBILIZE.")
    actor_id: str | None = Col("Who acted.")
    recipient_id: str | None = Col("Who was acted upon.")
    location_id: str | None = Col("Where.")
    date: str | None = Col("EDTF date; empty when the texts give none.")
    date_start: dt.date | None = Col("First day the date allows.")
    date_end: dt.date | None = Col("Last day the date allows.")
    date_label: str = Col('The date in words ("Q4 2024", "26–27 April 2025", "unknown").')
    date_basis: DateBasis = Col("explicit, relative (resolved from publication date) or unknown.")
    factuality: Factuality = Col("Whether the texts say it happened.")
    summary: str = Col("One line written from the row's parts.", min_length=1)
    n_articles: int = Col("Number of articles that mention it.", ge=1)


class EventMention(Row):
    TABLE = TableMeta(
        "event_mentions",
        "Event mentions",
        "Every sentence or clause that reports an event.",
        "mention_id",
        foreign_keys={"event_id": "events", "article_id": "articles"},
        span=("text", "char_start", "char_end"),
    )
    mention_id: str = Col("Content hash of article, offsets and event.", pattern=HASH_ID)
    event_id: str = Col("The event mentioned.", pattern=HASH_ID)
    article_id: str = Col("Article of the mention.", pattern=ARTICLE_ID)
    text: str = Col("The sentence or clause, exactly as printed.", min_length=1)
    char_start: int = Col("Offset of the sentence or clause.", ge=0)
    char_end: int = Col("End offset.", ge=0)
    trigger: str = Col("The word that signals the event (lemma in the codebook).")


TABLES: dict[str, type[Row]] = {
    model.TABLE.name: model for model in (Article, Entity, Quotation, Figure, Event, EventMention)
}


def content_id(prefix: str, *parts: object) -> str:
    """A stable id from content (OpenSanctions-style): ``content_id("q", "a1", 3, 9)``."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:16]}"

"""Relays: the original voice speaks, the outlet or spokesperson that passes it on is the channel.

>>> source = make_source(art, cue)
>>> source.entity_id, source.channel_id
('jane-roe', 'daily-bugle')

- "X said …, according to KCNA", "KCNA quoted X as saying", "X told the Daily Bugle": X speaks,
  the outlet relays (``merge_according``, the cue's channel).
- "according to X shared with Y", "Y, citing X", "Y reported, citing X": X is the source.
- "a court document filed by X", "a statement released by X", "X released a video that
  said": X speaks for the document.
- "In a Post-ABC poll, 75 percent of Republicans said": the poll speaks for its respondents.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...models import Attribution
from .cues import Cue, made_by, subject_of
from .lexicon import DOCUMENT_NOUNS
from .mentions import is_media, mention_span, resolve_mention
from .view import ArticleView, Source


def merge_according(art: ArticleView, chosen: Cue, cues: list[Cue]) -> Cue:
    """ "Kim described … as "…", according to KCNA": the verb's subject speaks, KCNA relays."""
    if chosen.words == "according to":
        verbs = [c for c in cues if c.words != "according to" and c.token.pos_ == "VERB"]
        if verbs and is_media(art, chosen.speaker):
            verb = min(verbs, key=lambda c: abs(c.token.i - chosen.token.i))
            return Cue(verb.token, verb.speaker, chosen.speaker, f"{verb.words} … according to")
        return chosen
    according = next((c for c in cues if c.words == "according to"), None)
    if according is not None and is_media(art, according.speaker) and chosen.channel is None:
        return Cue(chosen.token, chosen.speaker, according.speaker, chosen.words)
    return chosen


def author(token: Token) -> Token:
    """ "a court document filed by X" speaks for X; other mentions for themselves."""
    maker = made_by(token) if token.lemma_.lower() in DOCUMENT_NOUNS else None
    return token if maker is None else maker


_POLLS = frozenset({"poll", "polls", "survey", "surveys"})


def respondents_poll(art: ArticleView, token: Token) -> Token:
    """ "In a Post-ABC poll, 75 percent of Republicans said "…"": a share of respondents speaks
    for the poll or survey its sentence names; other mentions for themselves."""
    share = token.lower_ == "percent" or any(c.dep_ == "nummod" for c in token.children)
    if not share or token.ent_type_ == "PERSON":
        return token
    start, end = art.sentences[art.sentence_of(token.idx)]
    polls = [t for t in art.tokens(start, end) if t.lower_ in _POLLS and t.pos_ == "NOUN"]
    return polls[0] if polls and not art.in_quote(polls[0]) else token


def _publisher(art: ArticleView, noun: Token) -> Token | None:
    """ "Roe released a video that said "…"": a document a verb puts out (its object) speaks for
    the verb's subject."""
    if noun.lemma_.lower() not in DOCUMENT_NOUNS or noun.dep_ != "dobj":
        return None
    subject = subject_of(noun.head, art) if noun.head.pos_ == "VERB" else None
    return subject if subject is not None and subject.pos_ in ("PROPN", "NOUN", "PRON") else None


def make_source(art: ArticleView, cue: Cue, method: Attribution | None = None) -> Source:
    """A Source from a cue: resolve the speaker and channel mentions."""
    speaker = respondents_poll(art, author(cue.speaker))
    span = mention_span(art, speaker)
    target = span
    if speaker.tag_ in ("WP", "WDT") and speaker.head.dep_ == "relcl":
        noun = speaker.head.head  # "Kyiv, which contends" → Kyiv
        if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
            noun = noun.head  # "Roe, a native who writes" → Roe
        noun = _publisher(art, noun) or noun
        target = mention_span(art, noun)
    entity_id, new, how = resolve_mention(art, target)
    channel_id, channel_new = None, None
    if (
        cue.channel is not None
        and is_media(art, cue.channel)
        or (
            cue.channel is not None
            and cue.channel.i != cue.speaker.i
            and "quot" in (cue.words or "")
        )
    ):
        channel_id, channel_new, _ = resolve_mention(art, mention_span(art, cue.channel))
        if channel_id == entity_id:
            channel_id, channel_new = None, None
    return Source(
        entity_id=entity_id,
        surface=span.text,
        start=span.start_char,
        end=span.end_char,
        cue=cue.words,
        channel_id=channel_id,
        method=method or how,
        new_entity=new,
        channel_entity=channel_new if channel_id else None,
    )

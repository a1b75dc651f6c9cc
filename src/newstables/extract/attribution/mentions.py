"""Mentions → entities: every speaker or claimant mention resolves to an entity of the article.

>>> entity_id, new_entity, how = resolve_mention(art, span)

How (a documented heuristic over the spaCy parse; the registry is optional):

1. *Name chains* (``name_chains``): a later "Roe", "Ms. Roe" or "Roe's" resolves to the full
   name the article gave; bare surnames the parser missed are mentions too.
2. *Roles and descriptions.* Titles and appositions record a role ("Gov. Jane Roe", "Roe, the
   mayor", "presidential candidate Roe"); "the mayor" or "the Republican candidate" resolves
   to the person in view that fits it (``antecedents.salient_person``), else to the latest
   person given that role.
3. *Pronouns* (``antecedents.antecedent``): he/she/they go to the salient earlier mention with
   compatible number and gender. Subject pronouns and person nouns outside quotes are resolved
   in text order and indexed, so chains of "she" stay with their person.
4. *Documents* (``documents``): "the statement", "the suit", "“…,” it reads" go to whoever
   issued, sent or held the document named before, else to the last non-media subject.
5. *Unnamed sources.* Whatever is left ("a senior administration official", "sources", "one
   voter", an unresolvable "he") becomes an entity scoped to its article, flagged anonymous and
   named by the words the text gives; nothing attributed is left without an entity.
"""

from __future__ import annotations

import re

from spacy.attrs import DEP, LOWER
from spacy.tokens import Span, Token

from ...models import Attribution, EntityType
from ...registry import name_key, slugify
from .. import NewEntity
from ..spans import entities, entity_at
from .antecedents import (
    DETERMINERS,
    antecedent,
    role_of,
    role_word,
    salient_person,
    unnamed_before,
)
from .documents import FILINGS, POSSESSIVES, document_source, document_voice, issuer, reads
from .lexicon import (
    ANONYMOUS_HEADS,
    DATA_NOUNS,
    DOCUMENT_NOUNS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    LABELS,
    PERSON_ROLE_TITLES,
    PERSONAL,
    ROLE_NOUNS,
    SUBJECTS,
    gender_of_first_name,
    media_type,
)
from .name_chains import given_name_org, index_names, name_words, person_entity
from .view import ArticleView, Mention, Source

_QUANTIFIERS = frozenset({"no", "every", "each", "any", "all", "neither", "either"})
GROUP_NOUNS = frozenset({"crowd", "audience", "people", "staff", "team"})  # singular, not a person
NOUN_GENDERS = {
    "man": "male", "woman": "female", "boy": "male", "girl": "female", "father": "male",
    "mother": "female", "husband": "male", "wife": "female", "son": "male",
    "daughter": "female", "businessman": "male", "businesswoman": "female",
    "congressman": "male", "congresswoman": "female", "spokesman": "male",
    "spokeswoman": "female", "chairman": "male", "chairwoman": "female", "actor": "male",
    "actress": "female",
}  # fmt: skip
RELATIVE = frozenset({"who", "whom", "whose"})
Resolved = tuple[str | None, NewEntity | None, Attribution]


def mention_span(art: ArticleView, token: Token) -> Span:
    """The noun phrase printed for a speaker token (its noun chunk, else its entity or itself;
    memoised per article)."""
    return art.cached(("mention", token.i), lambda: _mention_span(art, token))


def _mention_span(art: ArticleView, token: Token) -> Span:
    if token.pos_ == "PRON":
        return art.doc[token.i : token.i + 1]
    chunk = art.chunks.get(token.i)
    if chunk is not None:
        return _unquoted(_same_line(art, chunk, token), token)
    if token.ent_type_ and (ent := entity_at(token)) is not None:
        return ent
    left = [c for c in token.lefts if c.dep_ in ("det", "compound", "amod", "poss", "nummod")]
    start = min([token.i, *(c.left_edge.i for c in left)])
    return art.doc[start : token.i + 1]


def _unquoted(span: Span, token: Token) -> Span:
    """The span without quote marks at its edges (`” Trump` after a closing mark is `Trump`)."""
    start, end = span.start, span.end
    while start < token.i and span.doc[start].is_quote:
        start += 1
    while end - 1 > token.i and span.doc[end - 1].is_quote:
        end -= 1
    return span.doc[start:end]


def _same_line(art: ArticleView, span: Span, token: Token) -> Span:
    """The part of a span on the token's line (parses sometimes glue a headline on)."""
    if art.text.find("\n", span.start_char, span.end_char) < 0:  # the span's text: no newline
        return span
    start = max([t.i + 1 for t in span if t.i < token.i and "\n" in t.text_with_ws], default=0)
    end = min([t.i + 1 for t in span if t.i >= token.i and "\n" in t.whitespace_], default=0)
    start = max(start, span.start)
    end = end or span.end
    while start < token.i and span.doc[start].is_space:
        start += 1
    return span.doc[start:end]


def entity_of_ent(
    art: ArticleView, ent: Span
) -> tuple[str, NewEntity | None, str, str | None] | None:
    """(entity id, new entity, kind, gender) of a named-entity mention."""
    registry = art.ctx.curation.registry
    text, label = ent.text, ent.label_
    entry = registry.get(ent.ent_id_) or registry.resolve(text)
    if entry is not None:
        kind = "person" if entry.type == EntityType.person else "group"
        return entry.entity_id, None, kind, entry.gender
    if label not in LABELS:
        return None
    words = name_words(text)
    is_person = (
        label == "PERSON"
        or given_name_org(ent)
        or (len(words) == 1 and words[0].lower() in art.names and not media_type(text))
    )
    if is_person:
        entity_id, new, gender = person_entity(art, text, ent.start_char)
        entry = registry.by_alias(new.name)
        if entry is not None:
            return entry.entity_id, None, "person", entry.gender
        return entity_id, new, "person", gender
    kind_type = LABELS[label]
    if label == "ORG" and media_type(text):
        kind_type = EntityType.media
    name = re.sub(r"^(?:the|The)\s+", "", text).replace("’s", "").replace("'s", "")
    if not name_key(name):
        return None
    new = NewEntity(entity_id=slugify(name), name=name, type=kind_type, surface=text)
    return new.entity_id, new, "group", None


def agent_mentions(art: ArticleView) -> list[Mention]:
    """Every named agent mention outside quotes, in text order (antecedent candidates)."""
    found = []
    for ent in entities(art.doc):
        if ent.label_ not in LABELS or art.in_quote(ent[0]):
            continue
        resolved = entity_of_ent(art, ent)
        if resolved is None:
            continue
        entity_id, new, kind, gender = resolved
        subject = _in_subject(ent.root) or _after_quote(art, ent.start_char)
        sentence = art.sentence_of(ent.start_char)
        found.append(
            Mention(ent.start_char, ent.end_char, entity_id, kind, gender, subject, sentence, new)
        )
        _record_description(art, ent, entity_id, new)
    return found + _surname_mentions(art)


def _surname_mentions(art: ArticleView) -> list[Mention]:
    """Bare surnames the parser left untagged ("Early described it", "Tester credits …"): a
    capitalised proper noun (or a subject the parser took for a common noun: "Woods continued")
    outside quotes that heads its phrase and is the last word of a full name of the article
    resolves through the name chain."""
    found = []
    for i in art.token_indices(LOWER, art.names):
        token = art.doc[i]
        if (
            token.lower_ not in art.names
            or not (token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.dep_ in SUBJECTS))
            or token.ent_type_ in LABELS
            or token.dep_ in ("compound", "amod", "nmod")
            or not token.text[:1].isupper()
            or art.in_quote(token)
            or media_type(token.text)
        ):
            continue
        entity_id, new, gender = person_entity(art, token.text, token.idx)
        if len(new.name.split()) < 2:
            continue
        subject = token.dep_ in SUBJECTS or _after_quote(art, token.idx)
        sentence = art.sentence_of(token.idx)
        end = token.idx + len(token.text)
        found.append(Mention(token.idx, end, entity_id, "person", gender, subject, sentence, new))
    return found


def index_mentions(art: ArticleView) -> None:
    """Index an article's mentions: name chains, named agents and bare surnames, then the
    subject pronouns outside quotes (``chain_pronouns``)."""
    index_names(art)
    art.add_mentions(agent_mentions(art))
    chain_pronouns(art)


def chain_pronouns(art: ArticleView) -> None:
    """Resolve every "he"/"she" subject outside quotes in text order and index it as a mention,
    so that a later pronoun finds the person a chain of pronouns is about ("Roe arrived. She
    appeared tired. "…," she said." → Roe, not a woman named in passing between them). A
    singular person noun as subject ("A 29-year-old Berlin woman received probation", "the
    actress said") is indexed the same way, as whoever it resolves to (an unnamed person of
    the article when nobody)."""
    for i in art.token_indices(DEP, SUBJECTS):
        token = art.doc[i]
        if token.dep_ not in SUBJECTS or art.in_quote(token):
            continue
        if token.lower_ in ("he", "she"):
            found = antecedent(art, token.idx, token.lower_, token)
            if found is None:
                continue
            mention = Mention(
                token.idx,
                token.idx + len(token.text),
                found.entity_id,
                "person",
                PERSONAL[token.lower_],
                True,
                art.sentence_of(token.idx),
                found.new_entity,
            )
            art.add_speaker(mention)
        elif _person_noun(token):
            _index_description(art, token)


def _person_noun(token: Token) -> bool:
    """A singular common noun naming a person ("woman", "official", "senator")."""
    lemma = token.lemma_.lower()
    return (
        token.pos_ == "NOUN"
        and token.tag_ == "NN"
        and not token.ent_type_
        and (lemma in ANONYMOUS_HEADS or lemma in ROLE_NOUNS)
        and lemma not in GROUP_NOUNS
    )


def _index_description(art: ArticleView, token: Token) -> None:
    """Index a person-noun subject as a mention of the person it resolves to, when its gender
    is known (from the noun, "woman", or the name it resolves to): an unnamed "aide" of no
    known gender would catch every later "he" and "she"."""
    if any(c.dep_ == "det" and c.lower_ in _QUANTIFIERS for c in token.children):
        return
    span = mention_span(art, token)
    entity_id, new, _ = resolve_mention(art, span)
    if entity_id is None or (new is not None and new.type != EntityType.person):
        return
    gender = NOUN_GENDERS.get(token.lemma_.lower())
    if gender is None and new is not None and not new.anonymous:
        gender = person_entity(art, new.name, span.start_char)[2]
    if gender is None:
        return
    start, end = span.start_char, span.end_char
    sentence = art.sentence_of(start)
    art.add_speaker(Mention(start, end, entity_id, "person", gender, True, sentence, new))


def _after_quote(art: ArticleView, start: int) -> bool:
    """Whether a name follows a closing quote (`"…," Roe, 58, told AFP`): the speaker, a
    subject whatever the parse made of it."""
    cut = start
    while cut > 0 and art.text[cut - 1] in " ,\u201d\u2019\"'":
        cut -= 1
    return cut < start and art.quote_at(cut - 1) is not None


def _in_subject(token: Token) -> bool:
    """Whether a name is a subject, also inside appositions of it ("The other man, his cousin
    James York, 40, cited …")."""
    for _ in range(4):
        if token.dep_ in SUBJECTS:
            return True
        if token.dep_ not in ("compound", "appos") or token.head is token:
            return False
        token = token.head
    return False


def _record_description(art: ArticleView, ent: Span, entity_id: str, new: NewEntity | None) -> None:
    """Remember the roles an entity is given ("presidential candidate Jane Roe", "Gov. Roe",
    "Roe, the mayor of …") so that "the candidate" or "the governor" can find it later."""
    heads = []
    for token in art.doc[max(0, ent.start - 3) : ent.start]:
        if token.pos_ in ("NOUN", "PROPN") and (
            token.head.i in range(ent.start, ent.end) or role_of(token.text) in ROLE_NOUNS
        ):
            heads.append(role_of(token.lemma_))
    for token in ent:
        if role_of(token.text) in PERSON_ROLE_TITLES:
            heads.append(role_of(token.text))
    root = ent.root
    governor = root.head
    for token in (root, governor):
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                heads.append(child.lemma_.lower())
    if root.dep_ == "appos" and governor.pos_ == "NOUN":
        heads.append(governor.lemma_.lower())
    for head in heads:
        art.descriptions.setdefault(head, []).append((ent.start_char, entity_id, new))


def speaker_mention(art: ArticleView, source: Source) -> Mention | None:
    """A resolved person speaker as an antecedent candidate for the pronouns after it."""
    if source.entity_id is None or source.start is None or source.end is None:
        return None
    new = source.new_entity
    registry = art.ctx.curation.registry
    entry = registry.get(source.entity_id)
    surface = (source.surface or "").lower()
    person = (new is not None and new.type == EntityType.person and not new.anonymous) or (
        entry is not None and entry.type == EntityType.person
    )
    if not person:
        return None
    gender = PERSONAL.get(surface) or (entry.gender if entry is not None else None)
    if gender is None and new is not None and new.name.split():
        gender = gender_of_first_name(new.name.split()[0])
    sentence = art.sentence_of(source.start)
    return Mention(
        source.start, source.end, source.entity_id, "person", gender, True, sentence, new
    )


def _source_entity(art: ArticleView, source: Token) -> Resolved | None:
    """The entity of a document's source token ("his" through its antecedent)."""
    if source.lower_ in POSSESSIVES:
        found = antecedent(art, source.idx, POSSESSIVES[source.lower_], source)
        return (found.entity_id, found.new_entity, Attribution.pronoun) if found else None
    return resolve_mention(art, mention_span(art, source))


def _describe(art: ArticleView, head: Token) -> tuple[str, NewEntity | None] | None:
    """ "The candidate" → the latest entity given that role earlier in the article."""
    given = art.descriptions.get(head.lemma_.lower(), [])
    for start, entity_id, new in reversed(given):
        if start < head.idx:
            return entity_id, new
    return None


def _has_word(text: str) -> bool:
    """Whether a mention has a letter or digit (not only a flag or an emoji)."""
    return any(c.isalnum() for c in text)


def anonymous_entity(art: ArticleView, span: Span) -> NewEntity:
    """An unnamed source scoped to its article: "a senior official" → its own entity."""
    words = [t.text for t in span if not (t.i == span.start and t.lower_ in DETERMINERS)]
    description = " ".join(words).strip(" ,") or span.text
    key = name_key(description) or "unnamed source"
    if key not in art.anonymous:
        head = span.root.lemma_.lower()
        plural = span.root.tag_ in ("NNS", "NNPS") or head in GROUP_PRONOUNS
        kind = EntityType.group if plural or head in DATA_NOUNS else EntityType.person
        if span.root.pos_ == "PRON" or not _has_word(span.text):
            description = f"unidentified speaker ({span.text})"
        art.anonymous[key] = NewEntity(
            entity_id=slugify(f"{key} {art.ctx.article.article_id}").replace("_", "-"),
            name=description,
            type=kind,
            surface=span.text,
            anonymous=True,
            description=f"An unnamed source of article {art.ctx.article.article_id}: "
            f"{span.text!r}.",
        )
    return art.anonymous[key]


def _named(art: ArticleView, span: Span, head: Token) -> Resolved | None:
    """Registry names and roles, the name chain, then the parser's named entity."""
    registry = art.ctx.curation.registry
    whole = registry.by_metonym(span.text) or registry.by_alias(span.text)
    if whole is not None:
        return whole.entity_id, None, Attribution.named
    role = registry.by_role(span.text)
    if role is not None:
        return role.entity_id, None, Attribution.nominal
    if head.pos_ == "PROPN" and head.lower_ in art.names and not media_type(head.text):
        entity_id, new, _ = person_entity(art, head.text, head.idx)
        if len(new.name.split()) > 1:
            return entity_id, new, Attribution.named
    ent = entity_at(head)
    if ent is not None:
        resolved = entity_of_ent(art, ent)
        if resolved is not None:
            return resolved[0], resolved[1], Attribution.named
    if head.pos_ == "PROPN" and head.text[:1].isupper() and not media_type(span.text):
        words = [t.text for t in span if t.pos_ == "PROPN" and t.i <= head.i]
        if words and all(w[:1].isupper() for w in words):  # a name the parser did not tag
            entity_id, new, _ = person_entity(art, " ".join(words), head.idx)
            return entity_id, new, Attribution.named
    return None


def _pronoun(art: ArticleView, span: Span, lower: str) -> Resolved:
    """A pronoun through its antecedent (or an unidentified speaker of the article)."""
    if lower in RELATIVE:  # "…, who said": the person named right before it
        found = next(
            (m for m in reversed(art.mentions_in(art.sentence_of(span.start_char)))
             if m.end <= span.start_char and m.kind == "person"),
            None,
        )  # fmt: skip
    elif lower in FIRST_PERSON:
        found = None
    elif lower == "it" and reads(span.root):
        voice = document_voice(art, span.root)
        resolved = _source_entity(art, voice) if voice is not None else None
        if resolved is not None:
            return resolved[0], resolved[1], Attribution.pronoun
        found = antecedent(art, span.start_char, lower, span.root)
    else:
        found = antecedent(art, span.start_char, lower, span.root)
    if found is None:
        new = anonymous_entity(art, span)
        return new.entity_id, new, Attribution.pronoun
    return found.entity_id, found.new_entity, Attribution.pronoun


def resolve_mention(art: ArticleView, span: Span) -> Resolved:
    """The entity a speaker mention denotes: ``resolve_mention(view(ctx), span)``."""
    if not _has_word(span.text):  # a flag, an emoji: an unidentified speaker
        new = anonymous_entity(art, span)
        return new.entity_id, new, Attribution.nominal
    head = span.root
    lower = head.text.lower()
    if head.pos_ == "PRON" or lower in PERSONAL or lower in GROUP_PRONOUNS:
        return _pronoun(art, span, lower)
    if span[0].lower_ == "the" and head.ent_type_ == "NORP" and head.tag_ == "NNP":
        salient = salient_person(art, span)  # "the Texan said": a person, not the Texans
        if salient is not None:
            return salient.entity_id, salient.new_entity, Attribution.nominal
    named = _named(art, span, head)
    if named is not None:
        return named
    for child in head.children:
        if child.dep_ == "appos":
            entity_id, new, method = resolve_mention(art, mention_span(art, child))
            if entity_id and not (new is not None and new.anonymous):
                return entity_id, new, method
    definite = span[0].lower_ in ("the", "this", "that", "its", "their", "his", "her")
    if head.lemma_.lower() in DOCUMENT_NOUNS | FILINGS:
        for token in span:
            ent = entity_at(token) if token.i != head.i else None
            resolved = entity_of_ent(art, ent) if ent is not None else None
            if resolved is not None:
                return resolved[0], resolved[1], Attribution.nominal
        source = document_source(art, head) if definite else None
        if is_media(art, source):  # "a statement released by the news agency"
            source = None  # a channel, not the issuer
        earlier = _source_entity(art, source) if source is not None else None
        if earlier is not None:
            return earlier[0], earlier[1], Attribution.nominal
        issued = issuer(art, span.start_char) if definite else None
        if issued is not None:
            return issued.entity_id, issued.new_entity, Attribution.nominal
    lemma = role_word(head)
    role = lemma in ROLE_NOUNS and (lemma not in ANONYMOUS_HEADS or not unnamed_before(art, head))
    if definite and role and head.tag_ != "NNS":  # "the Republican candidate": a person
        salient = salient_person(art, span, role_of(lemma))
        if salient is not None:
            return salient.entity_id, salient.new_entity, Attribution.nominal
    described = _describe(art, head) if definite and head.pos_ in ("NOUN", "PROPN") else None
    if described is not None:
        return described[0], described[1], Attribution.nominal
    person = role or lemma in ANONYMOUS_HEADS  # "a Berlin woman" is a woman, not Berlin
    for token in span:
        ent = entity_at(token)
        if not person and ent is not None and ent.label_ in ("ORG", "GPE") and token.dep_ != "poss":
            resolved = entity_of_ent(art, ent)
            if resolved is not None:
                return resolved[0], resolved[1], Attribution.nominal
    new = anonymous_entity(art, span)
    return new.entity_id, new, Attribution.nominal


def is_media(art: ArticleView, token: Token | None) -> bool:
    """Whether a mention names a news outlet or agency."""
    if token is None:
        return False
    span = mention_span(art, token)
    entry = art.ctx.curation.registry.resolve(span.text)
    if entry is not None:
        return entry.type == EntityType.media
    if media_type(span.text) is None:
        return False
    if token.pos_ == "PROPN":
        return True
    # an outlet noun named by a name or "news": "the Reuters news agency", not "the science agency"
    named = any(t.pos_ == "PROPN" or t.lower_ in ("news", "press") for t in span if t != token)
    return media_type(token.text) is not None and named

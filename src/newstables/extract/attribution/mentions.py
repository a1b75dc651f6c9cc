"""Mentions → entities: every speaker or claimant mention resolves to an entity of the article.

>>> entity_id, new_entity, how = resolve_mention(art, span)

How (a documented heuristic over the spaCy parse; the registry is optional):

1. *Name chains.* Every person the article names in full ("Sen. Jane Roe") is indexed by
   surname; a later "Roe", "Ms. Roe" or "Roe's" resolves to the full name, also when the parser
   tagged the surname as an organisation or not at all. Titles ("Mr.", "Gov.") and first names
   (``first_names.txt``) give gender.
2. *Roles and descriptions.* Titles and appositions record a role ("Gov. Jane Roe", "Roe, the
   mayor", "presidential candidate Roe"); "the mayor" or "the Republican candidate" later
   resolves to the latest person given that role; a definite role noun with no recorded holder
   goes to the salient person of the preceding sentences.
3. *Pronouns.* he/she/they go to the salient earlier mention with compatible number and gender:
   the same sentence first (last mention before it), then earlier sentences, subjects first, up
   to ``PRONOUN_REACH`` sentences back (across paragraphs).
4. *Documents.* "the statement", "the letter" go to their issuer (the last non-media subject).
5. *Unnamed sources.* Whatever is left ("a senior administration official", "sources", "one
   voter", an unresolvable "he") becomes an entity scoped to its article, flagged anonymous and
   named by the words the text gives; nothing attributed is left without an entity.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...models import Attribution, EntityType
from ...registry import name_key, slugify
from .. import NewEntity
from ..spans import entities, entity_at
from .lexicon import (
    ANONYMOUS_HEADS,
    CUE_VERBS,
    DATA_NOUNS,
    DOCUMENT_NOUNS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    LABELS,
    PERSON_ROLE_TITLES,
    PERSONAL,
    ROLE_NOUNS,
    SUBJECTS,
    TITLES,
    gender_of_first_name,
    media_type,
    words_of,
)
from .view import ArticleView, Mention, Source

PRONOUN_REACH = 15  # sentences a pronoun looks back for its antecedent
SUBJECT_REACH = 2  # sentences a subject antecedent beats a nearer mention in passing
DESCRIPTION_REACH = 4  # sentences a definite description ("the senator") looks back
DOCUMENT_REACH = 400  # tokens "the statement" looks back for the statement it repeats
UNNAMED_REACH = 6  # sentences "the official" looks back for "an official said"
FILINGS = frozenset({"suit", "lawsuit", "complaint", "petition"})  # documents that "read"
_QUANTIFIERS = frozenset({"no", "every", "each", "any", "all", "neither", "either"})
SIGNS = frozenset({"sign", "placard", "banner", "website", "site", "page", "shirt", "card"})
_READING_VERBS = frozenset({"read", "say", "state", "declare", "proclaim", "add", "continue"})
_POSSESSIVES = {"his": "he", "her": "she"}
GROUP_NOUNS = frozenset({"crowd", "audience", "people", "staff", "team"})  # singular, not a person
NOUN_GENDERS = {
    "man": "male", "woman": "female", "boy": "male", "girl": "female", "father": "male",
    "mother": "female", "husband": "male", "wife": "female", "son": "male",
    "daughter": "female", "businessman": "male", "businesswoman": "female",
    "congressman": "male", "congresswoman": "female", "spokesman": "male",
    "spokeswoman": "female", "chairman": "male", "chairwoman": "female", "actor": "male",
    "actress": "female",
}  # fmt: skip
_ABBREVIATED_ROLES = {
    "gov": "governor", "sen": "senator", "rep": "representative", "pres": "president",
    "gen": "general", "sec": "secretary", "amb": "ambassador", "lt": "lieutenant",
}  # fmt: skip
RELATIVE = frozenset({"who", "whom", "whose"})
_ORG_HEADS = words_of(
    """
    inc corp co ltd llc group party university college institute foundation center centre
    council committee fund tech bank republicans democrats campaign association
    """
)  # last words of organisations that open with a given name ("Virginia Tech")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "one", "another"})
Resolved = tuple[str | None, NewEntity | None, Attribution]


def mention_span(art: ArticleView, token: Token) -> Span:
    """The noun phrase printed for a speaker token (its noun chunk, else its entity or itself)."""
    if token.pos_ == "PRON":
        return art.doc[token.i : token.i + 1]
    chunk = art.chunks.get(token.i)
    if chunk is not None:
        return _same_line(chunk, token)
    if token.ent_type_ and (ent := entity_at(token)) is not None:
        return ent
    left = [c for c in token.lefts if c.dep_ in ("det", "compound", "amod", "poss", "nummod")]
    start = min([token.i, *(c.left_edge.i for c in left)])
    return art.doc[start : token.i + 1]


def _same_line(span: Span, token: Token) -> Span:
    """The part of a span on the token's line (parses sometimes glue a headline on)."""
    if "\n" not in span.text:
        return span
    start = max([t.i + 1 for t in span if t.i < token.i and "\n" in t.text_with_ws], default=0)
    end = min([t.i + 1 for t in span if t.i >= token.i and "\n" in t.whitespace_], default=0)
    start = max(start, span.start)
    end = end or span.end
    while start < token.i and span.doc[start].is_space:
        start += 1
    return span.doc[start:end]


def _role(word: str) -> str:
    """A title word as a role lemma ("Gov." → "governor")."""
    key = word.lower().rstrip(".")
    return _ABBREVIATED_ROLES.get(key, key)


def strip_titles(words: list[str]) -> tuple[list[str], str | None]:
    """Drop leading titles ("Mr.", "Sen.") and report the gender a title implies.

    >>> strip_titles(["Mrs.", "Roe"])
    (['Roe'], 'female')
    """
    gender = None
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        gender = gender or TITLES[words[0].lower().rstrip(".")]
        words = words[1:]
    return words, gender


def _clean(text: str) -> list[str]:
    """Name words without possessive endings and stray punctuation."""
    text = re.sub(r"['’]s?$", "", text.strip())
    return [w for w in re.sub(r"['’]s\b", "", text).split() if re.search(r"\w", w)]


def index_names(art: ArticleView) -> None:
    """The article's name chains: surname → the full names (with gender) it stands for.

    A person span with an acronym in it ("Indiana GOP") is not a name; an organisation span
    that opens with a known given name ("Carly Fiorina" tagged ORG) is one.
    """
    for ent in entities(art.doc):
        if ent.label_ != "PERSON" and not _given_name_org(ent):
            continue
        ent = _with_given_names(ent)
        words, gender = strip_titles(_clean(ent.text))
        if len(words) < 2 or not words[-1][:1].isupper() or _has_acronym(words):
            continue
        gender = gender or gender_of_first_name(words[0])
        before = art.doc[ent.start - 1] if ent.start > 0 else None
        if gender is None and before is not None:
            gender = TITLES.get(before.lower_.rstrip("."))
        surname = words[-1].lower()
        if surname in ("jr", "jr.", "sr", "iii", "ii") and len(words) > 2:
            surname = words[-2].lower()
        _add_name(art, surname, ent.start_char, tuple(words), gender)
    for start, words, gender in _untagged_names(art):
        _add_name(art, words[-1].lower(), start, tuple(words), gender)


def _add_name(
    art: ArticleView, surname: str, start: int, words: tuple[str, ...], gender: str | None
) -> None:
    """Count one full-name mention in its surname's chain (distinct names, first offset)."""
    chain = art.names.setdefault(surname, {})
    entry = chain.setdefault(words, [start, 0, gender])
    entry[0] = min(entry[0], start)
    entry[1] += 1
    entry[2] = entry[2] or gender


def _has_acronym(words: list[str]) -> bool:
    """Whether a name has an all-capitals word while the others are not ("Indiana GOP").

    >>> _has_acronym(["Indiana", "GOP"]), _has_acronym(["DONALD", "TRUMP"])
    (True, False)
    """
    caps = [w.isalpha() and w.isupper() and len(w) > 1 for w in words]
    return any(caps) and not all(caps)


def _given_name_org(ent: Span) -> bool:
    """An organisation span that reads as a person's name: two or three capitalised words, the
    first a known given name, no outlet ("Carly Fiorina" tagged ORG, not "Virginia Tech Inc")."""
    words, _ = strip_titles(_clean(ent.text))
    return (
        ent.label_ == "ORG"
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() and not (w.isupper() and len(w) > 1) for w in words)
        and gender_of_first_name(words[0]) is not None
        and words[-1].lower().rstrip(".") not in _ORG_HEADS
        and not media_type(ent.text)
    )


def _untagged_names(art: ArticleView) -> list[tuple[int, list[str], str | None]]:
    """Names the parser did not tag as a person: a proper-noun head with proper-noun compounds
    whose first word is a known given name ("Councillor Agnes Whitby voted"), or that has a
    person noun in apposition ("Naureen Jahangir, a Sanders supporter, …")."""
    found = []
    for token in art.doc:
        if token.pos_ != "PROPN" or token.dep_ == "compound" or token.ent_type_ == "PERSON":
            continue
        left = token.i
        while (
            left > 0 and art.doc[left - 1].pos_ == "PROPN" and art.doc[left - 1].dep_ == "compound"
        ):
            left -= 1
        if left == token.i:
            continue
        words, title_gender = strip_titles([t.text for t in art.doc[left : token.i + 1]])
        described = _described_as_person(token) and 2 <= len(words) <= 3
        while len(words) > 1 and gender_of_first_name(words[0]) is None and not described:
            words = words[1:]  # "Analyst Maria Gonzalez": the name starts at the given name
        gender = gender_of_first_name(words[0]) if len(words) > 1 else None
        named = gender is not None or (described and not media_type(" ".join(words)))
        if named and all(w[:1].isupper() and not _has_acronym([w, "x"]) for w in words):
            found.append((art.doc[left].idx, words, title_gender or gender))
    return found


def _described_as_person(token: Token) -> bool:
    """Whether a name has a person noun in apposition ("Naureen Jahangir, a Sanders supporter")."""
    return any(
        c.dep_ == "appos"
        and c.pos_ == "NOUN"
        and (c.lemma_.lower() in ANONYMOUS_HEADS or c.lemma_.lower() in ROLE_NOUNS)
        for c in token.children
    )


def _with_given_names(ent: Span) -> Span:
    """A person span widened over the capitalised compounds the parser left out of it
    ("Councillor Agnes [Whitby]" → "Councillor Agnes Whitby")."""
    start = ent.start
    doc = ent.doc
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].dep_ == "compound"
        and doc[start - 1].head.i in range(start, ent.end)
        and doc[start - 1].text[:1].isupper()
        and not doc[start - 1].ent_type_
        and (
            gender_of_first_name(doc[start - 1].text) is not None
            or doc[start - 1].lower_.rstrip(".") in TITLES
        )
    ):
        start -= 1
    return doc[start : ent.end]


def full_name(art: ArticleView, words: list[str], offset: int) -> tuple[list[str], str | None]:
    """The fullest name the article gives a surname ("Roe" → "Jane Roe") and its gender."""
    chain = art.names.get(words[-1].lower()) if words else None
    if not chain:
        return words, None
    matching = [
        (n, e) for n, e in chain.items() if list(n[-len(words) :]) == words or len(words) == 1
    ]
    if not matching:
        return words, None
    earlier = [(n, e) for n, e in matching if e[0] <= offset] or matching
    best = max(earlier, key=lambda item: (item[1][1], -item[1][0]))
    gender = next((e[2] for _, e in matching if e[2]), None)
    return list(best[0]) if len(best[0]) >= len(words) else words, gender


def _person(art: ArticleView, text: str, offset: int) -> tuple[str, NewEntity, str | None]:
    """A person entity from a name as printed, completed through the name chain."""
    words, title_gender = strip_titles(_clean(text))
    words, chain_gender = full_name(art, words, offset)
    name = " ".join(words)
    gender = title_gender or chain_gender or (gender_of_first_name(words[0]) if words else None)
    new = NewEntity(entity_id=slugify(name), name=name, type=EntityType.person, surface=text)
    return new.entity_id, new, gender


def entity_of_ent(
    art: ArticleView, ent: Span
) -> tuple[str, NewEntity | None, str, str | None] | None:
    """(entity id, new entity, kind, gender) of a named-entity mention."""
    registry = art.ctx.curation.registry
    entry = registry.get(ent.ent_id_) or registry.resolve(ent.text)
    if entry is not None:
        kind = "person" if entry.type == EntityType.person else "group"
        return entry.entity_id, None, kind, entry.gender
    if ent.label_ not in LABELS:
        return None
    words = _clean(ent.text)
    is_person = (
        ent.label_ == "PERSON"
        or _given_name_org(ent)
        or (len(words) == 1 and words[0].lower() in art.names and not media_type(ent.text))
    )
    if is_person:
        entity_id, new, gender = _person(art, ent.text, ent.start_char)
        entry = registry.by_alias(new.name)
        if entry is not None:
            return entry.entity_id, None, "person", entry.gender
        return entity_id, new, "person", gender
    kind_type = LABELS[ent.label_]
    if ent.label_ == "ORG" and media_type(ent.text):
        kind_type = EntityType.media
    name = re.sub(r"^(?:the|The)\s+", "", ent.text).replace("’s", "").replace("'s", "")
    if not name_key(name):
        return None
    new = NewEntity(entity_id=slugify(name), name=name, type=kind_type, surface=ent.text)
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
    for token in art.doc:
        if (
            not (token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.dep_ in SUBJECTS))
            or token.ent_type_ in LABELS
            or token.dep_ in ("compound", "amod", "nmod")
            or not token.text[:1].isupper()
            or token.lower_ not in art.names
            or art.in_quote(token)
            or media_type(token.text)
        ):
            continue
        entity_id, new, gender = _person(art, token.text, token.idx)
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
    for token in art.doc:
        if token.dep_ not in SUBJECTS or art.in_quote(token):
            continue
        if token.lower_ in ("he", "she"):
            found = _antecedent(art, token.idx, token.lower_, token)
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
        gender = _person(art, new.name, span.start_char)[2]
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
            token.head.i in range(ent.start, ent.end) or _role(token.text) in ROLE_NOUNS
        ):
            heads.append(_role(token.lemma_))
    for token in ent:
        if _role(token.text) in PERSON_ROLE_TITLES:
            heads.append(_role(token.text))
    for token in (ent.root, ent.root.head):
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                heads.append(child.lemma_.lower())
    if ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN":
        heads.append(ent.root.head.lemma_.lower())
    for head in heads:
        art.descriptions.setdefault(head, []).append((ent.start_char, entity_id, new))


def _antecedent(
    art: ArticleView, offset: int, pronoun: str, token: Token | None = None
) -> Mention | None:
    """The salient earlier mention a pronoun refers to (subject first, sentence by sentence).

    In the pronoun's own sentence a mention counts when its verb governs the pronoun ("Roe said
    she …"), when it is the subject of the clause the pronoun's verb reports ("Roe was shocked,
    she said") or when it opens the sentence; not one in a clause beside it ("Asked whether Roe
    would win, she replied"). In earlier sentences a subject wins over a mention in passing of
    a nearer sentence (``SUBJECT_REACH`` sentences), the least embedded subject first; a
    sentence in parentheses is an aside.
    """
    wanted = "person" if pronoun in PERSONAL else "group"
    gender = PERSONAL.get(pronoun)
    sentence = art.sentence_of(offset)
    passing: Mention | None = None
    for index in range(sentence, max(-1, sentence - PRONOUN_REACH), -1):
        if passing is not None and sentence - index > SUBJECT_REACH:
            return passing
        pool = [
            m
            for m in art.mentions_in(index)
            if m.end <= offset
            and m.kind == wanted
            and (gender is None or m.gender in (None, gender))
        ]
        if index == sentence and token is not None:
            pool = _own_sentence(art, pool, token)
            if pool:
                subjects = [m for m in pool if m.subject]
                main = [m for m in subjects if _main_clause(art, m)]
                return (main or subjects or pool)[-1]
            continue
        if not pool or _aside(art, index):
            continue
        subjects = [m for m in pool if m.subject]
        if subjects:
            return min(subjects, key=lambda m: (_depth(art, m), m.start))
        passing = passing or pool[0]
    return passing


def _own_sentence(art: ArticleView, pool: list[Mention], token: Token) -> list[Mention]:
    """The mentions of the pronoun's own sentence it may refer to (see ``_antecedent``)."""
    governors = {a.i for a in token.ancestors}
    governing = [m for m in pool if _governs(art, m, governors)]
    if governing:
        return governing
    start = art.sentences[art.sentence_of(token.idx)][0]
    found = []
    for mention in pool:
        span = art.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        clause = span.root.head
        reported = (
            span.root.dep_ in SUBJECTS and clause.dep_ == "ccomp" and clause.head.i == token.head.i
        )
        if reported or not re.search(r"\w", art.text[start : mention.start]):
            found.append(mention)
    return found


def _aside(art: ArticleView, sentence: int) -> bool:
    """Whether a sentence is a parenthesis ("(Subscribe to our podcast.)")."""
    start, end = art.sentences[sentence]
    text = art.text[start:end].strip()
    return text.startswith("(") and text.rstrip(".").endswith(")")


_CLAUSES = frozenset({"advcl", "ccomp", "relcl", "acl", "xcomp", "csubj", "pcomp", "parataxis"})


def _depth(art: ArticleView, mention: Mention) -> int:
    """How many clauses down a mention sits (0 in the main clause): the least embedded
    subject of a sentence is its topic ("Asked whether Roe would win, she replied")."""
    span = art.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return 99
    return sum(1 for a in [span.root.head, *span.root.head.ancestors] if a.dep_ in _CLAUSES)


def _main_clause(art: ArticleView, mention: Mention) -> bool:
    """Whether a subject mention is the subject of its sentence's main verb."""
    span = art.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.head.dep_ == "ROOT"


def _governs(art: ArticleView, mention: Mention, governors: set[int]) -> bool:
    """Whether a mention hangs on a verb above the pronoun (its clause contains the pronoun)."""
    span = art.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.head.i in governors


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
    if gender is None and new is not None:
        gender = gender_of_first_name(new.name.split()[0])
    sentence = art.sentence_of(source.start)
    return Mention(
        source.start, source.end, source.entity_id, "person", gender, True, sentence, new
    )


def _issuer(art: ArticleView, offset: int) -> Mention | None:
    """Who issued "the statement": the last non-media agent that was a subject before it."""
    registry = art.ctx.curation.registry
    for mention in reversed(art.mentions_before(offset, 12)):
        entry = registry.get(mention.entity_id)
        media = (entry and entry.type == EntityType.media) or (
            mention.new_entity is not None and mention.new_entity.type == EntityType.media
        )
        if mention.subject and not media:
            return mention
    return None


def _role_word(head: Token) -> str:
    """A description's role word, hyphenated compounds whole ("front-runner")."""
    doc = head.doc
    if head.i >= 2 and doc[head.i - 1].text == "-" and not doc[head.i - 2].whitespace_:
        return f"{doc[head.i - 2].lower_}-{head.lemma_.lower()}"
    return head.lemma_.lower()


def _unnamed_before(art: ArticleView, head: Token) -> bool:
    """Whether an unnamed source with this head noun spoke before ("a senior official said …
    the official added", "according to officials"): then "the official" is that source, not
    the person in view ("A lawmaker filed a bill … the lawmaker said" is the person in view).
    Only the last ``UNNAMED_REACH`` sentences count: an unnamed source is taken up again soon."""
    lemma = head.lemma_.lower()
    first = art.sentences[max(0, art.sentence_of(head.idx) - UNNAMED_REACH)][0]
    for token in art.tokens(first, head.idx):
        if token.lemma_.lower() != lemma:
            continue
        unnamed = token.tag_ in ("NNS", "NNPS") or any(
            c.dep_ in ("det", "nummod") and c.lower_ not in ("the", "this", "that")
            for c in token.children
        )
        speaks = (token.dep_ in SUBJECTS and token.head.lemma_.lower() in CUE_VERBS) or (
            token.dep_ == "pobj" and token.head.head.lower_ == "according"
        )
        if unnamed and speaks:
            return True
    return False


def _document_source(art: ArticleView, head: Token) -> Resolved | None:
    """ "the statement said" → who issued the same kind of document named before it: its
    possessor ("Roe's statement"), its agent ("a statement issued by Roe") or the subject of
    the verb it hangs on ("In a statement, Roe announced …", "Roe said in a statement")."""
    lemma = head.lemma_.lower()
    for token in reversed(art.doc[max(0, head.i - DOCUMENT_REACH) : head.i]):
        if token.lemma_.lower() != lemma or art.in_quote(token):
            continue
        source = _document_agent(token)
        if source is not None:
            return _source_entity(art, source)
    return None


def _document_voice(art: ArticleView, pronoun: Token, depth: int = 0) -> Resolved | None:
    """ "“…,” it reads": the document named in this or the previous two sentences speaks for
    whoever wrote, sent, held or owns it ("Dawson lifted a sign", "The email was sent by Bash",
    "On his website, Sanders …"); an earlier "it reads" there passes its document on."""
    first = art.sentences[max(0, art.sentence_of(pronoun.idx) - 2)][0]
    for token in reversed(art.tokens(first, pronoun.idx)):
        if token.lower_ == "it" and _reads(token) and depth < 8:
            return _document_voice(art, token, depth + 1)
        if token.pos_ != "NOUN" or token.lemma_.lower() not in DOCUMENT_NOUNS | SIGNS:
            continue
        source = _holder(token) or _document_agent(token)
        return _source_entity(art, source) if source is not None else None
    return None


def _reads(pronoun: Token) -> bool:
    """Whether "it" is the subject of a verb a document speaks with ("it reads", "it says")."""
    return pronoun.dep_ in SUBJECTS and pronoun.head.lemma_.lower() in _READING_VERBS


def _source_entity(art: ArticleView, source: Token) -> Resolved | None:
    """The entity of a document's source token ("his" through its antecedent)."""
    if source.lower_ in _POSSESSIVES:
        found = _antecedent(art, source.idx, _POSSESSIVES[source.lower_], source)
        return (found.entity_id, found.new_entity, Attribution.pronoun) if found else None
    return resolve_mention(art, mention_span(art, source))


def _holder(token: Token) -> Token | None:
    """Who holds a document: the agent of the verb it is the passive subject of ("was sent by
    Bash"), or the subject of the verb it is the object of ("Dawson lifted a sign")."""
    verb = token.head
    if token.dep_ == "nsubjpass":
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
    while (
        token.dep_ == "dobj"
        and verb.dep_ == "conj"
        and not any(c.dep_ in SUBJECTS for c in verb.children)
    ):
        verb = verb.head  # "Dawson smiled and lifted a sign": the subject they share
    if token.dep_ == "dobj":
        return next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    return None


def _document_agent(token: Token) -> Token | None:
    """The possessor, "by" agent or issuing subject of a document mention (see above)."""
    for child in token.children:
        if child.dep_ == "poss" and (
            child.pos_ in ("PROPN", "NOUN") or child.lower_ in _POSSESSIVES
        ):
            return child
        for grand in child.children if child.dep_ == "acl" else ():
            pobj = [c for c in grand.children if c.dep_ == "pobj"]
            if grand.dep_ == "agent" and pobj:
                return pobj[0]
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ in ("in", "via", "through"):
        verb = prep.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.pos_ == "VERB" and subjects and subjects[0].pos_ in ("PROPN", "NOUN"):
            return subjects[0]
    return None


def _describe(art: ArticleView, head: Token) -> tuple[str, NewEntity | None] | None:
    """ "The candidate" → the latest entity given that role earlier in the article."""
    given = art.descriptions.get(head.lemma_.lower(), [])
    for start, entity_id, new in reversed(given):
        if start < head.idx:
            return entity_id, new
    return None


def _salient_person(art: ArticleView, span: Span, role: str | None = None) -> Mention | None:
    """The person a definite description ("the business mogul said") stands for.

    First a person given that role, with the description's capitalised words ("Wisconsin Gov.
    Scott Walker" for "the Wisconsin governor"), in its sentence or the one before ("Trump went
    after Walker after the Wisconsin governor …"); then the main-clause subject of its
    sentence, its other subjects and persons named in it, else the subjects of the sentences
    before it (nearest first, then persons named in passing), up to ``DESCRIPTION_REACH``
    sentences back. The subject of a clause above the description is not it ("Roe left after
    the senator spoke"), and a person who holds another office ("Mayor Roe" for "the
    senator") does not fit an office.
    """
    offset = span.start_char
    sentence = art.sentence_of(offset)
    above = {a.i for a in span.root.ancestors}
    words = {t.lower_ for t in span if t.i < span.root.i and t.text[:1].isupper()} - _DETERMINERS
    holders = {
        entity_id
        for start, entity_id, _ in art.descriptions.get(role or "", [])
        if words <= {t.lower_ for t in art.tokens(max(0, start - 40), start + 1)}
    }
    near: list[Mention] = []
    ranked: list[Mention] = []
    passing: list[Mention] = []
    for index in range(sentence, max(-1, sentence - DESCRIPTION_REACH), -1):
        if _aside(art, index):
            continue
        pool = [m for m in art.mentions_in(index) if m.end <= offset and m.kind == "person"]
        if index == sentence:
            pool = [m for m in pool if not (m.subject and _head_index(art, m) in above)]
        if sentence - index <= 1:
            near += reversed([m for m in pool if m.entity_id in holders])
        main = [m for m in pool if m.subject and _main_clause(art, m)]
        ranked += main + [m for m in pool if m.subject and m not in main]
        if index == sentence:  # "Roe met Poe after the senator …": Poe, before older subjects
            ranked += reversed([m for m in pool if not m.subject])
        else:
            passing += reversed([m for m in pool if not m.subject])
    for mention in near + ranked + passing:
        if role is None or _fits_office(art, mention.entity_id, role):
            return mention
    return None


def _head_index(art: ArticleView, mention: Mention) -> int | None:
    """The token a mention hangs on (its verb, for a subject)."""
    found = art.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return found.root.head.i if found is not None else None


def _fits_office(art: ArticleView, entity_id: str, role: str) -> bool:
    """Whether a person may hold an office: not when the article gave them another office."""
    if role not in PERSON_ROLE_TITLES:
        return True
    offices = {
        held
        for held, given in art.descriptions.items()
        if held in PERSON_ROLE_TITLES and any(e == entity_id for _, e, _ in given)
    }
    return not offices or role in offices


def anonymous_entity(art: ArticleView, span: Span) -> NewEntity:
    """An unnamed source scoped to its article: "a senior official" → its own entity."""
    words = [t.text for t in span if not (t.i == span.start and t.lower_ in _DETERMINERS)]
    description = " ".join(words).strip(" ,") or span.text
    key = name_key(description) or "unnamed source"
    if key not in art.anonymous:
        head = span.root.lemma_.lower()
        plural = span.root.tag_ in ("NNS", "NNPS") or head in GROUP_PRONOUNS
        kind = EntityType.group if plural or head in DATA_NOUNS else EntityType.person
        if span.root.pos_ == "PRON":
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
        entity_id, new, _ = _person(art, head.text, head.idx)
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
            entity_id, new, _ = _person(art, " ".join(words), head.idx)
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
    elif lower == "it" and _reads(span.root):
        voice = _document_voice(art, span.root)
        if voice is not None:
            return voice[0], voice[1], Attribution.pronoun
        found = _antecedent(art, span.start_char, lower, span.root)
    else:
        found = _antecedent(art, span.start_char, lower, span.root)
    if found is None:
        new = anonymous_entity(art, span)
        return new.entity_id, new, Attribution.pronoun
    return found.entity_id, found.new_entity, Attribution.pronoun


def resolve_mention(art: ArticleView, span: Span) -> Resolved:
    """The entity a speaker mention denotes: ``resolve_mention(view(ctx), span)``."""
    head = span.root
    lower = head.text.lower()
    if head.pos_ == "PRON" or lower in PERSONAL or lower in GROUP_PRONOUNS:
        return _pronoun(art, span, lower)
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
        earlier = _document_source(art, head) if definite else None
        if earlier is not None:
            return earlier[0], earlier[1], Attribution.nominal
        issuer = _issuer(art, span.start_char) if definite else None
        if issuer is not None:
            return issuer.entity_id, issuer.new_entity, Attribution.nominal
    lemma = _role_word(head)
    role = lemma in ROLE_NOUNS and (lemma not in ANONYMOUS_HEADS or not _unnamed_before(art, head))
    if definite and role and head.tag_ != "NNS":  # "the Republican candidate": a person
        salient = _salient_person(art, span, _role(lemma))
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
    return token.pos_ == "PROPN" and media_type(span.text) is not None

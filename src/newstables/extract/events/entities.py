"""Who an argument phrase denotes: registry entities first, else a new entity proposed from
the sentence: a named person or organisation, a place acting as its government ("Seoul", "the
Kremlin"), a nationality with a group noun ("Israeli soldiers", "Turkish authorities"), a group
noun placed by a name ("security forces in Guinea"). Pronouns go to their antecedent.

>>> agents(article, subject_token)
['israeli-soldiers']
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Span, Token

from ...models import EntityType
from ...registry import name_key, slugify
from .. import NewEntity
from ..attribution import mention_span, resolve_mention, view
from ..spans import entities, entity_at
from .index import TokenIndex
from .parse import dobj
from .parse import subject as subject_of
from .state import Article

_RELATIVE = frozenset({"who", "which", "that", "whom"})
_PERSONAL = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
_FIRST_PERSON = frozenset({"we", "i", "our", "us", "my", "me"})
_THING_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
_NOT_ACTORS = frozenset({EntityType.place})
_NAMED = {"PERSON": EntityType.person, "ORG": EntityType.organization, "GPE": EntityType.state,
          "NORP": EntityType.group, "FAC": EntityType.organization}  # fmt: skip
_KEEP_MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod"})
_INSTITUTIONS = frozenset(
    {"council", "court", "regulator", "parliament", "government", "committee", "administration",
     "legislature", "senate", "board", "commission"}
)  # fmt: skip
# people who act for someone else, or beside them: their possessor is not the actor
_DELEGATES = frozenset(
    {"lawyer", "attorney", "counsel", "spokesman", "spokeswoman", "spokesperson", "aide",
     "adviser", "advisor", "wife", "husband", "son", "daughter", "brother", "sister", "father",
     "mother", "friend", "rival", "opponent", "critic", "deputy", "assistant", "defender"}
)  # fmt: skip
_QUANTITIES = frozenset(
    {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
     "third", "half", "quarter", "number", "some", "many", "most", "all", "one", "two", "several",
     "majority", "part", "group"}
)  # fmt: skip
_NATION_ENDINGS = ("an", "ese", "ish", "i", "ic", "ch")
_PLACING = frozenset({"in", "of", "from"})
_VAGUE = frozenset(
    {"some", "many", "several", "other", "senior", "top", "local", "angry", "about", "up", "more",
     "than", "nearly", "almost", "around", "former", "new", "radical", "republican", "democratic",
     "conservative", "liberal", "both"}
)  # fmt: skip


def agents(article: Article, token: Token | None, agent: bool = True) -> list[str]:
    """The entities a subject or agent phrase denotes, conjuncts (and conjoined nationalities:
    "Hungarian and Romanian officials") each one."""
    if token is None:
        return []
    found: list[str] = []
    for node in (token, *token.conjuncts):
        for entity in _each(article, node, agent):
            if entity and entity not in found:
                found.append(entity)
    return found


def _each(article: Article, node: Token, agent: bool) -> list[str | None]:
    nations = [c for c in node.children if c.dep_ == "amod" and _nationality(c)]
    if (
        len(nations) == 1
        and nations[0].conjuncts
        and node.lemma_.lower() in article.book.group_nouns
    ):
        return [
            _group(article, node, adjective) for adjective in (nations[0], *nations[0].conjuncts)
        ]
    return [resolve(article, node, agent=agent)]


def resolve(article: Article, token: Token, depth: int = 0, agent: bool = True) -> str | None:
    """The entity a noun phrase's head denotes; pronouns resolved; places only as recipients."""
    lower = token.lower_
    if depth > 3:
        return None
    if lower in _RELATIVE and token.head.dep_ == "relcl":
        return _antecedent(article, token.head.head)
    if lower in _PERSONAL:
        found = _person_before(article, token.idx, _PERSONAL[lower])
        if found or not article.proposing:
            return found
        return _someone(article, _attributed(article, token))
    if lower in _FIRST_PERSON:
        return _speaker(article, token)
    if lower in _THING_PRONOUNS:
        found = _governing_subject(article, token, depth)
        if found or (lower in ("it", "its") and _about_a_thing(article, token)):
            return found
        return _attributed(article, token) if article.proposing else None
    if token.pos_ == "VERB":  # a misparse: "the Red Cross operating in Iraq said"
        inner = next((c for c in token.children if c.dep_ == "nsubj"), None)
        return resolve(article, inner, depth + 1, agent) if inner is not None else None
    entity = registry_entity(article, token, agent=agent)
    if entity:
        return entity
    counted = _counted(token)
    if counted is not None:  # "thousands of Nigerians", "one third of the guerrillas"
        return resolve(article, counted, depth + 1, agent)
    for child in token.children:  # "the Kremlin's statement", "remarks made by Gerasimov"
        if token.lemma_.lower() in _DELEGATES:
            break  # "Lazar's lawyer asked": the lawyer, not Lazar
        if child.dep_ == "poss" and (found := resolve(article, child, depth + 1, agent)):
            return found
    return propose(article, token) if article.proposing else None


def _antecedent(article: Article, noun: Token) -> str | None:
    """What a relative pronoun stands for: the outermost noun of the phrase it attaches to
    ("Gerasimov, the chief of the General Staff, who ..." is Gerasimov), else an inner one."""
    chain = [noun]
    while chain[-1].dep_ in ("pobj", "prep", "appos", "compound") and chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    chain.extend(_described_subject(chain[-1]))
    for node in reversed(chain):
        if node.pos_ in ("NOUN", "PROPN") and (entity := resolve(article, node)):
            return entity
    return None


def _described_subject(noun: Token) -> list[Token]:
    """The subject a predicate noun describes: in "Trump is a serial liar and bully who has
    pledged ...", the one who pledged is Trump (a conjunct of the predicate noun too).

    >>> _described_subject(doc[6])  # "bully" → [Trump]
    """
    node = noun
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    if node.dep_ != "attr" or node.head.lemma_ != "be":
        return []
    subj = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
    return [subj] if subj is not None else []


def _governing_subject(article: Article, token: Token, depth: int) -> str | None:
    """ "North Korea confirmed that it sent troops": "it" is the nearest governing subject."""
    node, crossed = token, False
    while node.head != node:
        clausal = node.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl")
        crossed = crossed or (clausal and node.pos_ in ("VERB", "AUX"))
        node = node.head
        subject = subject_of(node)
        if not crossed or node.pos_ not in ("VERB", "AUX"):
            continue
        if subject is not None and subject != token:
            entity = resolve(article, subject, depth + 1)
            if entity:
                return entity
    return None


def _someone(article: Article, entity_id: str | None) -> str | None:
    """The entity, unless it is known not to be a person ("his" is no newspaper)."""
    if entity_id is None:
        return None
    entry = article.registry.get(entity_id)
    proposed = article.proposed.get(entity_id)
    kind = entry.type if entry else proposed.type if proposed else None
    return entity_id if kind in (None, EntityType.person) else None


def _about_a_thing(article: Article, token: Token) -> bool:
    """Whether "it" stands for a thing: the subject of the clause it sits in is one ("one
    advantage is that it gave the campaign time": the late endorsement), or, for the subject
    of a sentence, the subject of the sentence before ("The lawsuit contends ... . It goes on
    to fault ...": the lawsuit). No one to look back for then."""
    node = token
    while node.head != node:
        crossed = node.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl")
        node = node.head
        subject = subject_of(node)
        if crossed and subject is not None and subject != token:
            return _thing(article, subject)
    sent = token.sent
    if token.dep_ != "nsubj" or token.head != sent.root or sent.start == 0:
        return False
    before = subject_of(token.doc[sent.start - 1].sent.root)
    return before is not None and _thing(article, before)


def _thing(article: Article, noun: Token) -> bool:
    """A common noun that names no one (not a group, no named entity)."""
    return (
        noun.pos_ == "NOUN"
        and not noun.ent_type_
        and noun.lemma_.lower() not in article.book.group_nouns
    )


def registry_entity(article: Article, token: Token, agent: bool = True) -> str | None:
    """A registry entity for the token: its named-entity span, else its phrase as a role
    (looked up once per word and reading in the article)."""
    key = (token.i, agent)
    if key not in article.entities:
        article.entities[key] = _registry_entity(article, token, agent)
    return article.entities[key]


def _registry_entity(article: Article, token: Token, agent: bool) -> str | None:
    ent = _ent_of(token)
    if ent is not None:
        entry = article.resolve(ent.text, agent) or article.registry.get(ent.ent_id_)
        if entry is not None:
            return None if agent and entry.type in _NOT_ACTORS else entry.entity_id
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    phrase = article.text_of(token.doc[token.left_edge.i : token.i + 1])
    entry = article.resolve(phrase, agent)
    if entry is None or (agent and entry.type in _NOT_ACTORS):
        return None
    return entry.entity_id


def _ent_of(token: Token) -> Span | None:
    ent = entity_at(token)
    return ent if ent is not None and ent.ent_id_ else None


def _person_before(article: Article, offset: int, gender: str) -> str | None:
    """The last registry person of this gender named before the offset, preferring the last
    one named as a subject (the topic) in this or the previous sentence."""
    found = topic = None
    for start, entity_id, person_gender, subject in article.people:
        if start >= offset:
            break
        if person_gender in (None, gender):
            found = entity_id
            if subject:
                topic = (start, entity_id)
    if topic and _sentences_between(article.index, topic[0], offset) <= 1:
        return topic[1]
    return found


def _sentences_between(index: TokenIndex, start: int, end: int) -> int:
    """How many sentence breaks lie between two offsets."""
    chars = index.sent_chars
    return bisect_right(chars, end) - bisect_right(chars, start)


def _speaker(article: Article, token: Token) -> str | None:
    """ "we" in a quotation: the subject of the sentence's verb of saying (or the previous
    sentence's, for a quote introduced there)."""
    if not article.in_quote(token):
        return None
    sent = token.sent
    for candidate in (sent, _previous_sentence(sent)):
        if candidate is None:
            continue
        for word in candidate:
            if word.lemma_.lower() in article.book.reporting and not article.in_quote(word):
                subject = subject_of(word)
                if word.lemma_.lower() == "quote" and dobj(word) is not None:
                    subject = dobj(word)  # "the Kremlin quoted Putin as saying"
                if subject is not None and subject.lower_ not in _FIRST_PERSON:
                    return resolve(article, subject)
    return None


def _previous_sentence(sent: Span) -> Span | None:
    if sent.start == 0:
        return None
    return sent.doc[sent.start - 1].sent


# --- entities the registry does not know -----------------------------------------------------


def _counted(token: Token) -> Token | None:
    """The noun a quantity word counts ("thousands of Nigerians": Nigerians)."""
    if token.pos_ != "NUM" and token.lemma_.lower() not in _QUANTITIES:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _attributed(article: Article, token: Token) -> str | None:
    """A pronoun's antecedent as the attribution module finds it (named mentions of the
    article, subjects first)."""
    if article.in_quote(token):
        return None
    art = view(article.ctx)
    entity_id, new, _ = resolve_mention(art, mention_span(art, token))
    return _keep(article, entity_id, new)


def _keep(article: Article, entity_id: str | None, new: NewEntity | None) -> str | None:
    """The attribution module's entity for an argument; an unnamed source it made up for a
    description ("the council", "his") is no actor here: the events rules read those."""
    if new is not None and new.anonymous:
        return None
    if new is not None and entity_id:
        article.proposed.setdefault(entity_id, new)
    return entity_id


def propose(article: Article, token: Token) -> str | None:
    """A new entity for an argument the registry does not know (None when the phrase names
    nobody in particular: "officials", "the government"); read once per word (the entity it
    proposes is recorded on the first reading)."""
    if token.i not in article.proposals:
        article.proposals[token.i] = _propose(article, token)
    return article.proposals[token.i]


def _propose(article: Article, token: Token) -> str | None:
    if token.pos_ == "PRON":
        return None
    ent = entity_at(token)
    if ent is not None and ent.ent_id_:
        return None  # a registry name the registry rules did not take (a place, as an agent)
    if ent is not None and ent.label_ in _NAMED and _heads_name(ent, token):
        return _named(article, ent)
    described = _described(article, token) or _titled_later(article, token)
    if described is not None:
        return described
    if token.lemma_.lower() in article.book.group_nouns:
        return _group(article, token, None)
    if token.pos_ == "NOUN" and token.lemma_.lower() not in article.book.nouns:
        named = [c for c in token.lefts if c.dep_ in ("amod", "compound") and
                 (c.ent_type_ in ("NORP", "GPE", "ORG") or _nationality(c))]  # fmt: skip
        if named:  # "Russian aircraft", "U.N. helicopters"
            name = _phrase(token, None)
            return _new(article, name, EntityType.group, name) if name else None
    if token.pos_ == "PROPN" and ent is None:
        name = _phrase(token, None)
        return _new(article, name, EntityType.organization, name) if name else None
    return None


def _heads_name(ent: Span, token: Token) -> bool:
    """Whether the token stands for the whole name: its root, or a word of it that the parse
    hangs outside it ("Sheikh Hamad bin Khalifa al-Thani launched", split by the parser)."""
    return ent.root == token or not ent.start <= token.head.i < ent.end


def _described(article: Article, token: Token) -> str | None:
    """ "the Vermont senator", "the New York businessman": the person the article gave that
    title before (the attribution module's reading of descriptions); people only."""
    if token.pos_ != "NOUN" or not any(
        c.dep_ == "det" and c.lower_ == "the" for c in token.children
    ):
        return None
    key = -1 - token.i  # cached beside the named mentions (those key by their start)
    if key not in article.named:
        art = view(article.ctx)
        entity_id, new, _ = resolve_mention(art, mention_span(art, token))
        entry = article.registry.get(entity_id)
        person = (entry and entry.type == EntityType.person) or (
            new is not None and new.type == EntityType.person
        )
        kept = _keep(article, entity_id, new) if person else None
        article.named[key] = kept or _titled_before(article, token)
    return article.named[key]


_TITLES = {
    "governor": ("gov.", "governor"), "senator": ("sen.", "senator"), "mayor": ("mayor",),
    "congressman": ("rep.", "congressman"), "congresswoman": ("rep.", "congresswoman"),
    "representative": ("rep.", "representative"), "president": ("president",),
    "secretary": ("secretary", "sec."), "judge": ("judge",), "minister": ("minister",),
    "chancellor": ("chancellor",), "premier": ("premier",),
}  # fmt: skip


def _titled_before(article: Article, token: Token) -> str | None:
    """ "the Wisconsin governor": the last person named before with that title and those
    words just before the name ("Wisconsin Gov. Scott Walker")."""
    titles = _TITLES.get(token.lemma_.lower())
    if titles is None:
        return None
    words = {c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"}
    for ent in reversed([e for e in article.doc.ents if e.end <= token.i]):
        if ent.label_ != "PERSON":
            continue
        before = {t.lower_ for t in article.doc[max(ent.start - 4, 0) : ent.start]}
        if before & set(titles) and words <= before:
            return _named(article, ent)
    return None


def _titled_later(article: Article, token: Token) -> str | None:
    """ "a U.S. district judge" … "U.S. District Judge James C. Cacheris": an indefinite title
    whose modifiers and title word all stand just before a person named later in the article is
    that person (a story often names its judge or official only after the lead)."""
    titles = _TITLES.get(token.lemma_.lower())
    if titles is None or not any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children
    ):
        return None
    words = {c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod") and c.pos_ != "DET"}
    if not words:
        return None
    for ent in (e for e in entities(article.doc) if e.start > token.i and e.label_ == "PERSON"):
        before = {t.lower_ for t in article.doc[max(ent.start - 4, 0) : ent.start]}
        if before & set(titles) and words <= before:
            return _named(article, ent)
    return None


def _named(article: Article, ent: Span) -> str | None:
    """A named person, organisation or place (a place that acts is its government)."""
    if ent.label_ == "PERSON":
        if ent.start not in article.named:  # the fullest name, looked for once per mention
            art = view(article.ctx)
            entity_id, new, _ = resolve_mention(art, ent)
            article.named[ent.start] = _keep(article, entity_id, new)
        return article.named[ent.start]
    name = re.sub(r"^(?:the|The)\s+", "", ent.text).replace("’s", "").replace("'s", "")
    return _new(article, name, _NAMED[ent.label_], ent.text) if name_key(name) else None


def _group(article: Article, token: Token, nation: Token | None) -> str | None:
    """ "Israeli soldiers", "Turkish authorities", "security forces in Guinea": a group noun
    made specific by a nationality, a name or a place; None when nothing names it."""
    name = _phrase(token, nation)
    if name is None:
        return None
    lemma = token.lemma_.lower()
    if lemma in article.book.armed_nouns:
        kind = EntityType.armed_force
    elif lemma in article.book.government_nouns:
        kind = EntityType.government_body
    else:
        kind = EntityType.group
    return _new(article, name, kind, token.doc[token.left_edge.i : token.i + 1].text)


def _phrase(token: Token, nation: Token | None) -> str | None:
    """The naming words of a noun phrase: proper or nationality modifiers, compounds, the head,
    and a placing "in/of/from NAME" phrase; None without any proper word."""
    left = [c for c in token.lefts if c.dep_ in _KEEP_MODIFIERS or c.dep_ == "poss"]
    words: list[Token] = []
    for modifier in left:
        if modifier.dep_ == "amod" and nation is not None and _nationality(modifier):
            continue
        words.extend(t for t in modifier.subtree if (t.pos_ == "PROPN" or t.lower_ not in _VAGUE)
                     and t.pos_ not in ("DET", "NUM", "PUNCT", "CCONJ", "PART"))  # fmt: skip
    if nation is not None:
        words.append(nation)
    words.append(token)
    placed = ""
    for prep in (c for c in token.rights if c.dep_ == "prep" and c.lower_ in _PLACING):
        inner = [t for t in prep.subtree if t.pos_ not in ("DET", "PUNCT") and
                 not _in_clause(t, prep)]  # fmt: skip
        if any(t.pos_ == "PROPN" or _nationality(t) for t in inner) and len(inner) <= 6:
            placed = " " + joined(inner)
            break
    proper = any(t.pos_ == "PROPN" or _nationality(t) or t.ent_type_ for t in words) or placed
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children)
    described = len(words) > 1 or token.lemma_.lower() in _INSTITUTIONS
    if not (proper or (definite and described and token.tag_ != "NNS")):
        return None  # "officials", "some soldiers": nobody in particular
    return (joined(words) + placed).strip()


def _in_clause(token: Token, top: Token) -> bool:
    """Whether a word below ``top`` is inside a clause that modifies a noun there ("groups
    donated ...", "groups that fought ...")."""
    node = token
    while node != top and node.head != node:
        if node.dep_ in ("acl", "relcl"):
            return True
        node = node.head
    return False


def joined(tokens: list[Token]) -> str:
    """Tokens in text order as printed (hyphens and possessives stay attached)."""
    ordered = sorted(set(tokens), key=lambda t: t.i)
    text = "".join(
        t.text_with_ws if n + 1 < len(ordered) and ordered[n + 1].i == t.i + 1 else t.text + " "
        for n, t in enumerate(ordered)
    )
    return " ".join(text.split())


def _nationality(token: Token) -> bool:
    """A nationality or group adjective ("Israeli", "Turkish"), by the named-entity tagger (or a
    capitalised adjective inside the sentence)."""
    if token.ent_type_ in ("NORP", "GPE"):
        return True
    if token.pos_ != "ADJ" or not token.text[:1].isupper() or token.lower_ in _VAGUE:
        return False
    return token.i != token.sent.start or token.lower_.endswith(_NATION_ENDINGS)


def _new(article: Article, name: str, kind: EntityType, surface: str) -> str | None:
    entity_id = slugify(name)
    if entity_id == "unnamed":
        return None
    known = article.registry.by_alias(name)
    if known is not None:
        return known.entity_id
    article.proposed.setdefault(entity_id, NewEntity(entity_id=entity_id, name=name, type=kind,
                                                     surface=surface))  # fmt: skip
    return entity_id

"""Antecedents: the person a pronoun or a definite description ("the senator") stands for.

>>> antecedent(art, offset, "she", token)            # a Mention, or None
>>> salient_person(art, span, "senator")

A documented salience heuristic over the parse and the article's indexed mentions (names,
bare surnames, resolved pronouns and person nouns, speakers): subjects before mentions in
passing, the least embedded subject of a sentence first, gender and number agreeing, asides
in parentheses skipped; a description prefers a holder of its role named just before, then the
person in view, never the subject of a clause above it nor a holder of another office.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .lexicon import CUE_VERBS, PERSON_ROLE_TITLES, PERSONAL, SUBJECTS
from .view import ArticleView, Mention

PRONOUN_REACH = 15  # sentences a pronoun looks back for its antecedent
SUBJECT_REACH = 2  # sentences a subject antecedent beats a nearer mention in passing
DESCRIPTION_REACH = 4  # sentences a definite description ("the senator") looks back
UNNAMED_REACH = 6  # sentences "the official" looks back for "an official said"
_ABBREVIATED_ROLES = {
    "gov": "governor", "sen": "senator", "rep": "representative", "pres": "president",
    "gen": "general", "sec": "secretary", "amb": "ambassador", "lt": "lieutenant",
}  # fmt: skip
_CLAUSES = frozenset({"advcl", "ccomp", "relcl", "acl", "xcomp", "csubj", "pcomp", "parataxis"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "one", "another"})


def role_of(word: str) -> str:
    """A title word as a role lemma ("Gov." → "governor")."""
    key = word.lower().rstrip(".")
    return _ABBREVIATED_ROLES.get(key, key)


def antecedent(
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
    """The mentions of the pronoun's own sentence it may refer to (see ``antecedent``)."""
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


def role_word(head: Token) -> str:
    """A description's role word, hyphenated compounds whole ("front-runner")."""
    doc = head.doc
    if head.i >= 2 and doc[head.i - 1].text == "-" and not doc[head.i - 2].whitespace_:
        return f"{doc[head.i - 2].lower_}-{head.lemma_.lower()}"
    return head.lemma_.lower()


def unnamed_before(art: ArticleView, head: Token) -> bool:
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


def salient_person(art: ArticleView, span: Span, role: str | None = None) -> Mention | None:
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
    words = {t.lower_ for t in span if t.i < span.root.i and t.text[:1].isupper()} - DETERMINERS
    near: list[Mention] = []
    ranked: list[Mention] = []
    passing: list[Mention] = []
    for index in range(sentence, max(-1, sentence - DESCRIPTION_REACH), -1):
        if _aside(art, index):
            continue
        pool = [m for m in art.mentions_in(index) if m.end <= offset and m.kind == "person"]
        if index == sentence:
            pool = [m for m in pool if not (m.subject and _head_index(art, m) in above)]
        if sentence - index <= 1 and role is not None:
            near += reversed([m for m in pool if _holds(art, m.entity_id, role, words)])
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
    offices = {held for held in _roles(art)[1].get(entity_id, ()) if held in PERSON_ROLE_TITLES}
    return not offices or role in offices


def _holds(art: ArticleView, entity_id: str, role: str, words: set[str]) -> bool:
    """Whether the article gave a person this role with these words just before the name
    (the first and the last two times it did, so that a long article stays linear)."""
    starts = _roles(art)[0].get((role, entity_id), [])
    return any(
        words <= {t.lower_ for t in art.tokens(max(0, start - 40), start + 1)}
        for start in {*starts[:1], *starts[-2:]}
    )


_ROLES: dict[int, tuple[ArticleView, int, dict, dict]] = {}


def _roles(art: ArticleView) -> tuple[dict[tuple[str, str], list[int]], dict[str, set[str]]]:
    """The article's recorded roles by (role, entity) and by entity, indexed once per article
    (and again if roles were recorded since)."""
    size = sum(len(given) for given in art.descriptions.values())
    cached = _ROLES.get(id(art))
    if cached is None or cached[0] is not art or cached[1] != size:
        by_pair: dict[tuple[str, str], list[int]] = {}
        by_entity: dict[str, set[str]] = {}
        for role, given in art.descriptions.items():
            for start, entity_id, _ in given:
                by_pair.setdefault((role, entity_id), []).append(start)
                by_entity.setdefault(entity_id, set()).add(role)
        _ROLES.clear()
        cached = _ROLES[id(art)] = (art, size, by_pair, by_entity)
    return cached[2], cached[3]

"""Trigger matching: which words of a sentence report an event, and of which PLOVER type.

Two sources, tried in this order for each word: the dataset's curated rules (``events:
triggers`` of its codebook, with keys) and the engine lexicon (CAMEO verb patterns converted
to PLOVER, and nouns). A lexicon verb fires its most specific pattern whose words all appear in
the verb's own clause (objects, particles, prepositional phrases), else its bare code; a noun
fires when a light verb governs it ("filed a lawsuit") or it names its agent ("Seoul's
inquiry", "an inquiry by the council").

>>> [h.type.value for h in fire(article, token)]
['REJECT']
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ...models import EventType, Factuality
from .index import TokenIndex, indexed
from .lexicon import EventCodebook, Pattern, TriggerRule
from .parse import dobj
from .patterns import match
from .state import Article, Hit

_POS = {"VERB": "verbs", "AUX": "verbs", "NOUN": "nouns", "PROPN": "nouns", "ADJ": "adjectives"}
_QUANTITY_NOUNS = frozenset({"quantity", "total", "number", "amount", "lot", "range", "batch"})
_AGENT_CHILDREN = frozenset({"poss", "agent"})
_CONCLUDING = frozenset({"conclude", "demand", "insist", "urge", "decide", "rule"})
_MOTION = frozenset({"return", "travel", "go", "come", "arrive", "fly", "head", "meet", "gather",
                     "convene", "sit"})  # fmt: skip


def fire(article: Article, token: Token, curated: bool = True) -> list[Hit]:
    """The hits a token fires: curated rules first (unless told not to), else the engine
    lexicon."""
    if _idiom(article, token):
        return []
    if curated and (rules := list(_curated(article, token))):
        return rules
    if token.pos_ == "VERB":
        hit = _label(article, token) or _verb_hit(article, token) or _blame(article, token)
        hit = hit or _refuse(article, token)
    elif token.pos_ == "NOUN":
        hit = _noun_hit(article.book, token)
    else:
        return []
    return [hit] if hit else []


def may_fire(article: Article) -> list[bool]:
    """Per word of the article, whether ``fire`` can find anything there (read once per
    article from plain lists): a word a curated rule names (lemma or form, with its part of
    speech), a contradicting word, a verb or auxiliary with a modal of request, a verb with a
    label ("oprd"), a lexicon verb or a verb of saying or showing, a lexicon or carrier noun.
    Every other word fires nothing, so ``fire`` need not be tried on it."""
    if article.firing is None:
        article.firing = _firing(article.book, article.index)
    return article.firing


def _firing(book: EventCodebook, index: TokenIndex) -> list[bool]:
    heads, deps, lower = index.head, index.dep, index.lower
    modal = {heads[j] for j, d in enumerate(deps) if d == "aux" and lower[j] in book.request_modals}
    label = {heads[j] for j, d in enumerate(deps) if d == "oprd"}
    return [
        _may_fire_at(book, index.pos[i], index.lemma[i], lower[i], i in modal, i in label)
        for i in range(len(heads))
    ]


def _may_fire_at(
    book: EventCodebook, pos: str, lemma: str, lower: str, modal: bool, label: bool
) -> bool:
    kind = _POS.get(pos)
    if kind and ((lemma, kind) in book.rules or (lower, kind) in book.rules):
        return True
    if lower in book.contradicts or (modal and kind == "verbs"):
        return True
    if pos == "VERB":
        speaking = lemma in book.reporting or lemma in _SHOWING
        return label or speaking or book.verb(lemma, lower) is not None
    if pos == "NOUN":
        return lemma in book.nouns or lower in book.nouns or lemma in book.carriers
    return False


BLAMING = Pattern(EventType.ACCUSE, "disapprove", "111")


def _blame(article: Article, token: Token) -> Hit | None:
    """A verb of saying whose reported words blame someone: "Ryan said Ginsburg's comments
    showed bias" accuses Ginsburg (the subject or possessor the words are about)."""
    book = article.book
    if token.lemma_.lower() not in book.reporting or article.in_quote(token):
        return None
    said = [c for c in token.children if c.dep_ in ("ccomp", "dobj", "xcomp", "advcl")]
    index, quoted = article.index, article.quoted
    words = [i for c in said for i in index.below(c.i)]
    words += [i for i in range(index.sent_start[token.i], index.sent_end[token.i]) if quoted[i]]
    if not any(index.lemma[i] in book.blame or index.lower[i] in book.blame for i in words):
        return None
    hit = Hit(token, BLAMING, EventType.ACCUSE, None, "disapprove")
    hit.target = _about(said)
    return hit


_REFUSING = Pattern(EventType.REJECT, None, "120")
_SHOWING = frozenset({"show", "give"})


def _refuse(article: Article, token: Token) -> Hit | None:
    """A verb of saying or showing whose words refuse: "said lifting the sanctions is out of
    the question", "showed no sign that he would apologize" (REJECT by the subject)."""
    book = article.book
    lemma = token.lemma_.lower()
    if (lemma not in book.reporting and lemma not in _SHOWING) or article.in_quote(token):
        return None
    index = article.index
    said = [i for c in token.children if c.i > token.i and c.dep_ not in ("punct", "cc", "conj")
            for i in index.below(c.i)]  # fmt: skip
    text = " ".join(index.lower[i] for i in sorted(said))
    if not any(phrase in text for phrase in book.refusals):
        return None
    return Hit(token, _REFUSING, EventType.REJECT, None, None)


def _label(article: Article, token: Token) -> Hit | None:
    """Calling someone a name of blame accuses them ("called him a pathological liar")."""
    book = article.book
    label = next((c for c in token.children if c.dep_ == "oprd"), None)
    target = dobj(token)
    if label is None or target is None or article.in_quote(token):
        return None
    if not any(t.lemma_.lower() in book.blame or t.lower_ in book.blame for t in label.subtree):
        return None
    hit = Hit(token, BLAMING, EventType.ACCUSE, None, "disapprove")
    hit.target = target
    return hit


def _about(said: list[Token]) -> Token | None:
    """Who the reported words are about: their subject (or its possessor)."""
    for clause in said:
        node = clause if clause.pos_ in ("NOUN", "PROPN") else next(
            (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)  # fmt: skip
        if node is None:
            continue
        owner = next((c for c in node.children if c.dep_ == "poss"), None)
        return owner if owner is not None and node.pos_ == "NOUN" else node
    return None


def _verb_hit(article: Article, token: Token) -> Hit | None:
    verb = article.book.verb(token.lemma_.lower(), token.lower_)
    if verb is None:
        return None
    pattern = match(article.index, verb, token)
    if pattern is None:
        return None
    return Hit(token, pattern, pattern.type, None, pattern.mode)


def journey_verb(token: Token) -> Token | None:
    """The verb of travel a "for" noun is the purpose of ("flew to Oslo for talks")."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in _MOTION:
        return head.head
    return None


def _journey(token: Token) -> bool:
    return journey_verb(token) is not None


def _noun_hit(book: EventCodebook, token: Token) -> Hit | None:
    pattern = book.nouns.get(token.lemma_.lower()) or book.nouns.get(token.lower_)
    if pattern is None and token.lemma_.lower() in book.carriers:
        kinds = [book.nouns.get(c.lemma_.lower()) for c in token.children if c.dep_ == "compound"]
        pattern = next((k for k in kinds if k), None)  # "a mediation effort"
    if pattern is None:
        return None
    head = token.head
    governed = (
        (token.dep_ in ("dobj", "nsubjpass", "attr") and head.lemma_.lower() in book.light_verbs)
        or _journey(token)
        or (pattern.type == EventType.ACCUSE and grounds_of(book, token) is not None)
    )
    named = any(c.dep_ in _AGENT_CHILDREN for c in token.children) or any(
        c.dep_ == "prep" and c.lower_ == "by" for c in token.children
    )
    if not (governed or named) or (not governed and _series(book, token)):
        return None
    return Hit(token, pattern, pattern.type, None, pattern.mode)


def grounds_of(book: EventCodebook, token: Token) -> Token | None:
    """ "jailed 52 members on charges of treason": the coercive verb whose grounds ("on" a
    charge or allegation) the noun gives; who jails on a charge accuses (None otherwise)."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "on" or prep.dep_ != "prep":
        return None
    verb = prep.head
    entry = book.verbs.get(verb.lemma_.lower())
    coercive = entry is not None and entry.default is not None
    return verb if coercive and entry.default.type == EventType.COERCE else None


def _series(book: EventCodebook, token: Token) -> bool:
    """A plural event noun that only its possessor names is a habit or a series, not one
    event ("Clinton's meetings with donors", "his rallies", "their endorsements")."""
    return token.tag_ == "NNS" and token.lower_ not in book.nouns and token.lemma_ != token.lower_


# --- curated rules (a dataset's codebook extension) -------------------------------------------


def _curated(article: Article, token: Token) -> Iterator[Hit]:
    """The hits of the curation's rules, requests and contradictions."""
    book = article.book
    pos = _POS.get(token.pos_)
    if pos:
        words = dict.fromkeys((token.lemma_.lower(), token.lower_))  # irregular forms too
        for rule in (r for w in words for r in book.rules.get((w, pos), ())):
            key = _fires(book, rule, token, pos)
            if key is not False:
                yield _offer(book, Hit(token, rule, rule.type, key, rule.mode, curated=True))
    if _obligation(book, token):
        rule = TriggerRule(EventType.REQUEST, "demand")
        yield Hit(token, rule, rule.type, rule.key, None, reported=True)
    if token.lower_ in book.contradicts and claim_after(token) is not None:
        rule = TriggerRule(EventType.REJECT, "denial")
        yield Hit(token, rule, rule.type, rule.key, None, reported=True)


def _obligation(book: EventCodebook, token: Token) -> bool:
    """ "X said Y must end the deployment": a demand of Y by whoever says it."""
    index = indexed(token.doc)
    if token.pos_ not in ("VERB", "AUX") or not any(
        index.dep[c] == "aux" and index.lower[c] in book.request_modals
        for c in index.children(token.i)
    ):
        return False
    if token.lemma_.lower() in book.request_verbs:
        return True
    head = token.head
    return token.dep_ == "ccomp" and head.lemma_.lower() in book.reporting | _CONCLUDING


def _fires(book: EventCodebook, rule: TriggerRule, token: Token, pos: str) -> str | None | bool:
    """The key the rule codes for this token, or False when its conditions fail."""
    objects = list(_objects(token))
    needs = rule.objects and (pos != "nouns" or rule.nouns_need_objects)
    matched = [o for o in objects if o.lemma_.lower() in rule.objects or o.lower_ in rule.objects]
    if rule.clause and pos == "verbs":
        clausal = any(c.dep_ == "ccomp" for c in token.children)
        if not (clausal or matched or _first_time(book, token)):
            return False
    elif needs and not matched:
        return False
    for key, words in rule.refine:
        if any(w.lower_ in words for o in matched for w in o.subtree if w.i < o.i):
            return key
    return rule.key


def _idiom(article: Article, token: Token) -> bool:
    """Whether the token starts or sits in a fixed phrase that is no event ("thanks to")."""
    if article.idioms is None:  # every idiom's place in the article, found once
        covered: set[int] = set()
        for idiom in article.book.idioms:
            start = article.lower.find(idiom)
            while start >= 0:
                covered.update(range(start, start + len(idiom)))
                start = article.lower.find(idiom, start + 1)
        article.idioms = frozenset(covered)
    return token.idx in article.idioms


def _offer(book: EventCodebook, hit: Hit) -> Hit:
    """ "ready to provide assistance": an offer (AGREE), not aid given."""
    if hit.type not in (EventType.AID, EventType.COOPERATE):
        return hit
    head = hit.token.head
    if hit.token.dep_ == "xcomp" and head.lemma_.lower() in book.offers:
        hit.type, hit.key, hit.mode = EventType.AGREE, "offer", None
        hit.factuality = Factuality.planned
    return hit


def _first_time(book: EventCodebook, token: Token) -> bool:
    sent = token.sent
    window = sent.text[max(0, token.idx - sent.start_char - 40) :].lower()
    return any(phrase in window for phrase in book.first_time)


def _objects(token: Token) -> Iterator[Token]:
    """The trigger's objects: direct object, passive subject, with/of/to complements, the noun
    a participle modifies, a relative pronoun's antecedent; looked through "quantities of"."""
    heads = []
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("with", "of", "to"):
            heads.extend(c for c in child.children if c.dep_ == "pobj")
    if token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        heads.append(token.head)
    if token.dep_ == "relcl":
        heads.append(token.head)
    for head in heads:
        yield from _expand(head)


def _expand(token: Token) -> Iterator[Token]:
    """A noun, its conjuncts, and the noun counted by a quantity noun ("a total of troops")."""
    yield token
    yield from token.conjuncts
    if token.lemma_.lower() in _QUANTITY_NOUNS or token.pos_ == "NUM":
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        yield from _expand(pobj)


def claim_after(token: Token) -> Token | None:
    """The claim verb or noun a "despite" introduces ("despite Moscow claiming ...")."""
    for word in token.doc[token.i + 1 : token.i + 5]:
        if word.lemma_.lower() == "claim":
            return word
    return None

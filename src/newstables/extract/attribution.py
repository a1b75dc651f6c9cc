"""Who said it: attribution of a quote or a number phrase to a speaker, cue and channel.

>>> source = attribute(ctx, quote_start, quote_end)
>>> source.entity_id, source.surface, source.cue, source.channel_id
('vladimir-putin', 'Putin', 'quoted … as saying', 'the-kremlin')

How it decides (a documented heuristic, no learned model beyond the spaCy parse):

1. Sentences are cut on a copy of the text whose quotes are masked, so a quote is always inside
   one sentence; a line that starts in lower case continues the previous line's sentence.
2. Cues are speech verbs (``CUE_VERBS``), "according to X", "X quoted/cited Y as saying",
   speech nouns with a possessor ("Kim's reference to …") and colon introductions. For a quote,
   a cue that governs the quote in the parse wins; otherwise the nearest cue in its sentence.
3. Without a cue in its sentence, a quote takes (in order) the bare attribution sentence that
   follows it ("… ." Trump said.), the colon sentence that introduces it, the speaker of the
   quote before it in the paragraph (adjacent), or of the last quote when the paragraph is
   only quotation (carried), else the subject of the previous sentence of its paragraph.
4. The speaker mention is the cue's subject (or the object of "quoted … as saying", the object
   of "according to"); relative pronouns go to their noun; a media speaker that merely "added"
   what it relayed before yields to the relayed voice (it becomes the channel).
5. Mentions resolve to entities through ``resolve_mention``: registry names, metonyms and roles;
   personal pronouns go to the salient earlier mention (subject first, sentence by sentence
   backwards, gender checked when known); "the statement" goes to its issuer; surnames and
   descriptions ("the candidate") go to the full name met earlier in the article; unknown
   names become new entities (``registry.slugify``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..models import Attribution, EntityType
from ..registry import name_key, slugify
from . import ArticleContext, NewEntity
from .quotemarks import QuoteSpan, find_quotes
from .spans import entities, entity_at


def _words(text: str) -> frozenset[str]:
    """A word set from a whitespace-separated list."""
    return frozenset(text.split())


CUE_VERBS = _words(
    """
    say tell add write tweet ask note explain reply state report declare recall conclude
    respond argue read describe call admit acknowledge promise insist warn urge suggest
    predict remark continue chant assure claim contend emphasize emphasise stress announce
    confirm deny pledge vow hail praise laud quote cite estimate post joke boast complain
    observe point agree counter mention comment recount testify shout yell whisper proclaim
    reiterate concede maintain allege assert caution lament muse quip retort reveal indicate
    thank criticize criticise slam blast accuse demand charge wonder inform brag scoff
    exclaim recommend propose threaten refer dub label brand term characterize characterise
    speculate opine plead order instruct guarantee swear tout mock tease concur interject
    begin predict recommend fume rail gush cry sing tell reason acknowledge affirm answer
    attest bemoan complain confess decry disclose echo elaborate underline underscore
    summarize summarise vow blog posit insist counsel cite hint announce trumpet lambaste
    denounce condemn thunder question interrupt shoot press exhort snap gripe grumble marvel
    quote sigh
    """
)
QUOTING_VERBS = frozenset({"quote", "cite"})
SPEECH_NOUNS = _words(
    """
    reference comment comments remark remarks word words statement claim description promise
    pledge warning assertion message vow tweet speech call plea words
    """
)
DOCUMENT_NOUNS = _words(
    """
    statement report release communique communiqué letter memo email post tweet announcement
    message notice editorial document filing ad advertisement video broadcast dispatch
    bulletin commentary article readout transcript
    """
)
MEDIUM_NOUNS = _words(
    """
    statement interview email e-mail address speech release post tweet letter briefing
    conference call message remarks video broadcast podcast op-ed column appearance
    """
)
PERSONAL = {"he": "male", "him": "male", "she": "female", "her": "female"}
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})
TITLES = {
    "mr": "male",
    "mrs": "female",
    "ms": "female",
    "miss": "female",
    "dr": None,
    "sen": None,
    "senator": None,
    "rep": None,
    "gov": None,
    "gen": None,
    "president": None,
    "rev": None,
    "prof": None,
    "comrade": None,
    "sir": "male",
    "lady": "female",
}
_MEDIA = re.compile(
    r"\b(?:news|press|times|post|journal|agency|reuters|afp|ap|cnn|nbc|abc|cbs|msnbc|fox|bbc|"
    r"radio|tv|television|tribune|herald|gazette|telegraph|guardian|politico|magazine|daily|"
    r"kcna|tass|ria|yonhap|xinhua|interfax|bloomberg|axios|breitbart|npr|pbs)\b",
    re.IGNORECASE,
)
_ABBREVIATIONS = _words(
    """
    mr mrs ms dr sen rep gov gen st jr sr lt col sgt capt maj rev prof inc co corp ltd no vs
    jan feb aug sep sept oct nov dec u.s u.n d.c a.m p.m ft mt ave e.g i.e cmdr adm
    """
)
_BOUNDARY = re.compile(r"[.!?…]+[”\"’'»)\]]*\s+(?=[“\"‘'«(\[]*[A-Z0-9])")
_LABELS = {
    "PERSON": EntityType.person,
    "ORG": EntityType.organization,
    "GPE": EntityType.state,
    "NORP": EntityType.group,
}
_SUBJECTS = ("nsubj", "nsubjpass")
_NOT_AGENTS = frozenset({"that", "this", "it", "there", "what", "these", "those"})
_CUE_FORMS = _words(
    """
    said says tweeted told added wrote asked explained noted stated declared replied
    """
)


@dataclass(frozen=True)
class Source:
    """Who content is attributed to, through which cue and channel."""

    entity_id: str | None  # registry id, or a new slug for an unknown speaker
    surface: str | None  # the mention at the attribution point, exactly as printed
    start: int | None
    end: int | None
    cue: str | None  # "said", "quoted … as saying", "told", "according to", ":" …
    channel_id: str | None  # who relayed the words (KCNA, the Kremlin)
    method: Attribution
    new_entity: NewEntity | None  # when entity_id is not in the registry
    channel_entity: NewEntity | None = None  # when channel_id is not in the registry


@dataclass(frozen=True)
class Mention:
    """An agent mention outside quotes (an antecedent candidate)."""

    start: int
    end: int
    entity_id: str
    kind: str  # person | group
    gender: str | None
    subject: bool
    sentence: int
    new_entity: NewEntity | None


@dataclass
class ArticleView:
    """Per-article indexes shared by every attribution in one article (built once)."""

    ctx: ArticleContext
    quotes: list[QuoteSpan]
    sentences: list[tuple[int, int]]
    quote_starts: list[int] = field(default_factory=list)
    chunks: dict[int, Span] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    descriptions: list[tuple[int, str, str, NewEntity | None]] = field(default_factory=list)
    sources: dict[int, Source | None] = field(default_factory=dict)

    @property
    def doc(self) -> Doc:
        return self.ctx.doc

    @property
    def text(self) -> str:
        return self.ctx.text

    def quote_at(self, offset: int) -> QuoteSpan | None:
        """The quote whose content holds this offset."""
        index = bisect.bisect_right(self.quote_starts, offset) - 1
        if index >= 0 and self.quotes[index].start <= offset < self.quotes[index].end:
            return self.quotes[index]
        return None

    def in_quote(self, token: Token) -> bool:
        """Whether a token lies inside quote marks."""
        return self.quote_at(token.idx) is not None

    def sentence_of(self, offset: int) -> int:
        """Index of the masked sentence holding an offset."""
        starts = [s for s, _ in self.sentences]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens starting in [start, end) and outside quotes."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        return [t for t in span if start <= t.idx < end and not self.in_quote(t)]


_VIEW: dict[str, ArticleView] = {}
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]*$")


def view(ctx: ArticleContext) -> ArticleView:
    """The (cached) indexes of one article: ``view(ctx).quotes``."""
    key = f"{ctx.article.article_id}:{id(ctx.doc)}"
    if key not in _VIEW:
        _VIEW.clear()
        quotes = find_quotes(ctx.text)
        art = ArticleView(ctx, quotes, sentences(ctx.text, quotes))
        art.quote_starts = [q.start for q in quotes]
        for chunk in ctx.doc.noun_chunks:
            art.chunks[chunk.root.i] = chunk
        _VIEW[key] = art
        art.mentions = _agent_mentions(art)
    return _VIEW[key]


def sentences(text: str, quotes: list[QuoteSpan]) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets cut outside quotes; lines starting lower-case continue.

    >>> sentences('He said: "Go. Now." Then he left.', [])[1]
    (14, 33)
    """
    masked = list(text)
    for quote in quotes:
        keep = text[quote.end - 1] if text[quote.end - 1] in ".!?…" else "X"
        masked[quote.start : quote.end] = "X" * (quote.end - quote.start - 1) + keep
    flat = "".join(masked)
    cuts = {0, len(text)}
    for match in _BOUNDARY.finditer(flat):
        word = _LAST_WORD.search(flat, max(0, match.start() - 80), match.start() + 1)
        token = word.group(1).lower().rstrip(".") if word else ""
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        cuts.add(match.end())
    for match in re.finditer(r"\n\s*", flat):
        following = flat[match.end() : match.end() + 1]
        if following and not following.islower():
            cuts.add(match.end())
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if a < b]


# ------------------------------------------------------------------ mentions and resolution


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


def _strip_titles(words: list[str]) -> tuple[list[str], str | None]:
    """Drop leading titles ("Mr.", "Sen.") and report the gender a title implies."""
    gender = None
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        gender = gender or TITLES[words[0].lower().rstrip(".")]
        words = words[1:]
    return words, gender


def _person_name(art: ArticleView, ent: Span) -> tuple[str, str | None]:
    """The fullest name the article gives a person mention ("Cruz" → "Ted Cruz") and gender."""
    words, gender = _strip_titles(ent.text.replace("’s", "").replace("'s", "").split())
    best = words
    for other in entities(art.doc):
        if other.label_ != "PERSON":
            continue
        other_words, other_gender = _strip_titles(other.text.split())
        if len(other_words) > len(best) and other_words[-len(words) :] == words:
            best = other_words
            gender = gender or other_gender
    if gender is None:
        for other in entities(art.doc):
            if other.label_ == "PERSON" and other.text.split()[-1:] == best[-1:]:
                gender = gender or _strip_titles(other.text.split())[1]
    return " ".join(best), gender


def _entity_of_ent(
    art: ArticleView, ent: Span
) -> tuple[str, NewEntity | None, str, str | None] | None:
    """(entity id, new entity, kind, gender) of a named-entity mention."""
    registry = art.ctx.curation.registry
    entry = registry.get(ent.ent_id_) or registry.resolve(ent.text)
    if entry is not None:
        kind = "person" if entry.type == EntityType.person else "group"
        return entry.entity_id, None, kind, entry.gender
    if ent.label_ not in _LABELS:
        return None
    if ent.label_ == "PERSON":
        name, gender = _person_name(art, ent)
        entry = registry.by_alias(name)
        if entry is not None:
            return entry.entity_id, None, "person", entry.gender
        new = NewEntity(
            entity_id=slugify(name), name=name, type=EntityType.person, surface=ent.text
        )
        return new.entity_id, new, "person", gender
    kind_type = _LABELS[ent.label_]
    if ent.label_ == "ORG" and _MEDIA.search(ent.text):
        kind_type = EntityType.media
    name = re.sub(r"^(?:the|The)\s+", "", ent.text).replace("’s", "").replace("'s", "")
    if not name_key(name):
        return None
    new = NewEntity(entity_id=slugify(name), name=name, type=kind_type, surface=ent.text)
    return new.entity_id, new, "group", None


def _agent_mentions(art: ArticleView) -> list[Mention]:
    """Every named agent mention outside quotes, in text order (antecedent candidates)."""
    found = []
    for ent in entities(art.doc):
        if ent.label_ not in _LABELS or art.in_quote(ent[0]):
            continue
        resolved = _entity_of_ent(art, ent)
        if resolved is None:
            continue
        entity_id, new, kind, gender = resolved
        subject = ent.root.dep_ in _SUBJECTS or (
            ent.root.dep_ in ("compound", "appos") and ent.root.head.dep_ in _SUBJECTS
        )
        sentence = art.sentence_of(ent.start_char)
        found.append(
            Mention(ent.start_char, ent.end_char, entity_id, kind, gender, subject, sentence, new)
        )
        _record_description(art, ent, entity_id, new)
    return found


def _record_description(art: ArticleView, ent: Span, entity_id: str, new: NewEntity | None) -> None:
    """Remember the titles an entity is given ("presidential candidate Donald Trump",
    "Yang, president of …") so that "the candidate" can find it later."""
    heads = []
    before = art.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.pos_ == "NOUN" and before.head.i in range(ent.start, ent.end):
        heads.append(before.lemma_.lower())
    for token in (ent.root, ent.root.head):
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                heads.append(child.lemma_.lower())
    if ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN":
        heads.append(ent.root.head.lemma_.lower())
    for head in heads:
        art.descriptions.append((ent.start_char, head, entity_id, new))


def _antecedent(art: ArticleView, offset: int, pronoun: str) -> Mention | None:
    """The salient earlier mention a pronoun refers to (subject first, sentence by sentence)."""
    wanted = "person" if pronoun in PERSONAL else "group"
    gender = PERSONAL.get(pronoun)
    sentence = art.sentence_of(offset)
    for index in range(sentence, max(-1, sentence - 8), -1):
        pool = [
            m
            for m in art.mentions
            if m.sentence == index
            and m.end <= offset
            and m.kind == wanted
            and (gender is None or m.gender in (None, gender))
        ]
        if pool:
            subjects = [m for m in pool if m.subject]
            return (subjects or pool)[-1 if index == sentence else 0]
    return None


def _issuer(art: ArticleView, offset: int) -> Mention | None:
    """Who issued "the statement": the last non-media agent that was a subject before it."""
    registry = art.ctx.curation.registry
    before = [m for m in art.mentions if m.end <= offset]
    for mention in reversed(before[-12:]):
        entry = registry.get(mention.entity_id)
        media = (entry and entry.type == EntityType.media) or (
            mention.new_entity is not None and mention.new_entity.type == EntityType.media
        )
        if mention.subject and not media:
            return mention
    return None


def _describe(art: ArticleView, head: Token) -> tuple[str, NewEntity | None] | None:
    """ "The candidate" → the latest entity given that title earlier in the article."""
    lemma = head.lemma_.lower()
    for start, title, entity_id, new in reversed(art.descriptions):
        if start < head.idx and title == lemma:
            return entity_id, new
    return None


def resolve_mention(
    art: ArticleView, span: Span
) -> tuple[str | None, NewEntity | None, Attribution]:
    """The entity a speaker mention denotes: ``resolve_mention(view(ctx), span)``."""
    registry = art.ctx.curation.registry
    head = span.root
    lower = head.text.lower()
    if head.pos_ == "PRON" or lower in PERSONAL or lower in GROUP_PRONOUNS:
        found = _antecedent(art, span.start_char, lower)
        if found is None:
            return None, None, Attribution.pronoun
        return found.entity_id, found.new_entity, Attribution.pronoun
    whole = registry.by_metonym(span.text) or registry.by_alias(span.text)
    if whole is not None:
        return whole.entity_id, None, Attribution.named
    role = registry.by_role(span.text)
    if role is not None:
        return role.entity_id, None, Attribution.nominal
    ent = entity_at(head)
    if ent is not None:
        resolved = _entity_of_ent(art, ent)
        if resolved is not None:
            return resolved[0], resolved[1], Attribution.named
    for child in head.children:
        if child.dep_ == "appos":
            entity_id, new, method = resolve_mention(art, mention_span(art, child))
            if entity_id:
                return entity_id, new, method
    definite = span[0].lower_ in ("the", "this", "that", "its", "their", "his", "her")
    if head.lemma_.lower() in DOCUMENT_NOUNS:
        for token in span:
            ent = entity_at(token) if token.i != head.i else None
            resolved = _entity_of_ent(art, ent) if ent is not None else None
            if resolved is not None:
                return resolved[0], resolved[1], Attribution.nominal
        issuer = _issuer(art, span.start_char) if definite else None
        if issuer is not None:
            return issuer.entity_id, issuer.new_entity, Attribution.nominal
    described = _describe(art, head) if head.pos_ == "NOUN" else None
    if described is not None:
        return described[0], described[1], Attribution.nominal
    for token in span:
        ent = entity_at(token)
        if ent is not None and ent.label_ in ("ORG", "GPE") and token.dep_ != "poss":
            resolved = _entity_of_ent(art, ent)
            if resolved is not None:
                return resolved[0], resolved[1], Attribution.nominal
    return None, None, Attribution.unknown


# ------------------------------------------------------------------ cues


def _subject(token: Token, art: ArticleView | None = None, depth: int = 0) -> Token | None:
    """The subject of a verb (outside quotes), inherited from the verb it hangs on ("…, adding
    that")."""
    for child in token.children:
        if child.dep_ in _SUBJECTS and not (art and art.in_quote(child)):
            return child  # a relative "who" stays: _source resolves it through its noun
    if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    if depth < 3 and token.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep", "acl", "dobj"):
        return _subject(token.head, art, depth + 1)
    return None


def _line_subject(art: ArticleView, token: Token) -> Token | None:
    """When the parse found a subject on another line (page furniture glued on), the first noun
    phrase of the cue's own sentence."""
    start = art.sentences[art.sentence_of(token.idx)][0]
    for candidate in art.tokens(start, token.idx):
        if candidate.pos_ in ("PROPN", "PRON", "NOUN") and candidate.i in art.chunks:
            return candidate
    return None


def _object(token: Token) -> Token | None:
    """The direct object of a verb."""
    return next((c for c in token.children if c.dep_ in ("dobj", "dative")), None)


def _as_saying(token: Token) -> Token | None:
    """The "saying" of "quoted X as saying"."""
    for child in token.children:
        if child.lower_ == "as":
            return next((p for p in child.children if p.dep_ == "pcomp"), None)
    return None


def _is_media(art: ArticleView, token: Token | None) -> bool:
    """Whether a mention names a news outlet or agency."""
    if token is None:
        return False
    span = mention_span(art, token)
    entry = art.ctx.curation.registry.resolve(span.text)
    if entry is not None:
        return entry.type == EntityType.media
    return token.pos_ == "PROPN" and bool(_MEDIA.search(span.text))


def _medium(token: Token) -> str | None:
    """ "in a statement", "in an email" attached to a cue verb."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in MEDIUM_NOUNS:
                    return f"{child.lower_} {obj.doc[obj.left_edge.i : obj.i + 1].text}"
    return None


def _relay(token: Token) -> Token | None:
    """The relay of "a statement released by the Kremlin" hanging on a cue verb."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                for acl in obj.children:
                    if acl.dep_ == "acl":
                        for agent in acl.children:
                            if agent.dep_ == "agent":
                                return next((p for p in agent.children if p.dep_ == "pobj"), None)
    return None


@dataclass(frozen=True)
class Cue:
    """A cue found in the parse: who speaks, who relays, and the cue words."""

    token: Token
    speaker: Token
    channel: Token | None
    words: str | None


def read_cue(art: ArticleView, token: Token) -> Cue | None:
    """The speaker, channel and cue words of a cue token, or None if it is not a cue."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        return Cue(token, obj, None, "according to") if obj is not None else None
    if token.pos_ == "NOUN" and lemma in SPEECH_NOUNS:
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None or owner.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        return Cue(token, owner, None, f"{token.text}")
    if token.tag_ == "NNS" and token.dep_ == "ROOT" and lemma in CUE_VERBS:
        # a mis-tagged verb: `"…," Bozell answers.` parsed as a noun with a compound
        owner = next((c for c in token.lefts if c.pos_ in ("PROPN", "PRON")), None)
        return Cue(token, owner, None, token.text) if owner is not None else None
    if token.pos_ in ("PROPN", "NOUN") and token.lower_ in _CUE_FORMS:
        # a capitalised or mis-tagged verb (`Murphy … Tweeted on Friday`)
        subject = _line_subject(art, token)
        return Cue(token, subject, None, token.text) if subject is not None else None
    if lemma == "put" and not any(
        (c.lower_ == "it" and c.dep_ == "dobj") or (c.lower_ == "at" and c.dep_ == "prep")
        for c in token.children
    ):
        return None  # only "as X puts it" and "X put the toll at 4,000"
    if token.pos_ not in ("VERB", "AUX") or (lemma not in CUE_VERBS and lemma != "put"):
        return None
    # "quoted/cited X as saying", "citing X", "X was quoted as saying"
    for quoting in (token, token.head.head, token.head):
        if quoting.lemma_.lower() not in QUOTING_VERBS or quoting.pos_ != "VERB":
            continue
        obj = _object(quoting)
        subject = _subject(quoting, art)
        if obj is not None:
            saying = token if quoting is not token else _as_saying(token)
            words = f"{quoting.text} … as {saying.text}" if saying is not None else quoting.text
            return Cue(token, obj, subject, words)
        passive = next((c for c in quoting.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            agent = next((c for c in quoting.children if c.dep_ == "agent"), None)
            relay = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            return Cue(token, passive, relay, f"{quoting.text} … as {token.text}")
    for child in token.children:  # "KCNA reported, citing the military leadership"
        if child.lemma_.lower() in QUOTING_VERBS and child.dep_ in ("advcl", "xcomp", "conj"):
            obj, reporter = _object(child), _subject(token, art)
            relays = reporter is not None and (
                _is_media(art, reporter) or reporter.lemma_.lower() in DOCUMENT_NOUNS
            )
            if obj is not None and relays:
                return Cue(token, obj, reporter, f"{token.text}, {child.text}")
    subject = _subject(token, art)
    if (
        subject is not None
        and "\n" in token.doc[min(subject.i, token.i) : max(subject.i, token.i)].text_with_ws
    ):
        subject = _line_subject(art, token)
    if subject is None and art.text[: token.idx].rstrip()[-1:] in (",", "”", '"', "'", "’"):
        subject = next(
            (
                c
                for c in token.rights
                if c.dep_ in ("dobj", "attr", "npadvmod", "nsubj")
                and c.pos_ in ("PROPN", "NOUN", "PRON")
            ),
            None,
        )
    if subject is None:  # `Bozell answers` parsed with a compound
        subject = next(
            (c for c in token.lefts if c.pos_ in ("PROPN", "PRON") and c.i == token.i - 1), None
        )
    if subject is None:
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if following is not None and following.pos_ == "PROPN":
            subject = following.head if following.head.pos_ == "PROPN" else following
    if subject is None:
        return None
    words = token.text
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    if particle is not None:
        words += f" {particle.text}"
    medium = _medium(token)
    if medium:
        words += f" {medium}"
    channel = _relay(token)
    if lemma == "tell":
        addressee = _object(token)
        channel = channel or (addressee if addressee is not None else None)
    return Cue(token, subject, channel, words)


def _author(token: Token) -> Token:
    """ "a court document filed by X" speaks for X; other mentions for themselves."""
    if token.lemma_.lower() in DOCUMENT_NOUNS:
        for acl in token.children:
            if acl.dep_ == "acl":
                for agent in acl.children:
                    if agent.dep_ == "agent":
                        return next((p for p in agent.children if p.dep_ == "pobj"), token)
    return token


def _source(art: ArticleView, cue: Cue, method: Attribution | None = None) -> Source:
    """A Source from a cue: resolve the speaker and channel mentions."""
    speaker = _author(cue.speaker)
    span = mention_span(art, speaker)
    target = span
    if speaker.tag_ in ("WP", "WDT") and speaker.head.dep_ == "relcl":
        target = mention_span(art, speaker.head.head)  # "Kyiv, which contends" → Kyiv
    entity_id, new, how = resolve_mention(art, target)
    channel_id, channel_new = None, None
    if (
        cue.channel is not None
        and _is_media(art, cue.channel)
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


def _cues(art: ArticleView, start: int, end: int) -> list[Cue]:
    """Every cue in [start, end) outside quotes."""
    found = []
    for token in art.tokens(start, end):
        cue = read_cue(art, token)
        if cue is not None and not art.in_quote(cue.speaker):
            found.append(cue)
    return found


def _governing(cues: list[Cue], tokens: list[Token]) -> Cue | None:
    """The cue that governs the content tokens in the parse (nearest ancestor)."""
    by_token = {c.token.i: c for c in cues}
    best: tuple[int, Cue] | None = None
    for token in tokens:
        for depth, ancestor in enumerate(token.ancestors):
            if ancestor.i in by_token and (best is None or depth < best[0]):
                best = (depth, by_token[ancestor.i])
                break
    return best[1] if best else None


def _merge_according(art: ArticleView, chosen: Cue, cues: list[Cue]) -> Cue:
    """ "Kim described … as "…", according to KCNA": the verb's subject speaks, KCNA relays."""
    if chosen.words == "according to":
        verbs = [c for c in cues if c.words != "according to" and c.token.pos_ == "VERB"]
        if verbs and _is_media(art, chosen.speaker):
            verb = min(verbs, key=lambda c: abs(c.token.i - chosen.token.i))
            return Cue(verb.token, verb.speaker, chosen.speaker, f"{verb.words} … according to")
        return chosen
    according = next((c for c in cues if c.words == "according to"), None)
    if according is not None and _is_media(art, according.speaker) and chosen.channel is None:
        return Cue(chosen.token, chosen.speaker, according.speaker, chosen.words)
    return chosen


def _content_tokens(art: ArticleView, start: int, end: int) -> list[Token]:
    """The content's tokens whose head lies outside it (its attachment points)."""
    span = art.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]


def _in_sentence(art: ArticleView, start: int, end: int, for_quote: bool) -> Cue | None:
    """The cue of content [start, end) inside its own sentence."""
    s_start, s_end = art.sentences[art.sentence_of(start)]
    cues = _cues(art, s_start, s_end)
    if not cues:
        return None
    chosen = _governing(cues, _content_tokens(art, start, end))
    if chosen is None and not for_quote:  # "According to Seoul, North Korea sent 11,000"
        chosen = next((c for c in cues if c.words == "according to"), None)
    if chosen is None and for_quote:
        chosen = min(
            cues,
            key=lambda c: start - c.token.idx if c.token.idx < start else c.token.idx - end,
        )
    if chosen is None:
        return None
    return _merge_according(art, chosen, cues)


def _bare_attribution(art: ArticleView, sentence: int) -> Cue | None:
    """A sentence that only attributes what precedes it (`Trump said.`, `he added Monday.`)."""
    if sentence >= len(art.sentences):
        return None
    start, end = art.sentences[sentence]
    gap = art.text[art.sentences[sentence - 1][1] - 1 : start]
    if "\n" in gap and not art.text[start : start + 1].islower():
        return None
    if art.text[start:end].rstrip().endswith(":") or any(
        start <= q.start < end for q in art.quotes
    ):
        return None
    for cue in _cues(art, start, end):
        if cue.token.pos_ not in ("VERB", "AUX"):
            continue
        complement = [
            c
            for c in cue.token.children
            if c.dep_ in ("ccomp", "dobj", "xcomp")
            and not (cue.words or "").startswith("told")
            and c.lower_ not in ("that", "this", "so", "it")
        ]
        if not complement and cue.token.idx - start < 60:
            return cue
    return None


def _colon_intro(art: ArticleView, sentence: int) -> Cue | None:
    """A colon sentence introducing the next quote ("He declared:", "…the following:")."""
    if sentence < 0:
        return None
    start, end = art.sentences[sentence]
    if not art.text[start:end].rstrip().endswith(":"):
        return None
    cues = _cues(art, start, end)
    if cues:
        cue = max(cues, key=lambda c: c.token.i)
        return Cue(cue.token, cue.speaker, cue.channel, f"{cue.words}:")
    roots = [t for t in art.tokens(start, end) if t.dep_ == "ROOT"]
    subject = _subject(roots[-1], art) if roots else None
    return Cue(roots[-1], subject, None, ":") if subject is not None else None


def _previous_quote(art: ArticleView, quote: QuoteSpan) -> QuoteSpan | None:
    """The quote right before this one."""
    index = art.quotes.index(quote)
    return art.quotes[index - 1] if index > 0 else None


def _line_is_quote_only(art: ArticleView, quote: QuoteSpan) -> bool:
    """Whether the quote's line holds nothing but quotation (a floating paragraph)."""
    line_start = art.text.rfind("\n", 0, quote.start) + 1
    line_end = art.text.find("\n", quote.end)
    line_end = len(art.text) if line_end < 0 else line_end
    outside = art.text[line_start:line_end]
    for other in art.quotes:
        if line_start <= other.start < line_end:
            outside = outside.replace(other.text, " ")
    return not re.search(r"[^\W\d_]", outside)


def _carry(source: Source | None, method: Attribution) -> Source | None:
    """The same speaker, attributed by carrying it over."""
    return replace(source, method=method) if source else None


def quote_source(art: ArticleView, quote: QuoteSpan) -> Source | None:
    """The attribution of one quoted piece (memoised per article)."""
    if quote.start in art.sources:
        return art.sources[quote.start]
    art.sources[quote.start] = None  # guards against cycles
    result = _quote_source(art, quote)
    art.sources[quote.start] = result
    return result


def _relayed(art: ArticleView, quote: QuoteSpan, source: Source) -> Source:
    """A media speaker that "added" a quote relays the voice of its previous quote."""
    registry = art.ctx.curation.registry
    entry = registry.get(source.entity_id)
    is_media = (entry is not None and entry.type == EntityType.media) or (
        source.new_entity is not None and source.new_entity.type == EntityType.media
    )
    if not is_media:
        return source
    previous = _previous_quote(art, quote)
    while previous is not None and quote.start - previous.end < 1500:
        earlier = quote_source(art, previous)
        if earlier is not None and earlier.channel_id == source.entity_id:
            return replace(
                earlier, cue=source.cue, method=Attribution.adjacent, channel_id=source.entity_id
            )
        previous = _previous_quote(art, previous)
    return source


def _quote_source(art: ArticleView, quote: QuoteSpan) -> Source | None:
    """Own sentence, then the sentences around, then the previous quote (see module doc)."""
    previous = _previous_quote(art, quote)
    if quote.continues and previous is not None:
        return _carry(quote_source(art, previous), Attribution.carried)
    sentence = art.sentence_of(quote.start)
    s_start, s_end = art.sentences[sentence]
    cue = _in_sentence(art, quote.start, quote.end, for_quote=True)
    label = _label_intro(art, s_start, quote)
    if label is not None and (cue is None or cue.token.idx < label.token.idx):
        return _source(art, label, Attribution.named)
    if cue is not None:
        return _relayed(art, quote, _source(art, cue))
    ends_sentence = not re.search(r"\w", art.text[quote.end : s_end])
    starts_sentence = not re.search(r"\w", art.text[s_start : quote.start])
    if ends_sentence:
        cue = _bare_attribution(art, sentence + 1)
        if cue is not None:
            return _relayed(art, quote, _source(art, cue, Attribution.adjacent))
    if starts_sentence:
        cue = _colon_intro(art, sentence - 1)
        if cue is not None:
            return _source(art, cue, Attribution.adjacent)
    else:
        cue = _governing_subject(art, quote)
        if cue is not None:
            return _source(art, cue, Attribution.adjacent)
    if previous is not None and previous.line == quote.line:
        return _carry(quote_source(art, previous), Attribution.adjacent)
    if _line_is_quote_only(art, quote):
        return _floating(art, quote, previous)
    return _previous_subject(art, sentence)


def _label_intro(art: ArticleView, s_start: int, quote: QuoteSpan) -> Cue | None:
    """A name and a colon right before the quote: `Trump: 'We will win.'`, `- HuffPollster: "`."""
    before = re.sub(r"[\s“\"‘'«`]+$", "", art.text[s_start : quote.start])
    if not before.endswith(":"):
        return None
    tokens = art.tokens(s_start, s_start + len(before) - 1)
    if not tokens or tokens[-1].pos_ not in ("PROPN", "NOUN"):
        return None
    label: list[Token] = []
    for token in reversed(tokens):
        if token.pos_ in ("VERB", "AUX"):
            return None
        if token.text in ("-", "–", "—", "|"):
            break
        label.insert(0, token)
    if not label:
        return None
    tokens = label
    nouns = [t for t in tokens if t.pos_ in ("PROPN", "NOUN", "PRON") and t.i in art.chunks]
    if not nouns:
        nouns = [t for t in tokens if t.pos_ in ("PROPN", "NOUN")][-1:]
    return Cue(nouns[-1], nouns[-1], None, ":") if nouns else None


def _governing_subject(art: ArticleView, quote: QuoteSpan) -> Cue | None:
    """No cue word: the subject of the clause the quote sits in (`The ad targets a "…"`), or
    of the clause that introduces it with a colon (`She went on: "…"`)."""
    s_start = art.sentences[art.sentence_of(quote.start)][0]
    before = re.sub(r"[\s“\"‘'«`]+$", "", art.text[s_start : quote.start])
    if before.endswith(":"):
        roots = [t for t in art.tokens(s_start, quote.start) if t.pos_ in ("VERB", "AUX")]
        for root in reversed(roots):
            subject = _subject(root, art)
            if subject is not None:
                return Cue(root, subject, None, f"{root.text}:")
    for token in _content_tokens(art, quote.start, quote.end):
        for ancestor in token.ancestors:
            if art.in_quote(ancestor) or ancestor.pos_ not in ("VERB", "AUX"):
                continue
            subject = _subject(ancestor, art)
            if subject is not None and subject.lower_ in _NOT_AGENTS:
                continue
            if subject is not None and subject.pos_ in ("PROPN", "NOUN", "PRON"):
                return Cue(ancestor, subject, None, None)
    sentence = art.sentence_of(quote.start)
    for mention in art.mentions:  # `When Trump wrapped up — "…" — the balloons fell`
        if mention.sentence == sentence and mention.subject and mention.kind == "person":
            token = art.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if token is not None:
                return Cue(token.root, token.root, None, None)
    return None


def _floating(art: ArticleView, quote: QuoteSpan, previous: QuoteSpan | None) -> Source | None:
    """A paragraph of quotation only: the last attribution of the paragraph before it (its last
    cue, else its last quote), else the attribution opening the next paragraph."""
    line_start = art.text.rfind("\n", 0, quote.start)
    prev_start = art.text.rfind("\n", 0, max(0, line_start - 1)) + 1
    while prev_start > 0 and not art.text[prev_start:line_start].strip():
        line_start = prev_start - 1
        prev_start = art.text.rfind("\n", 0, max(0, line_start - 1)) + 1
    if line_start > 0:
        last = art.sentences[art.sentence_of(line_start - 1)]
        has_quote = previous is not None and previous.start >= prev_start
        cues = [c for c in _cues(art, max(last[0], prev_start), line_start)]
        cues = [c for c in cues if not has_quote or c.token.idx > previous.end]  # type: ignore
        if cues and cues[-1].token.pos_ == "VERB":
            return _source(art, cues[-1], Attribution.carried)
        if has_quote:
            return _carry(quote_source(art, previous), Attribution.carried)  # type: ignore
    index = art.quotes.index(quote)
    following = art.quotes[index + 1] if index + 1 < len(art.quotes) else None
    if following is not None and following.line <= quote.line + 2:
        cue = _in_sentence(art, following.start, following.end, for_quote=True)
        if cue is not None:
            return _source(art, cue, Attribution.adjacent)
    return None


def _previous_subject(art: ArticleView, sentence: int) -> Source | None:
    """Last resort: the named subject of the previous sentence in the same paragraph."""
    if sentence == 0:
        return None
    start, end = art.sentences[sentence - 1]
    if "\n" in art.text[start:end].strip():
        return None
    if "\n" in art.text[end - 1 : art.sentences[sentence][0] + 1]:
        return None
    for mention in art.mentions:
        if start <= mention.start < end and mention.subject:
            return Source(
                entity_id=mention.entity_id,
                surface=art.text[mention.start : mention.end],
                start=mention.start,
                end=mention.end,
                cue=None,
                channel_id=None,
                method=Attribution.adjacent,
                new_entity=mention.new_entity,
            )
    return None


def attribute(ctx: ArticleContext, start: int, end: int) -> Source | None:
    """Who the content at ``text[start:end]`` (a quote or a number phrase) is attributed to.

    >>> attribute(ctx, 281, 373).entity_id
    'vladimir-putin'
    """
    art = view(ctx)
    quote = art.quote_at(start)
    if quote is not None:
        return quote_source(art, quote)
    cue = _in_sentence(art, start, end, for_quote=False)
    if cue is None:
        sentence = art.sentence_of(start)
        s_start, s_end = art.sentences[sentence]
        tail = [c for c in _cues(art, end, s_end) if not _object(c.token)]
        tail = [c for c in tail if not any(x.dep_ == "ccomp" for x in c.token.children)]
        cue = tail[-1] if tail else None
        if cue is not None and cue.token.idx < end:
            cue = None
    return _source(art, cue) if cue is not None else None

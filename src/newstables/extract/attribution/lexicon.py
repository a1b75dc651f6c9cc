"""Word lists of the attribution engine: cue verbs and nouns, pronouns, titles, roles, sources.

>>> "say" in CUE_VERBS, TITLES["mrs"], gender_of_first_name("Maria")
(True, 'female', 'female')
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

from ...models import EntityType


def words_of(text: str) -> frozenset[str]:
    """A word set from a whitespace-separated list."""
    return frozenset(text.split())


CUE_VERBS = words_of(
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
    quote sigh bark retaliate growl quip rebut lash erupt chime holler rant rave vent fume
    reaffirm
    """
)
# Verbs that attribute with "back" ("shot back", "fired back", "hit back").
BACK_VERBS = words_of("shoot fire hit push talk write strike snap")
QUOTING_VERBS = frozenset({"quote", "cite"})
SPEECH_NOUNS = words_of(
    """
    reference comment comments remark remarks word words statement claim description promise
    pledge warning assertion message vow tweet speech call plea words
    """
)
DOCUMENT_NOUNS = words_of(
    """
    statement report release communique communiqué letter memo email post tweet announcement
    message notice editorial document filing ad advertisement video broadcast dispatch
    bulletin commentary article readout transcript
    """
)
MEDIUM_NOUNS = words_of(
    """
    statement interview email e-mail address speech release post tweet letter briefing
    conference call message remarks video broadcast podcast op-ed column appearance
    """
)
PERSONAL = {"he": "male", "him": "male", "she": "female", "her": "female"}
FIRST_PERSON = frozenset({"i", "me", "we", "us", "you"})
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
    "representative": None,
    "governor": None,
    "mayor": None,
    "judge": None,
    "secretary": None,
    "chairman": "male",
    "chairwoman": "female",
    "speaker": None,
    "minister": None,
    "general": None,
    "gens": None,
    "lt": None,
    "col": None,
    "capt": None,
    "sgt": None,
    "adm": None,
    "chair": None,
    "commissioner": None,
    "councillor": None,
    "councilor": None,
    "alderman": None,
    "councilman": "male",
    "councilwoman": "female",
    "congressman": "male",
    "congresswoman": "female",
    "sheriff": None,
    "rabbi": None,
    "pastor": None,
    "father": "male",
    "coach": None,
    "chief": None,
    "ambassador": None,
    "dame": "female",
    "lord": "male",
    "sister": "female",
    "brother": "male",
}
MEDIA = re.compile(
    r"\b(?:news|press|times|post|journal|agency|reuters|afp|ap|cnn|nbc|abc|cbs|msnbc|fox|bbc|"
    r"radio|tv|television|tribune|herald|gazette|telegraph|guardian|politico|magazine|daily|"
    r"kcna|tass|ria|yonhap|xinhua|interfax|bloomberg|axios|breitbart|npr|pbs)\b",
    re.IGNORECASE,
)
ABBREVIATIONS = words_of(
    """
    mr mrs ms dr sen rep gov gen st jr sr lt col sgt capt maj rev prof inc co corp ltd no vs
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n d.c a.m p.m ft mt ave e.g i.e
    cmdr adm
    """
)
BOUNDARY = re.compile(r"[.!?…]+[”\"’'»)\]]*\s+(?=[“\"‘'«(\[]*[A-Z0-9])")
LABELS = {
    "PERSON": EntityType.person,
    "ORG": EntityType.organization,
    "GPE": EntityType.state,
    "NORP": EntityType.group,
}
SUBJECTS = ("nsubj", "nsubjpass")
NOT_AGENTS = frozenset({"that", "this", "it", "there", "what", "these", "those"})
CUE_FORMS = words_of(
    """
    said says tweeted told added wrote asked explained noted stated declared replied
    """
)


# Nouns of evidence that assert numbers ("the poll found", "records show"): sources of figures.
EVIDENCE_VERBS = words_of(
    """
    find show suggest indicate reveal estimate project count put place peg give record
    calculate measure forecast predict conclude document list tally
    """
)
DATA_NOUNS = words_of(
    """
    poll polls survey surveys study studies report reports data figures record records
    analysis estimate estimates count tally census audit ledger ledgers research numbers
    statistics projection projections forecast model review investigation filing filings
    document documents book
    """
)
# Head nouns of an unnamed source ("a senior administration official", "sources say").
ANONYMOUS_HEADS = words_of(
    """
    official officials source sources aide aides adviser advisers advisor advisors spokesman
    spokeswoman spokesperson person people insider insiders staffer staffers diplomat diplomats
    officer officers analyst analysts expert experts observer observers friend friends
    associate associates ally allies member members operative operatives strategist
    strategists donor donors supporter supporters critic critics resident residents voter
    voters witness witnesses lawmaker lawmakers executive executives employee employees
    worker workers representative representatives leader leaders organizer organizers
    activist activists delegate delegates consultant consultants colleague colleagues
    man woman men women someone somebody individual individuals relative relatives
    neighbor neighbors neighbour neighbours student students teacher teachers doctor doctors
    investigator investigators prosecutor prosecutors researcher researchers economist
    economists pollster pollsters scientist scientists crowd audience protesters protester
    """
)
# A person introduced with one of these ("Sen. Ted Cruz", "the mayor, Jane Roe") can be
# referred to later by it ("the senator said").
ROLE_NOUNS = words_of(
    """
    president candidate nominee senator governor mayor leader spokesman spokeswoman
    spokesperson chairman chairwoman chair secretary minister director chief executive
    founder official adviser advisor aide manager strategist congressman congresswoman
    representative lawmaker speaker judge justice attorney lawyer ambassador general
    commander businessman businesswoman billionaire tycoon mogul host anchor author
    columnist economist professor analyst pollster activist pastor bishop ceo head
    rival opponent challenger incumbent frontrunner front-runner contender hopeful
    democrat republican veteran star actor actress singer rapper coach player defenceman
    defenseman forward goaltender goalie quarterback striker captain rookie premier
    """
)
PERSON_ROLE_TITLES = words_of(
    """
    president senator sen governor gov mayor rep representative secretary minister
    chairman chairwoman judge justice general gen speaker ambassador premier pope king queen
    prince princess dr mr mrs ms miss prof professor rev
    """
)
TRANSCRIPT_QUESTION = re.compile(r"^\s*(?:Q|Question|QUESTION)\s*[:.]\s*")
TRANSCRIPT_ANSWER = re.compile(r"^\s*(?:A|Answer|ANSWER)\s*[:.]\s*")


@cache
def first_names() -> dict[str, str]:
    """First name (lower case) → "male" | "female", from the package data file."""
    text = resources.files(__package__).joinpath("first_names.txt").read_text("utf-8")
    genders: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or ":" not in line:
            continue
        gender, names = line.split(":", 1)
        for name in names.split():
            genders.setdefault(name.lower(), gender.strip())
    return genders


def gender_of_first_name(name: str) -> str | None:
    """The usual gender of a given name, if the list knows it: ``gender_of_first_name("Ann")``."""
    return first_names().get(name.lower().strip("."))


@cache
def known_places() -> frozenset[str]:
    """One-word place names (lower case) from the package data file ``places.txt``."""
    text = resources.files(__package__).joinpath("places.txt").read_text("utf-8")
    lines = [line.split(":", 1)[-1] for line in text.splitlines() if not line.startswith("#")]
    return frozenset(word.lower() for line in lines for word in line.split())


@lru_cache(maxsize=1 << 14)
def media_type(name: str) -> EntityType | None:
    """``EntityType.media`` when a name reads as a news outlet or agency (memoised)."""
    return EntityType.media if MEDIA.search(name) else None

"""Our own entries of the event lexicon, merged into the CAMEO conversion (``cameo.convert``).

Nouns name events in news as often as verbs do ("filed a lawsuit", "an inquiry into",
"held talks", "declared a ceasefire"); CAMEO codes a few verbs too broadly for news prose
("call" is not always a phone call) or under a code PLOVER reads otherwise ("sue" is a lawsuit,
not an arrest; imposing sanctions is the PLOVER manual's SANCTION, which the 2021 table files
under COERCE). Codes are CAMEO codes, mapped to PLOVER like the dictionary's.

>>> NOUNS["lawsuit"], VERB_CODES["sue"]
('115', '115')
"""

from __future__ import annotations

# noun lemma → CAMEO code
NOUNS: dict[str, str] = {
    # AGREE: promises and agreements
    "agreement": "030", "deal": "030", "pact": "030", "accord": "030", "treaty": "030",
    "pledge": "030", "promise": "030", "commitment": "030", "offer": "030",
    # CONSULT
    "talk": "046", "talks": "046", "negotiation": "046", "meeting": "040", "summit": "040",
    "consultation": "040", "visit": "042", "mediation": "045", "conference": "040",
    # SUPPORT
    "endorsement": "051", "praise": "051", "apology": "055", "recognition": "054",
    # COOPERATE
    "cooperation": "060", "extradition": "063",
    # AID
    "aid": "070", "assistance": "070", "donation": "070", "asylum": "075", "relief": "073",
    # CONCEDE / RETREAT
    "concession": "080", "resignation": "083", "ceasefire": "0871", "cease-fire": "0871",
    "truce": "0871", "armistice": "0871", "withdrawal": "087", "pullout": "087",
    "release": "0841", "evacuation": "087",
    # ACCUSE: investigations, accusations, lawsuits
    "inquiry": "090", "investigation": "090", "probe": "090", "audit": "090", "hearing": "090",
    "accusation": "112", "allegation": "112", "criticism": "111", "condemnation": "111",
    "lawsuit": "115", "suit": "115", "complaint": "114", "indictment": "112", "charge": "112",
    "impeachment": "112",
    # REQUEST
    "demand": "100", "appeal": "020", "request": "020", "plea": "020", "petition": "020",
    # REJECT
    "veto": "129", "rejection": "120", "refusal": "120", "denial": "120", "boycott": "143",
    # THREATEN
    "threat": "130", "ultimatum": "139", "warning": "130",
    # PROTEST
    "protest": "141", "demonstration": "141", "rally": "141", "march": "141", "sit-in": "141",
    "riot": "145", "blockade": "191", "walkout": "143", "hunger strike": "142",
    # MOBILIZE
    "deployment": "154", "mobilization": "154", "mobilisation": "154", "buildup": "154",
    # SANCTION
    "sanction": "16", "sanctions": "16", "embargo": "16", "expulsion": "166",
    "suspension": "160",
    # COERCE
    "arrest": "173", "detention": "173", "deportation": "174", "ban": "172", "curfew": "1723",
    "crackdown": "175", "raid": "190",
    # ASSAULT
    "attack": "190", "assault": "182", "bombing": "183", "airstrike": "195", "air strike": "195",
    "shelling": "194", "offensive": "190", "invasion": "190", "incursion": "190",
    "ambush": "190", "massacre": "200", "assassination": "186", "killing": "190",
}  # fmt: skip

# verb → CAMEO code of the bare verb ("" removes a code CAMEO gives too broadly)
VERB_CODES: dict[str, str] = {
    "sue": "115", "veto": "129", "endorse": "051", "boycott": "143", "impeach": "112",
    "indict": "173", "subpoena": "090", "probe": "090", "investigate": "090",
    "slam": "111", "lambast": "111", "blast": "111", "rebuke": "111", "decry": "111",
    "question": "111", "mock": "111", "deride": "111", "bash": "111", "ridicule": "111",
    "call": "", "rally": "", "hold": "", "attack": "190", "meet": "040",
    "thank": "051", "hail": "051", "commend": "051", "applaud": "051",
    "agree": "030", "reject": "120", "deny": "120", "refuse": "120", "dismiss": "120",
    "decline": "120",
    "vow": "030", "pledge": "030", "promise": "030", "offer": "030",
    "threaten": "130", "warn": "130", "demand": "100", "urge": "100",
    "deploy": "154", "mobilize": "154", "mobilise": "154", "retake": "190", "recapture": "190",
    "renege": "120",
    "fire": "", "run": "", "lead": "", "win": "", "lose": "", "play": "",
    # general verbs whose bare sense is no event in news prose (their patterns still apply)
    "take": "", "add": "", "think": "", "need": "", "go": "", "want": "", "mean": "",
    "campaign": "", "issue": "", "seek": "", "serve": "", "hope": "", "decide": "", "raise": "",
    "weigh": "", "dig": "", "affect": "", "expose": "", "celebrate": "", "found": "",
    "provide": "", "state": "", "tell": "", "join": "", "influence": "", "encourage": "",
    "tolerate": "", "fail": "", "invite": "", "ask": "", "press": "",
    "side": "", "reveal": "", "discuss": "", "travel": "", "work": "", "come": "", "move": "",
    "return": "", "visit": "042", "stand": "", "keep": "", "put": "", "set": "", "get": "",
    "make": "", "use": "", "die": "", "drop": "", "defeat": "", "demonstrate": "", "spy": "",
    "argue": "", "ease": "", "prevent": "", "face": "", "prepare": "", "deface": "171",
    "vandalize": "171", "vandalise": "171", "torch": "171", "plan": "", "intend": "",
    # CAMEO's DISCLOSE block is diplomatic cooperation (050); in news prose "admitted to
    # hacking", "confessed" and "disclosed" tell of wrongdoing or facts, no one is supported
    "admit": "", "confess": "", "disclose": "", "divulge": "", "profess": "", "confide": "",
    # "claimed that Ukrainian forces had been expelled" asserts, it accuses no one; CAMEO's
    # bare EXPRESS is disapproval, but "expressed his appreciation" or "support" is none
    "claim": "", "express": "",
    # "risking 12 years in prison": one risks a loss, one threatens no one
    "risk": "",
    # "have sworn to fight" vows (the vowed act is coded), "was sworn in" takes office: neither
    # curses anyone (CAMEO's bare code); "shunned work to protest" strikes, it coerces no one
    "swear": "", "shun": "",
}  # fmt: skip

# verb → extra patterns: (code, words after the verb, prepositional phrases)
VERBS: dict[str, list[tuple[str, list[str], list[tuple[str, list[str]]]]]] = {
    "file": [("115", ["lawsuit"], []), ("115", ["suit"], []), ("114", ["complaint"], [])],
    "launch": [("090", ["investigation"], []), ("090", ["inquiry"], []), ("090", ["probe"], []),
               ("190", ["attack"], []), ("190", ["offensive"], [])],
    "open": [("090", ["investigation"], []), ("090", ["inquiry"], []), ("046", ["talks"], [])],
    "hold": [("046", ["talks"], []), ("040", ["meeting"], []), ("141", ["rally"], []),
             ("141", ["protest"], [])],
    "declare": [("0871", ["ceasefire"], []), ("0871", ["truce"], []),
                ("1724", ["emergency"], []), ("1724", ["siege"], []), ("1724", ["martial"], [])],
    "call": [("100", [], [("for", [])]), ("041", [], [("on", [])]), ("100", ["to"], [("on", [])]),
             ("080", ["strike"], [("off", [])]), ("080", ["boycott"], [("off", [])]),
             ("080", ["protest"], [("off", [])])],
    "impose": [("16", ["sanction"], []), ("16", ["embargo"], []), ("1723", ["curfew"], []),
               ("172", ["ban"], []), ("1724", ["emergency"], []), ("1724", ["siege"], []),
               ("1724", ["martial"], [])],
    "prevent": [("1721", ["demonstration"], []), ("1721", ["protest"], []),
                ("1721", ["rally"], []), ("1721", ["march"], [])],
    "violate": [("128", ["ban"], []), ("128", ["law"], []), ("128", ["order"], []),
                ("128", ["rule"], []), ("128", ["curfew"], []), ("128", ["embargo"], []),
                ("196", ["ceasefire"], []), ("196", ["truce"], [])],
    "defy": [("128", ["ban"], []), ("128", ["law"], []), ("128", ["order"], []),
             ("128", ["curfew"], [])],
    "lift": [("085", ["sanction"], []), ("0813", ["curfew"], []), ("081", ["ban"], []),
             ("081", ["restriction"], []), ("0814", ["emergency"], []),
             ("0814", ["martial"], [])],
    "ease": [("081", ["restriction"], []), ("081", ["measure"], []), ("0813", ["curfew"], []),
             ("085", ["sanction"], []), ("080", ["tension"], [])],
    "relax": [("081", ["restriction"], []), ("081", ["rule"], []), ("0813", ["curfew"], [])],
    "stage": [("141", ["protest"], []), ("141", ["rally"], []), ("190", ["attack"], [])],
    "rally": [("141", [], [("against", [])])],
    "block": [("144", ["street"], []), ("144", ["highway"], []), ("144", ["bridge"], []),
              ("144", ["motorway"], []), ("144", ["railway"], [])],
    "vote": [("129", [], [("against", [])])],
    "ask": [("020", [], [("for", [])]), ("020", ["to"], [])],
    "hand": [("070", [], [("over", [])])],
    "go": [("111", [], [("after", [])])],
    "take": [("111", [], [("on", [])])],
    "throw": [("051", ["support"], [("behind", [])])],
    "campaign": [("051", [], [("with", [])]), ("051", [], [("for", [])])],
    "restore": [("0833", ["right"], []), ("0833", ["rights"], [])],
    "give": [("051", ["nod"], []), ("051", ["endorsement"], []), ("051", ["backing"], [])],
    "organize": [("143", ["strike"], []), ("141", ["protest"], []), ("141", ["rally"], []),
                 ("141", ["demonstration"], []), ("141", ["march"], [])],
    "withdraw": [("1662", ["inspector"], []), ("1661", ["peacekeeper"], []),
                 ("1661", ["peacekeeping"], []), ("166", ["ambassador"], []),
                 ("166", ["diplomat"], [])],
    "suspend": [("162", ["aid"], []), ("164", ["talks"], []), ("164", ["negotiation"], []),
                ("161", ["relations"], []), ("160", ["ties"], [])],
    "upgrade": [("054", ["ties"], []), ("054", ["relations"], [])],
    "receive": [("0862", ["observer"], []), ("0862", ["inspector"], [])],
}  # fmt: skip

# words of blame: a verb of saying whose words hold one accuses ("X said Y was unfit")
BLAME = [
    "unfit", "dishonest", "liar", "lie", "lied", "lying", "inappropriate", "corrupt", "crooked",
    "dangerous", "disgrace", "disgraceful", "shameful", "shame", "bias", "biased", "ignorant",
    "racist", "bigot", "bigoted", "incompetent", "reckless", "outrageous", "irresponsible",
    "unacceptable", "unqualified", "disqualified", "hypocrite", "hypocritical", "fraud",
    "illegal", "criminal", "betray", "betrayal", "misled", "mislead", "failure", "failed",
    "weak", "pathetic", "disastrous", "disaster", "terrible", "horrible", "wrong", "reckless",
    "extremist", "demagogue", "con", "scam", "rigged", "cheat", "cheated", "insult", "insulting",
    "offensive", "ridiculous", "absurd", "nasty", "fault", "blame",
]  # fmt: skip

# nouns that take their kind from a modifier ("a mediation effort", "a peace initiative")
CARRIERS = ["effort", "bid", "drive", "initiative", "mission", "campaign", "plan"]

# verbs of attack that, aimed at a person, are words, not blows ("Trump attacked Clinton")
VERBAL_ATTACKS = [
    "attack",
    "hit",
    "blast",
    "slam",
    "target",
    "strike",
    "hammer",
    "savage",
    "assail",
    "lash",
]

# general settings of the trigger and argument rules (a dataset's curation may extend them)
SETTINGS: dict[str, list[str] | dict[str, list[str]]] = {
    "idioms": ["thanks to", "in accordance with", "in support of", "in response to", "according to",
               "in charge of", "on behalf of", "take part", "took part", "taking part",
               "released a statement", "released a report", "released a video", "released an ad",
               "released a list", "released its", "released the report", "release a statement",
               "press release", "news release", "when it comes to", "goes on to", "go on to",
               "went on to", "pleaded guilty", "pleads guilty", "plead guilty", "pleaded not",
               "releasing a statement", "released data", "released the results"],
    "offers": ["ready", "willing", "offer", "promise", "pledge", "prepared", "agree", "vow"],
    "request_verbs": ["end", "stop", "cease", "halt", "withdraw", "leave", "resign"],
    "request_modals": ["must", "should"],
    "contradicts": ["despite"],
    "speech": ["SUPPORT", "ACCUSE", "REJECT", "REQUEST", "CONCEDE", "STATEMENT", "THREATEN",
               "PROTEST"],
    "reporting": ["say", "tell", "state", "add", "announce", "quote", "report", "declare",
                  "write", "insist", "stress", "emphasize", "emphasise", "note", "warn", "claim",
                  "assert", "describe", "cite", "explain", "comment", "argue", "suggest",
                  "conclude"],
    "planned": ["will", "would", "shall", "plan", "intend", "expect", "soon", "going", "offer",
                "swear",
                "promise", "pledge", "vow", "agree", "ready", "willing", "prepared", "decide",
                "threaten", "consider", "propose", "seek", "want", "aim", "hope", "try", "prepare"],
    "hypothetical": ["could", "might", "may", "if", "likely", "possibly", "whether", "prohibit",
                     "unless", "indication", "speculation", "rumor", "rumour", "possibility",
                     "appear", "seem"],
    "commitments": ["will", "would", "shall", "'ll", "offer", "promise", "pledge", "vow", "agree",
                    "ready", "willing", "prepared", "threaten", "swear", "commit", "decide"],
    "claimed": ["claim", "allege", "reportedly", "allegedly", "purportedly", "assert", "contend"],
    "denied": ["deny", "reject", "dispute", "contest", "refute"],
    # verbs that ask for an act: what they ask for has not happened ("urged him to resign")
    "asking": ["demand", "urge", "call", "ask", "request", "appeal", "press", "petition",
               "implore", "beg", "plead"],
    # what one declines to do when one only keeps silent ("declined to comment")
    "silence": ["say", "comment", "answer", "elaborate", "speculate", "discuss", "confirm",
                "disclose", "specify", "respond", "identify", "name", "reveal", "detail"],
    # objects that make a verb of attack or meeting an idiom ("struck a populist tone")
    "idle_objects": ["tone", "note", "chord", "pose", "balance", "nerve", "conclusion", "stage",
                     "road", "trail", "ground", "mark", "criticism", "challenge", "question",
                     "theme"],
    # words of refusal: a verb of saying (or showing) whose words hold one rejects
    "refusals": ["out of the question", "off the table", "not negotiable", "non-negotiable",
                 "no sign of", "no sign that", "no signs of", "no signs that"],
    "verbal_attacks": VERBAL_ATTACKS,
    # verbs of wrecking: aimed at a thing, not at people, they damage property (COERCE, 171)
    "wrecking": ["blow", "burn", "set", "torch", "destroy", "demolish", "raze", "bulldoze",
                 "vandalize", "vandalise", "deface", "loot", "ransack", "sabotage", "damage",
                 "smash", "wreck"],
    # verbs of readying: a hostile act being readied is a show of force ("prepared to attack")
    "readying": ["prepare", "gear", "mass", "poise"],
    "carriers": CARRIERS,
    "blame": BLAME,
    "light_verbs": ["file", "launch", "open", "hold", "declare", "announce", "impose", "issue",
                    "make", "begin", "start", "conduct", "carry", "order", "give", "provide",
                    "sign", "reach", "stage", "organize", "organise", "join", "lead", "mount",
                    "call", "lodge", "bring", "unveil", "extend", "grant", "offer", "send",
                    "deliver", "pledge", "seek", "demand", "request", "lift", "end", "resume",
                    "initiate", "undertake", "host", "attend", "accept", "win", "receive",
                    "speed", "accelerate", "complete", "continue", "announce", "suspend"],
    "group_nouns": ["soldier", "troop", "force", "police", "army", "military", "navy", "militia",
                    "authority", "official", "government", "ministry", "minister", "leader",
                    "diplomat", "negotiator", "rebel", "militant", "guerrilla", "guerilla",
                    "fighter", "insurgent", "protester", "protestor", "demonstrator", "student",
                    "worker", "farmer", "activist", "settler", "youth", "court", "judge",
                    "parliament", "lawmaker", "legislator", "officer", "agent", "delegation",
                    "side", "party", "opposition", "group", "doctor", "hacker", "bomber",
                    "gunman", "militiaman", "prosecutor", "regulator", "council", "committee",
                    "union", "voter", "supporter", "critic", "administration", "senator",
                    "member", "representative", "spokesman", "spokeswoman", "spokesperson",
                    "board", "commission", "agency", "department", "legislature", "senate",
                    "company", "firm", "utility", "campaign", "coalition", "movement",
                    "people", "resident", "citizen", "villager", "civilian", "refugee"],
    "armed_nouns": ["soldier", "troop", "force", "police", "army", "military", "navy",
                    "militia", "rebel", "militant", "guerrilla", "guerilla", "fighter",
                    "insurgent", "officer", "bomber", "gunman", "militiaman"],
    "government_nouns": ["authority", "official", "government", "ministry", "minister",
                         "diplomat", "negotiator", "court", "judge", "parliament", "lawmaker",
                         "legislator", "delegation", "prosecutor", "regulator", "council",
                         "committee", "administration", "senator", "member", "representative",
                         "spokesman", "spokeswoman", "spokesperson", "board", "commission",
                         "agency", "department", "legislature", "senate"],
}  # fmt: skip

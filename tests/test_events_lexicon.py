"""The engine's event lexicon: its conversion from CAMEO + PLOVER, the committed file, and a
dataset's curation extending it."""

from __future__ import annotations

from pathlib import Path

from newstables.extract.events.cameo import (
    LEXICON,
    convert,
    dumps,
    plover,
    read_mapping,
    read_pattern,
    read_synsets,
)
from newstables.extract.events.lexicon import engine_lexicon, load_codebook, merge_section
from newstables.models import EventType

SOURCES = Path(__file__).resolve().parents[1] / "scripts" / "sources"
MAPPING = """
03: AGREE
030: AGREE,  , diplomatic # Express intent to cooperate
0311: AGREE,  ,   economic # Express intent to cooperate economically
16: SANCTION
163: COERCE, restrict,   diplomatic # Impose embargo
"""
DICTIONARY = """&FOOD
+RICE
+WHEAT

####### VERB PATTERNS #######

---  PLEDGE   [030]  ---
PLEDGE
VOW {VOWS VOWED}
- * &FOOD (TO +)   [0311]  # pledge food
- * (OF SUPPORT)   [010]   # a statement: PLOVER drops 01

---  SHIP   [---]  ---
SHIP {SHIPS SHIPPED}
- * EMBARGO  [163]
"""


def test_codes_map_by_longest_prefix_and_local_appeals() -> None:
    mapping = read_mapping(MAPPING)
    assert plover("0311", mapping) == ("AGREE", None)
    assert plover("0319", mapping) == ("AGREE", None)  # falls back to 031 → 03
    assert plover("163", mapping) == ("COERCE", "restrict")
    assert plover("020", mapping) == ("REQUEST", "appeal")  # PLOVER drops 02; we keep appeals
    assert plover("010", mapping) is None and plover("---", mapping) is None


def test_patterns_keep_objects_prepositions_and_synonym_sets() -> None:
    sets = read_synsets(["&FOOD", "+RICE", "+WHEAT"])
    assert sets == {"&FOOD": ["rice", "wheat"]}
    pattern = read_pattern("* &FOOD (TO +) {AID CONVOY}", sets)
    assert pattern == {"before": [], "after": [["&FOOD"], ["aid"], ["convoy"]],
                       "preps": [["to", []]]}  # fmt: skip


def test_a_small_dictionary_converts_verbs_forms_and_codes() -> None:
    lexicon = convert(DICTIONARY, MAPPING)
    pledge, vow, ship = (lexicon["verbs"][v] for v in ("pledge", "vow", "ship"))
    assert (pledge["code"], pledge["type"]) == ("030", "AGREE")
    assert vow["forms"] == ["vowed", "vows"] and vow["blocks"] == pledge["blocks"]
    block = lexicon["blocks"][pledge["blocks"][0]]
    assert [p["code"] for p in block] == ["0311"]  # the 010 statement pattern is dropped
    assert ship["code"] is None and lexicon["blocks"][ship["blocks"][0]][0]["type"] == "COERCE"
    assert "licence" in lexicon["about"] and "MIT" in lexicon["about"]["sources"][0]["licence"]


def test_committed_lexicon_is_a_fresh_conversion() -> None:
    fresh = convert(
        (SOURCES / "CAMEO.2.0.txt").read_text("utf-8"),
        (SOURCES / "CAMEO2PLOVER-2021.txt").read_text("utf-8"),
    )
    assert LEXICON.read_text("utf-8") == dumps(fresh), "run scripts/build_event_lexicon.py"


def test_engine_defaults_and_curation_extension() -> None:
    codebook: dict = {}
    engine = load_codebook(codebook)
    assert engine.verbs["veto"].default.type == EventType.REJECT
    assert engine.nouns["lawsuit"].type == EventType.ACCUSE
    assert not engine.rules  # the engine has no dataset's keyed triggers
    section = {"idioms": ["in the teeth of"], "triggers": [
        {"type": "MOBILIZE", "key": "muster", "verbs": ["muster"]}]}  # fmt: skip
    extended = merge_section(section)
    assert "in the teeth of" in extended.idioms and "thanks to" in extended.idioms
    assert extended.rules[("muster", "verbs")][0].key == "muster"
    assert load_codebook(codebook) is engine  # compiled once per curation
    assert engine_lexicon() is engine_lexicon()  # the package's lexicon: once per process

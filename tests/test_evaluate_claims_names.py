"""The claims scorer (claims.json) and the names scorer (resolved speaker names), by hand."""

from __future__ import annotations

from newstables.evaluate.claims import score_claims
from newstables.evaluate.names import names_match, score_names

CLAIMS = [
    {
        "id": "a",
        "attributions": [
            {"source": [0, 4], "source_text": "Roe", "content": [[10, 60]]},
            {"source": [20, 23], "source_text": "Doe", "content": [[30, 50]]},
            {"source": None, "source_text": "", "content": [[70, 80]]},
        ],
    }
]


def figure(start: int, end: int, claimant: tuple[int, int] | None, vague: bool = False) -> dict:
    row = {
        "char_start": str(start),
        "char_end": str(end),
        "vague": str(vague).lower(),
        "claimant_id": "",
        "claimant_surface": "",
        "claimant_char_start": "",
        "claimant_char_end": "",
    }
    if claimant:
        row |= {
            "claimant_id": "x",
            "claimant_surface": "x",
            "claimant_char_start": str(claimant[0]),
            "claimant_char_end": str(claimant[1]),
        }
    return row


def test_innermost_stretch_decides_and_outside_wants_no_claimant() -> None:
    figures = {
        "a": [
            figure(35, 40, (20, 23)),  # inside Doe's stretch, nested in Roe's: Doe is right
            figure(12, 15, (20, 23)),  # inside Roe's only, given to Doe: wrong
            figure(62, 66, None),  # outside, no claimant: right
            figure(90, 95, (0, 4)),  # outside with a claimant: wrong
            figure(72, 75, None),  # stretch without a source mention: not judged
            figure(36, 38, None, vague=True),  # vague: not judged
        ]
    }
    scores = score_claims(CLAIMS, figures)
    assert (scores["figures_inside"], scores["inside_accuracy"]) == (2, 0.5)
    assert (scores["figures_outside"], scores["outside_accuracy"]) == (2, 0.5)
    assert scores["inside_unjudged"] == 1


def test_name_words_subset_either_way_ignoring_case_and_punctuation() -> None:
    assert names_match(["Donald J. Trump"], ["donald trump"])
    assert names_match(["Trump"], ["Donald Trump"])
    assert names_match(["Bernie Sanders"], ["Sen. Bernie Sanders"])
    assert not names_match(["Hillary Clinton"], ["Bill Clinton"])
    assert not names_match(["unidentified speaker (he)"], ["Jane Roe"])


def test_names_accuracy_over_found_quotes_of_built_articles() -> None:
    gold = [
        {
            "id": "a",
            "quotations": [
                {
                    "text": "x" * 10,
                    "char_start": 0,
                    "char_end": 10,
                    "speaker": "Jane Roe",
                    "aliases": ["Roe"],
                },
                {
                    "text": "y" * 10,
                    "char_start": 20,
                    "char_end": 30,
                    "speaker": "John Doe",
                    "aliases": [],
                },
                {
                    "text": "z" * 10,
                    "char_start": 40,
                    "char_end": 50,
                    "speaker": "Ann Poe",
                    "aliases": [],
                },
            ],
        },
        {
            "id": "not-built",
            "quotations": [
                {"text": "w", "char_start": 0, "char_end": 1, "speaker": "Al Bo", "aliases": []},
            ],
        },
    ]
    predictions = {
        "a": [
            {"char_start": 0, "char_end": 10, "speaker_id": "jane-roe"},
            {"char_start": 20, "char_end": 29, "speaker_id": "jane-roe"},
            {"char_start": 40, "char_end": 43, "speaker_id": "ann-poe"},
        ]
    }
    names = {"jane-roe": ["Jane Roe"], "ann-poe": ["Ann Poe"]}
    scores = score_names(gold, predictions, names)
    assert scores["gold_quotes"] == 3 and scores["found"] == 2
    assert scores["accuracy"] == 0.5

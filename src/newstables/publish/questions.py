"""The site's questions (Datasette canned queries): the engine's generic ones and a dataset's own.

The engine ships questions that fit any news corpus (sources, one speaker, who said what,
timeline, one article, search, estimates by quantity). A dataset adds its own in
``curation/questions.yaml`` (format in that file's header); nothing of one dataset reaches
another. Parameters are matched with ``=``, ``instr`` or FTS phrases, never a bare ``LIKE``, so
``%`` and ``_`` typed by a reader are plain characters.

>>> [q.name for q in dataset_questions(Path("data/curation/questions.yaml"))]
['troop_estimates', 'casualty_estimates']
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

QUESTIONS_FILE = "questions.yaml"
NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
PHRASE = "'\"' || replace(:{0}, '\"', '\"\"') || '\"'"  # a user's words as one FTS5 phrase
ESTIMATES = "estimates_materialized"  # the stored copy of the estimates view (publish/sqlite.py)


@dataclass(frozen=True)
class Query:
    """A canned query; it is published only when the tables and views it ``needs`` exist."""

    name: str
    title: str
    description: str
    sql: str
    needs: tuple[str, ...]
    params: tuple[str, ...] = ()
    origin: str = "the engine"  # where it is defined, for errors: "<file>: question 2"

    def metadata(self) -> dict[str, Any]:
        """Its entry under ``queries:`` in metadata.yml (the SQL is hidden from readers)."""
        meta: dict[str, Any] = {"title": self.title, "description": self.description}
        meta.update({"sql": self.sql, "hide_sql": True})
        if self.params:
            meta["params"] = list(self.params)
        return meta


def estimates_sql(kinds: tuple[str, ...] | None = None) -> str:
    """Every distinct claim about the codebook ``kinds`` (all kinds, or the ``:quantity`` typed)."""
    if kinds:
        where = "quantity IN (" + ", ".join("'" + k.replace("'", "''") + "'" for k in kinds) + ")"
    else:
        where = (
            ":quantity = '' OR quantity = :quantity "
            "OR substr(quantity, 1, length(:quantity) + 1) = :quantity || '_'"
        )
    return f"""SELECT estimate, claimant, as_of_label AS as_of, n_articles, quantity,
  '/-/evidence/figures/' || figure_ids AS evidence, unit, surfaces, outlets, as_of AS as_of_edtf
FROM {ESTIMATES}
WHERE {where}
ORDER BY quantity, vague, sort_value, claimant"""


QUOTE_COLUMNS = """q.text AS quotation, COALESCE(s.name, q.speaker_surface, '(unknown)') AS speaker,
  q.cue, c.name AS relayed_by, a.label AS article, q.cluster_id,
  '/-/evidence/quotations/' || q.quotation_id AS evidence"""
QUOTE_JOINS = """LEFT JOIN entities AS s ON s.entity_id = q.speaker_id
LEFT JOIN entities AS c ON c.entity_id = q.channel_id
LEFT JOIN articles AS a ON a.article_id = q.article_id"""
QUOTE_NEEDS = ("quotations", "quotations_fts", "entities", "articles")
# Every quotation and figure with its source: (entity, article, kind, anonymous), for sources.
SAID = """said AS (
  SELECT q.speaker_id AS entity_id, q.article_id, 'quotation' AS kind FROM quotations AS q
  WHERE q.speaker_id IS NOT NULL
  UNION ALL
  SELECT f.claimant_id, f.article_id, 'figure' FROM figures AS f WHERE f.claimant_id IS NOT NULL
), sourced AS (
  SELECT said.*, e.name, e.type, COALESCE(e.anonymous, 0) AS anonymous,
    COALESCE(a.outlet, '(outlet unknown)') AS outlet
  FROM said JOIN entities AS e ON e.entity_id = said.entity_id
  LEFT JOIN articles AS a ON a.article_id = said.article_id
)"""
SPEAKER_PAGE = "'/newstables/speaker?entity=' || "
SOURCES_NEEDS = ("quotations", "figures", "entities", "articles")

GENERIC: tuple[Query, ...] = (
    Query(
        "sources",
        "Who gets quoted? Every source, how often, and how often anonymously",
        "Every person or body the articles quote or cite for a number, with how many "
        "quotations and figures each has, in how many articles and outlets, and whether the "
        "source is anonymous ('a senior official'). Type an outlet to see only its sources.",
        f"""WITH {SAID}
SELECT name AS source, type, CASE WHEN MAX(anonymous) THEN 'yes' ELSE 'no' END AS anonymous,
  SUM(kind = 'quotation') AS quotations, SUM(kind = 'figure') AS figures,
  COUNT(DISTINCT article_id) AS articles,
  REPLACE(GROUP_CONCAT(DISTINCT outlet), ',', ', ') AS outlets,
  {SPEAKER_PAGE}entity_id AS page
FROM sourced
WHERE :outlet = '' OR outlet = :outlet
GROUP BY entity_id
ORDER BY COUNT(*) DESC, name""",
        SOURCES_NEEDS,
    ),
    Query(
        "sources_by_outlet",
        "Sources per outlet: how many, and what share is anonymous",
        "For each outlet (and all outlets together): how many distinct sources it quotes or "
        "cites, how many of them are anonymous, and the share of its quotations and figures "
        "that come from anonymous sources.",
        f"""WITH {SAID}, grouped AS (
  SELECT outlet, entity_id, anonymous, kind FROM sourced
  UNION ALL
  SELECT '(all outlets)', entity_id, anonymous, kind FROM sourced
)
SELECT outlet, COUNT(DISTINCT entity_id) AS sources,
  COUNT(DISTINCT CASE WHEN anonymous THEN entity_id END) AS anonymous_sources,
  ROUND(100.0 * COUNT(DISTINCT CASE WHEN anonymous THEN entity_id END)
    / COUNT(DISTINCT entity_id), 1) AS anonymous_sources_pct,
  SUM(kind = 'quotation') AS quotations, SUM(kind = 'figure') AS figures,
  SUM(anonymous) AS anonymous_statements,
  ROUND(100.0 * SUM(anonymous) / COUNT(*), 1) AS anonymous_statements_pct
FROM grouped
GROUP BY outlet
ORDER BY outlet = '(all outlets)', COUNT(*) DESC, outlet""",
        SOURCES_NEEDS,
    ),
    Query(
        "speaker",
        "Everything one source said or claimed",
        "Every quotation and figure of one person or body, in date order, each with a link "
        "to its words in the article. Type the name (e.g. as listed on the sources page) or "
        "the entity id.",
        """WITH who AS (
  SELECT entity_id FROM entities WHERE entity_id = :entity OR lower(name) = lower(:entity)
)
SELECT published AS date, kind, words, detail, article, evidence FROM (
  SELECT a.published_label AS published, a.published AS sort_date, 'quotation' AS kind,
    q.text AS words, q.cue AS detail, a.label AS article, q.article_id, q.char_start,
    '/-/evidence/quotations/' || q.quotation_id AS evidence
  FROM quotations AS q LEFT JOIN articles AS a ON a.article_id = q.article_id
  WHERE q.speaker_id IN (SELECT entity_id FROM who)
  UNION ALL
  SELECT a.published_label, a.published, 'figure', f.surface,
    f.quantity || COALESCE(' · as of ' || f.as_of_label, ''), a.label, f.article_id,
    f.char_start, '/-/evidence/figures/' || f.figure_id
  FROM figures AS f LEFT JOIN articles AS a ON a.article_id = f.article_id
  WHERE f.claimant_id IN (SELECT entity_id FROM who)
)
ORDER BY sort_date IS NULL, sort_date, article_id, char_start""",
        SOURCES_NEEDS,
    ),
    Query(
        "estimates_by_quantity",
        "Every estimate, by quantity: who claims which number",
        "Each distinct number with its claimant, the date it refers to and how many articles "
        "repeat it. Type a quantity kind (e.g. 'casualties' or 'troops_deployed') or leave "
        "empty for all. 'the outlet itself' means the article states the number unattributed.",
        estimates_sql(),
        (ESTIMATES,),
    ),
    Query(
        "who_said_what",
        "Who said what about …",
        "Every quotation whose words contain the phrase you type (word forms match: 'hero' "
        "finds 'heroes'), with its speaker and who relayed it.",
        f"""SELECT {QUOTE_COLUMNS}
FROM quotations AS q
JOIN quotations_fts AS fts ON fts.rowid = q.rowid
{QUOTE_JOINS}
WHERE quotations_fts MATCH {PHRASE.format("topic")}
ORDER BY speaker, q.article_id, q.char_start""",
        QUOTE_NEEDS,
    ),
    Query(
        "statement_versions",
        "Every version of a statement across outlets",
        "Type words from a quotation to see every version of the same statement (translations "
        "and partial quotes included) in every article. Leave empty to list every statement "
        "quoted in more than one article.",
        f"""WITH matched AS (
  SELECT q.cluster_id FROM quotations AS q JOIN quotations_fts AS fts ON fts.rowid = q.rowid
  WHERE :words != '' AND quotations_fts MATCH {PHRASE.format("words")}
  UNION
  SELECT cluster_id FROM quotations WHERE :words = ''
  GROUP BY cluster_id HAVING COUNT(DISTINCT article_id) > 1
)
SELECT {QUOTE_COLUMNS}
FROM quotations AS q
{QUOTE_JOINS}
WHERE q.cluster_id IN (SELECT cluster_id FROM matched)
ORDER BY q.cluster_id, q.article_id, q.char_start""",
        QUOTE_NEEDS,
    ),
    Query(
        "timeline",
        "Timeline of events",
        "Every event in date order (undated events last): when, what, who acted, on whom, "
        "where, and how many articles report it. The EDTF date is kept in the last column.",
        """SELECT e.date_label AS "when", e.summary AS what, actor.name AS who,
  recipient.name AS recipient, place.name AS "where", e.event_type, e.n_articles,
  '/-/evidence/events/' || e.event_id AS evidence, e.factuality, e.date AS date_edtf
FROM events AS e
LEFT JOIN entities AS actor ON actor.entity_id = e.actor_id
LEFT JOIN entities AS recipient ON recipient.entity_id = e.recipient_id
LEFT JOIN entities AS place ON place.entity_id = e.location_id
ORDER BY COALESCE(e.date_start, e.date_end) IS NULL, COALESCE(e.date_start, e.date_end),
  e.date_end, e.event_type, e.event_id""",
        ("events", "entities"),
    ),
    Query(
        "article_contents",
        "Everything one article says",
        "Every quotation, figure and event mention of one article, in reading order. Type the "
        "article id or just its number, e.g. 001.",
        """SELECT kind, words, who, detail, evidence, char_start FROM (
  SELECT q.article_id, 'quotation' AS kind, q.char_start, q.text AS words,
    COALESCE(s.name, q.speaker_surface) AS who, q.cue AS detail,
    '/-/evidence/quotations/' || q.quotation_id AS evidence
  FROM quotations AS q LEFT JOIN entities AS s ON s.entity_id = q.speaker_id
  UNION ALL
  SELECT f.article_id, 'figure', f.char_start, f.surface,
    COALESCE(c.name, f.claimant_surface, '(the outlet itself)'),
    f.quantity || ' · ' || f.qualifier, '/-/evidence/figures/' || f.figure_id
  FROM figures AS f LEFT JOIN entities AS c ON c.entity_id = f.claimant_id
  UNION ALL
  SELECT m.article_id, 'event', m.char_start, m.text, actor.name,
    e.event_type || ': ' || e.summary, '/-/evidence/event_mentions/' || m.mention_id
  FROM event_mentions AS m JOIN events AS e ON e.event_id = m.event_id
  LEFT JOIN entities AS actor ON actor.entity_id = e.actor_id
)
WHERE article_id = :article
  OR (article_id >= :article || '_' AND article_id < :article || '`')  -- ids starting '<article>_'
ORDER BY article_id, char_start, kind""",
        ("quotations", "figures", "events", "event_mentions", "entities"),
    ),
    Query(
        "search_articles",
        "Search the article texts",
        "Every article that contains the phrase you type, with the matching passage in "
        "[brackets]. Open the evidence link to read the whole article.",
        f"""SELECT a.label AS article,
  snippet(article_texts_fts, 0, '[', ']', ' … ', 24) AS passage,
  '/-/evidence/articles/' || t.article_id AS evidence
FROM article_texts AS t
JOIN article_texts_fts AS fts ON fts.rowid = t.rowid
LEFT JOIN articles AS a ON a.article_id = t.article_id
WHERE article_texts_fts MATCH {PHRASE.format("phrase")}
ORDER BY rank""",
        ("article_texts", "article_texts_fts", "articles"),
    ),
)
QUESTION_KEYS = {"name", "title", "description", "sql", "view", "quantities", "parameters"}


class QuestionError(ValueError):
    """A questions.yaml entry that cannot be published (the message names file and entry)."""


def question_sql(entry: dict[str, Any], source: str, where: str) -> tuple[str, tuple[str, ...]]:
    """(SQL, tables and views it needs) of an entry's ``sql``, ``view`` or ``quantities``."""
    if source == "view":
        view = str(entry["view"])
        return 'SELECT * FROM "' + view.replace('"', '""') + '"', (view,)
    if source == "quantities":
        kinds = entry["quantities"]
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
            raise QuestionError(f"{where}: quantities must be a list of codebook kinds")
        return estimates_sql(tuple(kinds)), (ESTIMATES,)
    return str(entry["sql"]).strip(), ()


def check_sql(db: sqlite3.Connection, queries: list[Query]) -> None:
    """Fail with the question's name when its SQL does not compile against ``db``."""
    for query in queries:
        params = {name: "" for name in re.findall(r"(?<!:):([a-zA-Z_]\w*)", query.sql)}
        try:
            db.execute(f"EXPLAIN {query.sql}", params)
        except sqlite3.Error as err:
            problem = f"{query.origin} ({query.name}): the SQL does not run: {err}"
            raise QuestionError(problem) from err


def question(entry: Any, where: str, taken: set[str]) -> Query:
    """One questions.yaml entry as a Query; ``where`` names it in errors."""
    if not isinstance(entry, dict):
        raise QuestionError(f"{where}: expected a mapping with name, title and sql|view|quantities")
    if unknown := set(entry) - QUESTION_KEYS:
        raise QuestionError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    name, title = str(entry.get("name", "")), str(entry.get("title", "")).strip()
    if not NAME.match(name) or name in taken:
        problem = "is already taken" if name in taken else "must be lower_case_with_underscores"
        raise QuestionError(f"{where}: name {name!r} {problem}")
    sources = [key for key in ("sql", "view", "quantities") if entry.get(key)]
    if not title or len(sources) != 1:
        raise QuestionError(f"{where}: needs a title and exactly one of sql, view, quantities")
    sql, needs = question_sql(entry, sources[0], where)
    params = entry.get("parameters") or []
    if not isinstance(params, list) or not all(NAME.match(str(p)) for p in params):
        raise QuestionError(f"{where}: parameters must be a list of lower_case names")
    description = str(entry.get("description", "")).strip()
    return Query(name, title, description, sql, needs, tuple(map(str, params)), where)


def dataset_questions(path: Path, taken: frozenset[str] = frozenset()) -> list[Query]:
    """The questions of ``curation/questions.yaml`` (none when the file is absent or empty)."""
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise QuestionError(f"{path}: cannot read the questions: {err}".splitlines()[0]) from err
    entries = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise QuestionError(f"{path}: expected 'questions:' followed by a list of questions")
    names = {q.name for q in GENERIC} | set(taken)
    found: list[Query] = []
    for number, entry in enumerate(entries, 1):
        found.append(question(entry, f"{path}: question {number}", names))
        names.add(found[-1].name)
    return found


def canned_queries(queries: list[Query], present: set[str]) -> dict[str, dict[str, Any]]:
    """metadata.yml's ``queries``: the questions whose tables and views exist in the database."""
    return {q.name: q.metadata() for q in queries if set(q.needs) <= present}

-- timeline: the story as a chronology - one row per event, earliest first, undated events last.
-- Each row: when (in words, then EDTF and its bounds), what (type and the one-line summary written by the
-- engine), who did it to whom and where (entity names), whether the texts say it happened,
-- how many articles report it, and the first sentence that reports it (earliest published
-- article, then article id and offset) with its article, for checking.
--
-- "What happened, in order?"
--   SELECT date, summary, n_articles FROM timeline;
-- "Which events are only claimed, planned or hypothetical?"
--   SELECT date, summary, factuality FROM timeline WHERE factuality <> 'asserted';
--
-- Standard SQLite. Empty cells may be loaded as NULL or as '' (NULLIF covers both). Events with
-- an open start (EDTF "../2025-04-28": ongoing until then) sort by their end.
CREATE VIEW IF NOT EXISTS timeline AS
WITH first_mentions AS (
  SELECT
    m.event_id,
    m.article_id,
    m.text,
    m.trigger,
    ROW_NUMBER() OVER (
      PARTITION BY m.event_id
      ORDER BY COALESCE(NULLIF(a.published, ''), '9999-12-31'), m.article_id, m.char_start
    ) AS position
  FROM event_mentions AS m
  LEFT JOIN articles AS a ON a.article_id = m.article_id
)
SELECT
  e.date_label AS date_label,
  NULLIF(e.date, '') AS date,
  NULLIF(e.date_start, '') AS date_start,
  NULLIF(e.date_end, '') AS date_end,
  e.date_basis AS date_basis,
  e.event_type AS event_type,
  e.summary AS summary,
  actor.name AS actor,
  recipient.name AS recipient,
  place.name AS location,
  e.factuality AS factuality,
  CAST(e.n_articles AS INTEGER) AS n_articles,
  f.text AS first_mention,
  f.trigger AS first_trigger,
  f.article_id AS first_article_id,
  e.event_id AS event_id
FROM events AS e
LEFT JOIN entities AS actor ON actor.entity_id = NULLIF(e.actor_id, '')
LEFT JOIN entities AS recipient ON recipient.entity_id = NULLIF(e.recipient_id, '')
LEFT JOIN entities AS place ON place.entity_id = NULLIF(e.location_id, '')
LEFT JOIN first_mentions AS f ON f.event_id = e.event_id AND f.position = 1
ORDER BY
  COALESCE(NULLIF(e.date_start, ''), NULLIF(e.date_end, '')) IS NULL,
  COALESCE(NULLIF(e.date_start, ''), NULLIF(e.date_end, '')),
  NULLIF(e.date_end, ''),
  e.event_type,
  e.event_id;

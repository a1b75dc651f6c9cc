-- estimates: every figure claimed about the same kind of quantity, grouped across articles by
-- what is claimed (value or range, qualifier, date) and who claims it.
-- One row per distinct claim; n_articles says how many articles repeat it.
--
-- "What do different sources claim about North Korean casualties?"
--   SELECT estimate, claimant, as_of, n_articles, article_ids
--   FROM estimates WHERE quantity LIKE 'casualties%' ORDER BY sort_value;
--
-- Standard SQLite. Empty cells may be loaded as NULL or as '' (NULLIF covers both); vague
-- amounts ("thousands of troops") are kept, flagged, with an empty value.
CREATE VIEW IF NOT EXISTS estimates AS
WITH claims AS (
  SELECT
    NULLIF(f.quantity, '') AS quantity,
    CAST(NULLIF(f.value, '') AS REAL) AS value,
    CAST(NULLIF(f.low, '') AS REAL) AS low,
    CAST(NULLIF(f.high, '') AS REAL) AS high,
    f.qualifier AS qualifier,
    NULLIF(f.unit, '') AS unit,
    NULLIF(f.claimant_id, '') AS claimant_id,
    COALESCE(e.name, '(the outlet itself)') AS claimant,
    NULLIF(f.as_of, '') AS as_of,
    CASE WHEN f.vague IN (1, '1', 'true', 'True') THEN 1 ELSE 0 END AS vague,
    CASE WHEN f.in_quote IN (1, '1', 'true', 'True') THEN 1 ELSE 0 END AS in_quote,
    f.article_id AS article_id,
    a.outlet AS outlet,
    f.surface AS surface,
    f.figure_id AS figure_id
  FROM figures AS f
  LEFT JOIN entities AS e ON e.entity_id = NULLIF(f.claimant_id, '')
  LEFT JOIN articles AS a ON a.article_id = f.article_id
  ORDER BY f.article_id, f.char_start
)
SELECT
  COALESCE(quantity, '(unclassified)') AS quantity,
  CASE
    WHEN vague = 1 THEN MIN(surface)
    WHEN qualifier = 'range' THEN printf('%,d', low) || '–' || printf('%,d', high)
    ELSE CASE qualifier
      WHEN 'approx' THEN 'about '
      WHEN 'more_than' THEN 'more than '
      WHEN 'at_least' THEN 'at least '
      WHEN 'at_most' THEN 'up to '
      WHEN 'less_than' THEN 'less than '
      ELSE ''
    END || printf('%,d', value)
  END AS estimate,
  value,
  low,
  high,
  qualifier,
  unit,
  claimant,
  claimant_id,
  as_of,
  vague,
  MAX(in_quote) AS in_quote,
  COUNT(DISTINCT article_id) AS n_articles,
  COUNT(*) AS n_figures,
  GROUP_CONCAT(DISTINCT article_id) AS article_ids,
  GROUP_CONCAT(DISTINCT outlet) AS outlets,
  GROUP_CONCAT(DISTINCT surface) AS surfaces,
  GROUP_CONCAT(figure_id) AS figure_ids,
  COALESCE(value, (low + high) / 2.0) AS sort_value
FROM claims
GROUP BY quantity, value, low, high, qualifier, claimant_id, as_of, vague
ORDER BY quantity, vague, sort_value, claimant;

// name: programmes-by-year
// description: Programmes by year: the year a programme started (its `started` dates, from STARTED facts) or else the year of the first dated document that mentions it, with who runs it and how many documents mention it. year (optional): four digits, e.g. 2021.
// params: year (optional)
// columns: year, programme, first_seen, started, run_by, documents
MATCH (g:Programme)
WITH g,
     head(COLLECT { MATCH (d:Document)-[:MENTIONS]->(g) WHERE d.date IS NOT NULL
                    RETURN d.date AS date ORDER BY date }) AS first_seen,
     head(coalesce(g.started, [])) AS started
WITH g, first_seen, started, left(coalesce(started, first_seen), 4) AS year
WHERE $year IS NULL OR year = $year
RETURN year, g.name AS programme, first_seen, started,
       COLLECT { MATCH (o)-[:RUNS]->(g) RETURN DISTINCT o.name AS n ORDER BY n } AS run_by,
       COUNT { (d:Document)-[:MENTIONS]->(g) } AS documents
ORDER BY year, programme, first_seen, started, run_by, documents

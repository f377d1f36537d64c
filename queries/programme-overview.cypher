// name: programme-overview
// description: A programme at a glance: who runs it, who leads it, who took part, its figures, start dates, parent and sub-programmes, places and the documents that mention it, each with the earliest date of its documents. programme: part of the name, or an alias.
// params: programme
// columns: programme, role, name, detail, first_date, documents
MATCH (g:Programme) WHERE g.name CONTAINS $programme OR $programme IN g.aliases
CALL (g) {
  MATCH (o)-[r:RUNS]->(g)
  RETURN 'run by' AS role, o.name AS name, '' AS detail, r.docs AS docs
  UNION ALL
  MATCH (p)-[r:LEADS]->(g)
  RETURN 'led by' AS role, p.name AS name, coalesce(r.title, '') AS detail, r.docs AS docs
  UNION ALL
  MATCH (p)-[r:PARTICIPATES_IN]->(g)
  RETURN 'participant' AS role, p.name AS name, coalesce(r.title, r.post, r.role, '') AS detail, r.docs AS docs
  UNION ALL
  MATCH (g)-[r:HAS_FIGURE]->(f)
  RETURN 'figure' AS role, f.name AS name, coalesce(f.subject, '') AS detail, r.docs AS docs
  UNION ALL
  UNWIND coalesce(g.started, []) AS date
  RETURN 'started' AS role, date AS name, '' AS detail, g.docs AS docs
  UNION ALL
  MATCH (g)-[r:PART_OF]->(x) WHERE x <> g
  RETURN 'part of' AS role, x.name AS name, '' AS detail, r.docs AS docs
  UNION ALL
  MATCH (x)-[r:PART_OF]->(g) WHERE x <> g
  RETURN 'includes' AS role, x.name AS name, '' AS detail, r.docs AS docs
  UNION ALL
  MATCH (g)-[r:LOCATED_IN]->(x)
  RETURN 'located in' AS role, x.name AS name, '' AS detail, r.docs AS docs
  UNION ALL
  MATCH (d:Document)-[r:MENTIONS]->(g)
  RETURN 'mentioned in' AS role, d.name AS name, coalesce(d.source, '') AS detail, r.docs AS docs
}
RETURN g.name AS programme, role, name, detail,
       head(COLLECT { MATCH (d:Document) WHERE d.key IN docs AND d.date IS NOT NULL
                      RETURN d.date AS date ORDER BY date }) AS first_date,
       size(docs) AS documents
ORDER BY programme,
         CASE role WHEN 'run by' THEN 0 WHEN 'led by' THEN 1 WHEN 'participant' THEN 2 WHEN 'figure' THEN 3
                   WHEN 'started' THEN 4 WHEN 'part of' THEN 5 WHEN 'includes' THEN 6 WHEN 'located in' THEN 7
                   ELSE 8 END,
         first_date, name, detail, documents

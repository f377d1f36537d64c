// name: organisation-profile
// description: An organisation's leaders and other office holders, its sub-units and parents, the programmes it runs, where it is and its figures. org: part of the name, or an alias.
// params: org
// columns: organisation, role, name, title, documents
MATCH (o:Organization) WHERE o.name CONTAINS $org OR $org IN o.aliases
CALL (o) {
  MATCH (p:Person)-[r:HOLDS_POSITION|LEADS]->(o)
  WITH p, coalesce(r.title, '') AS title, collect(type(r)) AS types, collect(r.docs) AS doc_lists
  RETURN CASE WHEN 'LEADS' IN types THEN 'leader' ELSE 'position' END AS role, p.name AS name, title,
         reduce(acc = [], ds IN doc_lists | acc + [d IN ds WHERE NOT d IN acc]) AS docs
  UNION ALL
  MATCH (u)-[r:PART_OF]->(o) WHERE u <> o
  RETURN 'sub-unit' AS role, u.name AS name, '' AS title, r.docs AS docs
  UNION ALL
  MATCH (o)-[r:PART_OF]->(u) WHERE u <> o
  RETURN 'part of' AS role, u.name AS name, '' AS title, r.docs AS docs
  UNION ALL
  MATCH (o)-[r:RUNS]->(u)
  RETURN 'runs' AS role, u.name AS name, '' AS title, r.docs AS docs
  UNION ALL
  MATCH (o)-[r:LOCATED_IN]->(u)
  RETURN 'located in' AS role, u.name AS name, '' AS title, r.docs AS docs
  UNION ALL
  MATCH (o)-[r:HAS_FIGURE]->(u)
  RETURN 'figure' AS role, u.name AS name, '' AS title, r.docs AS docs
}
RETURN o.name AS organisation, role, name, title, size(docs) AS documents
ORDER BY organisation,
         CASE role WHEN 'leader' THEN 0 WHEN 'position' THEN 1 WHEN 'sub-unit' THEN 2 WHEN 'part of' THEN 3
                   WHEN 'runs' THEN 4 WHEN 'located in' THEN 5 ELSE 6 END,
         name, title, documents

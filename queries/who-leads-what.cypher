// name: who-leads-what
// description: Who holds which position in which organisation (or leads which programme) on the day as_of (YYYY-MM-DD; default: the latest document date in the graph): one row per person, title and organisation; `leads` is true when the title heads it (a LEADS relationship). A holder counts when first seen on or before as_of and no document up to as_of shows, after the holder was last seen (up to as_of), another person in the same title of the same organisation (a successor: seen holding it, or appointed to it by a notice that is not only a proposal, APPOINTED_TO dated by the notice) or the holder's removal from it (REMOVED_FROM with that title, dated by the notice). Positions from undated documents cannot be placed in time and are always listed. first_seen/last_seen are the dates of the earliest and latest documents that state the position. Filters: org matches part of the organisation's name or one of its aliases; place keeps organisations named after the place or a place inside it (平湖市 also finds 新仓镇人民政府), or linked to such a place by LOCATED_IN/PART_OF.
// params: org (optional), place (optional), as_of (optional)
// columns: organisation, organisation_label, person, title, leads, documents, first_seen, last_seen, as_of
CALL () { OPTIONAL MATCH (d:Document) RETURN coalesce($as_of, max(d.date)) AS day }
OPTIONAL MATCH (pl:Place) WHERE $place IS NOT NULL AND (pl.name = $place OR $place IN pl.aliases)
OPTIONAL MATCH (sub:Place)-[:PART_OF*1..4]->(pl)
WITH day, collect(DISTINCT pl) + collect(DISTINCT sub) AS area
WITH day, area, [n IN [$place] + reduce(acc = [], x IN area | acc + [x.name] + x.aliases)
                 WHERE n IS NOT NULL AND size(n) >= 2] AS area_names
MATCH (p:Person)-[r:HOLDS_POSITION|LEADS]->(o)
WHERE ($org IS NULL OR o.name CONTAINS $org OR $org IN o.aliases)
  AND ($place IS NULL
       OR any(n IN area_names WHERE o.name CONTAINS n)
       OR EXISTS { MATCH (o)-[:LOCATED_IN|PART_OF*1..4]->(x:Place) WHERE x IN area })
  AND (day IS NULL OR r.first_seen IS NULL OR r.first_seen <= day)
WITH day, o, p, coalesce(r.title, '') AS title, collect(type(r)) AS types, collect(r.docs) AS doc_lists,
     min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen
WITH day, o, p, title, types, doc_lists, first_seen, last_seen,
     CASE WHEN last_seen > day THEN day ELSE last_seen END AS seen
WHERE NOT EXISTS {
        MATCH (q:Person)-[s:HOLDS_POSITION|LEADS]->(o)
        WHERE q <> p AND coalesce(s.title, '') = title AND s.first_seen > seen AND s.first_seen <= day }
  AND NOT EXISTS {
        MATCH (q:Person)-[a:APPOINTED_TO]->(o)
        WHERE q <> p AND coalesce(a.title, '') = title AND coalesce(a.status, 'decided') <> 'proposed'
          AND a.date > seen AND a.date <= day }
  AND NOT EXISTS {
        MATCH (p)-[x:REMOVED_FROM]->(o)
        WHERE coalesce(x.title, '') = title AND coalesce(x.status, 'decided') <> 'proposed'
          AND x.date >= seen AND x.date <= day }
RETURN o.name AS organisation, labels(o)[0] AS organisation_label, p.name AS person, title,
       'LEADS' IN types AS leads,
       size(reduce(acc = [], ds IN doc_lists | acc + [d IN ds WHERE NOT d IN acc])) AS documents,
       first_seen, last_seen, day AS as_of
ORDER BY organisation, person, title, organisation_label, leads, documents, first_seen, last_seen

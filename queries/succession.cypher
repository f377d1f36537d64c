// name: succession
// description: The holders of one post in order: every person seen with `title` (exactly) in an organisation whose name contains org (or has it as an alias), ordered by the date of the earliest document that states it (undated ones last), with the latest such date and the date of a later removal notice if there is one (REMOVED_FROM with that title, not only proposed).
// params: org, title
// columns: organisation, organisation_key, title, person, person_key, first_seen, last_seen, removed, documents
MATCH (p:Person)-[r:HOLDS_POSITION|LEADS]->(o)
WHERE (o.name CONTAINS $org OR $org IN o.aliases) AND coalesce(r.title, '') = $title
WITH p, o, collect(r.docs) AS doc_lists, min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen
RETURN o.name AS organisation, o.key AS organisation_key, $title AS title, p.name AS person,
       p.key AS person_key, first_seen, last_seen,
       COLLECT { MATCH (p)-[x:REMOVED_FROM]->(o)
                 WHERE coalesce(x.title, '') = $title AND coalesce(x.status, 'decided') <> 'proposed'
                   AND x.date IS NOT NULL AND (first_seen IS NULL OR x.date >= first_seen)
                 RETURN x.date AS d ORDER BY d LIMIT 1 }[0] AS removed,
       size(reduce(acc = [], ds IN doc_lists | acc + [d IN ds WHERE NOT d IN acc])) AS documents
ORDER BY organisation, organisation_key, first_seen, last_seen, person, person_key

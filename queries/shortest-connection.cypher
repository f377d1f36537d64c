// name: shortest-connection
// description: The shortest chains of facts (every relationship type except MENTIONS, either direction, at most 8 steps) between two people, e.g. both hold positions in the same organisation. person, other: names or aliases. At most 50 paths.
// params: person, other
// columns: person, other, hops, path
MATCH (a:Person) WHERE a.name = $person OR $person IN a.aliases
MATCH (b:Person) WHERE (b.name = $other OR $other IN b.aliases) AND b <> a
MATCH p = allShortestPaths(
  (a)-[:HOLDS_POSITION|LEADS|RUNS|PART_OF|PARTICIPATES_IN|MENTORS|HAS_FIGURE|LOCATED_IN|ATTENDED|AUTHORED|STARTED*..8]-(b))
WITH a, b, p, nodes(p) AS ns, relationships(p) AS rs
RETURN a.name AS person, b.name AS other, length(p) AS hops,
       reduce(s = ns[0].name, i IN range(0, size(rs) - 1) |
         s + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -[' ELSE ' <-[' END + type(rs[i])
           + coalesce(' ' + rs[i].title, '')
           + CASE WHEN startNode(rs[i]) = ns[i] THEN ']-> ' ELSE ']- ' END + ns[i + 1].name) AS path
ORDER BY hops, path, person, other
LIMIT 50

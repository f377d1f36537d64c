// name: place-timeline
// description: The documents about a place (or a place inside it, up to four PART_OF steps down), oldest first, with the places, events and programmes each mentions. place: the name or an alias.
// params: place
// columns: date, source, title, places, events, programmes
MATCH (pl:Place) WHERE pl.name = $place OR $place IN pl.aliases
OPTIONAL MATCH (sub:Place)-[:PART_OF*1..4]->(pl)
WITH collect(DISTINCT pl) + collect(DISTINCT sub) AS area
MATCH (d:Document)-[:MENTIONS]->(x) WHERE x IN area
WITH DISTINCT d, area
RETURN d.date AS date, d.source AS source, d.title AS title,
       COLLECT { MATCH (d)-[:MENTIONS]->(y:Place) WHERE y IN area RETURN DISTINCT y.name AS n ORDER BY n } AS places,
       COLLECT { MATCH (d)-[:MENTIONS]->(e:Event) RETURN DISTINCT e.name AS n ORDER BY n } AS events,
       COLLECT { MATCH (d)-[:MENTIONS]->(e:Programme) RETURN DISTINCT e.name AS n ORDER BY n } AS programmes
ORDER BY date, source, title, places, events, programmes

// name: documents
// description: The loaded documents, oldest first, with how many people, organisations, places, programmes, events and figures each mentions. The document key is what `kg delete` takes.
// params: none
// columns: date, document, title, source, people, organisations, places, programmes, events, figures
MATCH (d:Document)
RETURN d.date AS date, d.key AS document, d.title AS title, d.source AS source,
       COUNT { (d)-[:MENTIONS]->(:Person) } AS people,
       COUNT { (d)-[:MENTIONS]->(:Organization) } AS organisations,
       COUNT { (d)-[:MENTIONS]->(:Place) } AS places,
       COUNT { (d)-[:MENTIONS]->(:Programme) } AS programmes,
       COUNT { (d)-[:MENTIONS]->(:Event) } AS events,
       COUNT { (d)-[:MENTIONS]->(:Figure) } AS figures
ORDER BY date, document

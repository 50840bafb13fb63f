"""Search of published dialogues (an embedded Tantivy index by default, Elasticsearch for several app servers)."""

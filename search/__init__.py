"""Search of published dialogues (database full text by default, Elasticsearch at scale)."""

"""The published read model: ``models`` (the tables), ``queries`` (reads) and ``writer`` (writes)."""

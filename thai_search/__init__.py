"""Thai-aware search: one analyzer for indexed text and queries, on PostgreSQL and SQLite."""

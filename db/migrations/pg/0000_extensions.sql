-- Hand-written: pg_trgm provides the gin_trgm_ops operator class behind the users_*_trgm_idx
-- substring-search indexes. It is a trusted extension (PostgreSQL 13+), so the database owner
-- may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

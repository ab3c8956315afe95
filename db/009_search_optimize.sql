-- 009_search_optimize.sql - the search index merged into one segment, and
-- kept from fragmenting again.
--
-- Every read of the index sets up a cursor in each of its segments (the
-- b-trees FTS5 writes a batch of rows into and merges later), and a search
-- reads the index a window of keys at a time, newest first: on the
-- ten-year store (a million notes, nine segments after 006 and the
-- imports) that set-up was most of a window's cost. 'optimize' merges
-- every segment into one; the time it takes on that store is in the
-- README (Scale).
--
-- 'automerge' (default 4) merges a level's segments once that many are
-- there, a little at every write; 2 keeps at most about one segment per
-- level, so that live notes and imports, which write small segments, do
-- not fragment the index again. 'crisismerge' (default 16) merges a level
-- at once when it has that many: 8 bounds a burst of writes that the
-- gradual merge has not caught up with.
INSERT INTO search(search, rank) VALUES ('automerge', 2);
INSERT INTO search(search, rank) VALUES ('crisismerge', 8);
INSERT INTO search(search) VALUES ('optimize');

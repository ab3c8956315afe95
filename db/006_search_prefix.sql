-- 006_search_prefix.sql - prefix indexes for prefixes of one to three
-- letters.
--
-- 002 indexed prefixes of 2, 3 and 4 letters. A prefix query without an
-- index of its length makes FTS5 merge the lists of every word that starts
-- so before it can give the first hit: "n*" on the ten-year store (a
-- million notes) took 314-398 ms and 22 MB. With an index of its length
-- the newest hits come first straight from one list. Prefixes of four
-- letters and more match few enough words to be merged quickly; see the
-- README (Performance) for the sizes and times of each choice.
--
-- FTS5 cannot change the prefixes of an existing index: the index is made
-- again from search_doc (the triggers on search_doc write to the new one).
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5(text, speaker, meta,
	content = 'search_doc', content_rowid = 'key', tokenize = 'bbfold', prefix = '1 2 3');
INSERT INTO search(search) VALUES ('rebuild');

-- 006_search_prefix.sql - prefix indexes for prefixes of one to six
-- letters.
--
-- 002 indexed prefixes of 2, 3 and 4 letters. A prefix query without an
-- index of its length makes FTS5 merge the lists of every word that starts
-- so before it can give the first hit: on the ten-year store (a million
-- notes) "n*" took 314-398 ms and 22 MB, "nguyê*" 30 ms, "than*" with '1 2
-- 3' alone 167 ms. With an index of its length the newest hits come
-- straight from one list (0.1 ms). A folded Vietnamese syllable has at
-- most seven letters, so a prefix of seven letters or more matches a word
-- or two, whose lists merge quickly. The six indexes cost 28% more index
-- (655 MB of FTS data against 510 MB for '1 2 3') and this migration about
-- a minute and a half on that store; see the README (Performance).
--
-- FTS5 cannot change the prefixes of an existing index: the index is made
-- again from search_doc (the triggers on search_doc write to the new one).
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5(text, speaker, meta,
	content = 'search_doc', content_rowid = 'key', tokenize = 'bbfold',
	prefix = '1 2 3 4 5 6');
INSERT INTO search(search) VALUES ('rebuild');

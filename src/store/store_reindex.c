/* store_reindex.c - rebuilding search_doc and the full-text index from
 * the source tables (check --rebuild-index); checking them is
 * store_check.c's and store_search.c's. */
#include <stdlib.h>

#include "db.h"
#include "store_search.h"
#include "util.h"

int store_search_rebuild(struct store *s, char **cause)
{
	if (store_begin(s, cause) < 0)
		return -1;
	/* The triggers from search_doc to the index would replay every delete
	 * against a damaged index (which FTS5 refuses): set them aside for the
	 * rebuild and put them back as the schema has them. */
	char **sql = NULL;
	size_t n = 0;
	int r;
	sqlite3_stmt *st = db_prep(s,
				   "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
				   " AND tbl_name = 'search_doc'",
				   cause);
	if (!st)
		goto fail;
	while ((r = db_row(s, st, cause)) == 1) {
		sql = xreallocarray(sql, n + 2, sizeof *sql);
		sql[n++] = db_col_text(st, 0);
		sql[n++] = db_col_text(st, 1);
	}
	if (r < 0)
		goto fail;
	for (size_t i = 0; i < n; i += 2) {
		char *drop = xasprintf("DROP TRIGGER \"%s\"", sql[i]);
		r = db_exec(s, drop, cause);
		free(drop);
		if (r < 0)
			goto fail;
	}
	if (db_exec(s,
		    "DELETE FROM search_doc;"
		    "INSERT INTO search_doc(key, src, src_id, meeting_id, text, speaker, meta)"
		    " SELECT b.base + row_number() OVER (PARTITION BY b.base"
		    "  ORDER BY s.meeting_id, s.src, s.pos, s.src_id),"
		    " s.src, s.src_id, s.meeting_id, s.text, s.speaker, b.meta || ' k' || s.kind"
		    " FROM search_src s JOIN search_base b ON b.meeting_id = s.meeting_id;"
		    "INSERT INTO search(search) VALUES ('rebuild');",
		    cause) < 0)
		goto fail;
	for (size_t i = 1; i < n; i += 2)
		if (db_exec(s, sql[i], cause) < 0)
			goto fail;
	for (size_t i = 0; i < n; i++)
		free(sql[i]);
	free(sql);
	return store_commit(s, cause);
fail:
	for (size_t i = 0; i < n; i++)
		free(sql[i]);
	free(sql);
	store_rollback(s);
	return -1;
}

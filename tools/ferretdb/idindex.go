package main

// FerretDB 1.24's SQLite backend indexes each collection's _id on the expression _ferretdb_sjson->"_id",
// but its queries, updates and deletes filter on _ferretdb_sjson->'$._id'. SQLite uses an expression index
// only for the identical expression, so every _id lookup and every write scans the whole table (an update
// of one invitation among 5,000 took ~45 ms). keepIDIndexes adds an index on the expression the queries use
// to every collection table, as collections appear; SQLite then answers those filters with an index search.
// The index is ours alone: FerretDB's metadata does not list it, and dropping the collection drops it.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB itself uses
)

// idIndexSuffix names our index after the table: "<table>__convene_id".
const idIndexSuffix = "__convene_id"

// fileStamp tells whether a database file (or its write-ahead log) changed since we last looked.
type fileStamp struct {
	size, walSize int64
	mod, walMod   time.Time
}

// keepIDIndexes indexes every collection table now and then every interval, until ctx ends.
func keepIDIndexes(ctx context.Context, sqliteDir string, interval time.Duration, logger *slog.Logger) {
	seen := map[string]fileStamp{}
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		indexAll(ctx, sqliteDir, seen, logger)
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// indexAll visits the database files that changed since the last visit.
func indexAll(ctx context.Context, sqliteDir string, seen map[string]fileStamp, logger *slog.Logger) {
	files, _ := filepath.Glob(filepath.Join(sqliteDir, "*.sqlite"))
	for _, file := range files {
		stamp, ok := stampOf(file)
		if !ok || seen[file] == stamp {
			continue
		}
		if err := indexFile(ctx, file); err != nil {
			// A database dropped meanwhile, or a busy one: try again on the next pass.
			logger.Debug("convene: _id index not added yet", slog.String("file", file), slog.String("error", err.Error()))
			delete(seen, file)
			continue
		}
		seen[file] = stamp
	}
}

func stampOf(file string) (fileStamp, bool) {
	info, err := os.Stat(file)
	if err != nil {
		return fileStamp{}, false
	}
	stamp := fileStamp{size: info.Size(), mod: info.ModTime()}
	if wal, err := os.Stat(file + "-wal"); err == nil {
		stamp.walSize, stamp.walMod = wal.Size(), wal.ModTime()
	}
	return stamp, true
}

// indexFile adds the missing indexes of one database; it never creates a file (mode=rw).
func indexFile(ctx context.Context, file string) error {
	uri := url.URL{Scheme: "file", Path: file, RawQuery: "mode=rw&_pragma=busy_timeout(10000)"}
	db, err := sql.Open("sqlite", uri.String())
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)

	rows, err := db.QueryContext(ctx, `SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || ?)`, idIndexSuffix)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var table string
		if err = rows.Scan(&table); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, table)
	}
	if err = rows.Close(); err != nil {
		return err
	}
	// One failing table (dropped meanwhile) must not keep the others unindexed.
	var failed []error
	for _, table := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+idIndexSuffix, table)
		if _, err = db.ExecContext(ctx, q); err != nil {
			failed = append(failed, fmt.Errorf("%s: %w", table, err))
		}
	}
	return errors.Join(failed...)
}

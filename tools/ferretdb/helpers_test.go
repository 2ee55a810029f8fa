package main

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// startServer runs the (patched) FerretDB with our _id index keeper on SQLite files in a fresh directory,
// and returns a client whose pool holds up to poolSize connections.
func startServer(t *testing.T, poolSize uint64) (*mongo.Database, string) {
	t.Helper()
	sqliteDir := filepath.Join(t.TempDir(), "ferretdb")
	if err := os.MkdirAll(sqliteDir, 0o700); err != nil {
		t.Fatal(err)
	}
	db, stop := startServerIn(t, sqliteDir, poolSize)
	t.Cleanup(stop)
	return db, sqliteDir
}

// startServerIn runs the server on the SQLite files of sqliteDir until stop is called.
func startServerIn(t *testing.T, sqliteDir string, poolSize uint64) (*mongo.Database, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:   "sqlite",
		SQLiteURL: (&url.URL{Scheme: "file", Path: sqliteDir + "/"}).String(),
		Logger:    logger,
	})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	go keepIDIndexes(ctx, sqliteDir, 50*time.Millisecond, logger)

	client, err := mongo.Connect(ctx, options.Client().ApplyURI(f.MongoDBURI()).SetMaxPoolSize(poolSize))
	if err != nil {
		t.Fatal(err)
	}
	return client.Database("test"), func() {
		_ = client.Disconnect(context.Background())
		cancel()
		<-done
	}
}

// must fails the test on an error.
func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// findAll returns the documents matching filter, in _id order.
func findAll(t *testing.T, c *mongo.Collection, filter any) []bson.M {
	t.Helper()
	cur, err := c.Find(context.Background(), filter, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		t.Fatal(err)
	}
	var docs []bson.M
	if err = cur.All(context.Background(), &docs); err != nil {
		t.Fatal(err)
	}
	return docs
}

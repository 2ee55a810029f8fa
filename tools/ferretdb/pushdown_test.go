package main

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

var (
	oidA = primitive.NewObjectID()
	oidB = primitive.NewObjectID()
	day  = time.Date(2026, 12, 12, 1, 30, 0, 0, time.UTC)
)

// variedDocs holds every kind of value a pushed-down equality must get right, including arrays
// (equality looks inside them), nested documents, missing fields and nulls.
func variedDocs() []any {
	return []any{
		bson.M{"_id": 1, "s": "a", "o": oidA, "b": true, "i": int32(1), "l": int64(1), "d": 1.0, "t": day, "n": bson.M{"k": "a", "m": bson.M{"x": int32(2)}}},
		bson.M{"_id": 2, "s": "b", "o": oidB, "b": false, "i": int32(2), "l": int64(1) << 40, "d": 0.1, "t": day.Add(time.Millisecond), "n": bson.M{"k": "b"}},
		bson.M{"_id": 3, "s": []any{"a", "c"}, "o": []any{oidA}, "b": []any{true}, "i": []any{int32(1), int32(3)}, "d": []any{2.5}, "n": []any{bson.M{"k": "a"}, bson.M{"k": "c", "m": bson.M{"x": 2.0}}}},
		bson.M{"_id": 4, "s": nil, "o": nil, "b": nil, "i": nil, "n": nil},
		bson.M{"_id": 5},
		bson.M{"_id": 6, "s": "1", "o": oidA.Hex(), "b": int32(1), "i": 1.0, "l": "1", "d": int64(1), "t": day.UnixMilli(), "n": bson.M{"k": []any{"a", "z"}}},
		bson.M{"_id": 7, "s": "[a", "i": int32(-1), "d": -0.0, "n": bson.M{"k": bson.M{"deep": "a"}}},
		bson.M{"_id": "x", "s": "a", "o": oidB},
		bson.M{"_id": oidA, "s": "ä漢字\"'\\", "i": int64(math.MaxInt64)},
	}
}

// pushedFilters are filters the engine evaluates (at least partly) in SQLite.
var pushedFilters = []bson.M{
	{"s": "a"}, {"s": "b"}, {"s": "c"}, {"s": "1"}, {"s": "[a"}, {"s": "ä漢字\"'\\"}, {"s": bson.M{"$eq": "a"}}, {"s": bson.M{"$in": []any{"b", "c"}}},
	{"o": oidA}, {"o": oidB}, {"o": oidA.Hex()}, {"o": bson.M{"$in": []any{oidA, "zz"}}},
	{"b": true}, {"b": false}, {"b": int32(1)},
	{"i": int32(1)}, {"i": int64(1)}, {"i": 1.0}, {"i": int32(3)}, {"i": int32(-1)}, {"i": int64(math.MaxInt64)}, {"i": bson.M{"$in": []any{int32(2), 3.0}}},
	{"l": int64(1) << 40}, {"l": 1.0}, {"l": "1"},
	{"d": 0.1}, {"d": 2.5}, {"d": 0.0}, {"d": int32(1)},
	{"t": day}, {"t": day.Add(time.Millisecond)}, {"t": day.UnixMilli()},
	{"n.k": "a"}, {"n.k": "c"}, {"n.k": "z"}, {"n.m.x": int32(2)}, {"n.k.deep": "a"},
	{"_id": 1}, {"_id": "x"}, {"_id": oidA}, {"_id": bson.M{"$in": []any{"x", oidA}}},
	{"s": "a", "i": int32(1)}, {"s": "a", "o": oidB}, {"s": "a", "n.k": "a", "b": true}, {"s": "a", "x": bson.M{"$exists": false}},
}

func TestPushedDownFiltersMatchExactlyWhatGoAloneMatches(t *testing.T) {
	db, _ := startServer(t, 2)
	ctx := context.Background()
	for _, indexed := range []bool{false, true} {
		c := db.Collection(fmt.Sprintf("varied_%v", indexed))
		must[any](t)(c.InsertMany(ctx, variedDocs()))
		if indexed {
			for _, f := range []string{"s", "o", "b", "i", "l", "d", "t", "n.k", "n.m.x"} {
				must[string](t)(c.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: f, Value: 1}}}))
			}
		}
		for _, f := range pushedFilters {
			got := findAll(t, c, f)
			want := findAll(t, c, bson.M{"$and": []any{f}}) // a top-level $and is never pushed down
			if !reflect.DeepEqual(ids(got), ids(want)) {
				t.Errorf("indexed=%v %v: got %v, want %v", indexed, f, ids(got), ids(want))
			}
			n := must[int64](t)(c.CountDocuments(ctx, f))
			if int(n) != len(want) {
				t.Errorf("indexed=%v count %v: got %d, want %d", indexed, f, n, len(want))
			}
		}
	}
}

func ids(docs []bson.M) []any {
	out := make([]any, len(docs))
	for i, d := range docs {
		out[i] = d["_id"]
	}
	return out
}

func TestEveryDoubleIsFoundByEquality(t *testing.T) {
	db, _ := startServer(t, 1)
	c := db.Collection("doubles")
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	values := []float64{0.1, 1e-7, 123456.789, 1.0 / 3, math.MaxFloat64, math.SmallestNonzeroFloat64, -2.5e300, 9007199254740993}
	for range 500 {
		values = append(values, math.Float64frombits(r.Uint64()&^(0x7ff<<52)|uint64(r.IntN(0x7fe)+1)<<52))
	}
	docs := make([]any, len(values))
	for i, v := range values {
		docs[i] = bson.M{"_id": i, "v": v}
	}
	must[any](t)(c.InsertMany(ctx, docs))
	must[string](t)(c.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "v", Value: 1}}}))
	for i, v := range values {
		got := findAll(t, c, bson.M{"v": v})
		if len(got) != 1 || got[0]["_id"] != int32(i) {
			t.Errorf("v = %v (%x): got %v", v, math.Float64bits(v), ids(got))
		}
	}
}

// planOf returns SQLite's query plan for a find, as FerretDB's explain reports it.
func planOf(t *testing.T, c *mongo.Collection, filter any) string {
	t.Helper()
	var res struct {
		QueryPlanner   struct{ Plan []string } `bson:"queryPlanner"`
		FilterPushdown bool                    `bson:"filterPushdown"`
	}
	cmd := bson.D{{Key: "explain", Value: bson.D{{Key: "find", Value: c.Name()}, {Key: "filter", Value: filter}}}}
	if err := c.Database().RunCommand(context.Background(), cmd).Decode(&res); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("pushdown=%v %s", res.FilterPushdown, strings.Join(res.QueryPlanner.Plan, "; "))
}

func TestCreatedIndexesAnswerPushedDownFiltersWithAnIndexSearch(t *testing.T) {
	db, _ := startServer(t, 1)
	c := db.Collection("invitations")
	ctx := context.Background()
	docs := make([]any, 300)
	for i := range docs {
		docs[i] = bson.M{"eventId": primitive.NewObjectID(), "inviteeKey": fmt.Sprint("k", i), "rsvp": bson.M{"state": "yes"}}
	}
	must[any](t)(c.InsertMany(ctx, docs))
	must[[]string](t)(c.Indexes().CreateMany(ctx, []mongo.IndexModel{
		{Keys: bson.D{{Key: "eventId", Value: 1}, {Key: "inviteeKey", Value: 1}}, Options: options.Index().SetUnique(true)},
		{Keys: bson.D{{Key: "inviteeKey", Value: 1}}},
		{Keys: bson.D{{Key: "rsvp.state", Value: 1}}},
	}))
	for _, tc := range []struct {
		filter any
		index  string
	}{
		{bson.M{"eventId": primitive.NewObjectID()}, "eventId_1_inviteeKey_1"},
		{bson.M{"eventId": primitive.NewObjectID(), "inviteeKey": "k1"}, "_1"},
		{bson.M{"inviteeKey": bson.M{"$in": []any{"k1", "k2"}}}, "inviteeKey_1"},
		{bson.M{"rsvp.state": "no"}, "rsvp.state_1"},
	} {
		plan := planOf(t, c, tc.filter)
		if !strings.Contains(plan, "pushdown=true") || !strings.Contains(plan, "USING INDEX") || !strings.Contains(plan, tc.index) || strings.Contains(plan, "SCAN") {
			t.Errorf("%v: want an index search on %s, got %s", tc.filter, tc.index, plan)
		}
	}
	if plan := planOf(t, c, bson.M{"inviteeKey": bson.M{"$regex": "^k1"}}); !strings.Contains(plan, "pushdown=false") {
		t.Errorf("a regex must be left to Go, got %s", plan)
	}
}

func TestUniqueIndexTreatsMissingFieldsAsMongoDBDoes(t *testing.T) {
	db, _ := startServer(t, 1)
	c := db.Collection("people")
	ctx := context.Background()
	must[string](t)(c.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "email", Value: 1}}, Options: options.Index().SetUnique(true)}))
	must[any](t)(c.InsertOne(ctx, bson.M{"_id": 1}))
	for _, doc := range []bson.M{{"_id": 2}, {"_id": 3, "email": nil}} {
		_, err := c.InsertOne(ctx, doc)
		if !mongo.IsDuplicateKeyError(err) {
			t.Errorf("%v after a document without email: want a duplicate key error, got %v", doc, err)
		}
	}
	must[any](t)(c.InsertOne(ctx, bson.M{"_id": 4, "email": "a@example.org"}))
	if _, err := c.InsertOne(ctx, bson.M{"_id": 5, "email": "a@example.org"}); !mongo.IsDuplicateKeyError(err) {
		t.Errorf("a second a@example.org: want a duplicate key error, got %v", err)
	}
}

func TestIndexesMadeByAnUnpatchedBuildAreRecreatedAtStart(t *testing.T) {
	sqliteDir := filepath.Join(t.TempDir(), "ferretdb")
	if err := os.MkdirAll(sqliteDir, 0o700); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, stop := startServerIn(t, sqliteDir, 1)
	c := db.Collection("old")
	must[any](t)(c.InsertMany(ctx, []any{bson.M{"k": "a"}, bson.M{"k": "b"}}))
	must[string](t)(c.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "k", Value: 1}}}))
	stop()

	// What FerretDB 1.24 itself creates: an index on _ferretdb_sjson->"k", which no query uses.
	sqlDB := must[*sql.DB](t)(sql.Open("sqlite", filepath.Join(sqliteDir, "test.sqlite")))
	var table string
	if err := sqlDB.QueryRow(`SELECT table_name FROM _ferretdb_collections WHERE name = 'old'`).Scan(&table); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP INDEX "` + table + `_k_1"`, `CREATE INDEX "` + table + `_k_1" ON "` + table + `" (_ferretdb_sjson->"k")`} {
		must[sql.Result](t)(sqlDB.Exec(q))
	}
	if err := sqlDB.Close(); err != nil {
		t.Fatal(err)
	}

	db, stop = startServerIn(t, sqliteDir, 1)
	defer stop()
	if plan := planOf(t, db.Collection("old"), bson.M{"k": "a"}); !strings.Contains(plan, "USING INDEX "+table+"_k_1") {
		t.Errorf("want an index search on %s_k_1 after a restart, got %s", table, plan)
	}
	if got := findAll(t, db.Collection("old"), bson.M{"k": "b"}); len(got) != 1 {
		t.Errorf("k = b: got %v", got)
	}
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// Patch 0006 decodes stored documents through fast paths and falls back to encoding/json for anything
// unusual. Whichever path a value takes, a document must come back exactly as it was written.
func TestEveryKindOfValueComesBackAsWritten(t *testing.T) {
	db, _ := startServer(t, 2)
	c := db.Collection("shapes")
	ctx := context.Background()
	oid := primitive.NewObjectID()
	at := time.Date(2026, 12, 28, 1, 30, 0, 123_000_000, time.UTC)
	docs := []bson.D{
		{{Key: "_id", Value: 1}, {Key: "s", Value: "plain"}, {Key: "n", Value: int32(-42)}, {Key: "l", Value: int64(math.MaxInt64)}, {Key: "f", Value: 2.5}, {Key: "b", Value: true}, {Key: "d", Value: at}, {Key: "o", Value: oid}, {Key: "z", Value: nil}},
		// Strings the fast path leaves to encoding/json: escapes, control characters, quotes.
		{{Key: "_id", Value: 2}, {Key: "s", Value: "quote \" backslash \\ newline \n tab \t bell \u0007 slash /"}, {Key: "t", Value: "<script>&'"}},
		// Not ASCII, in values and keys.
		{{Key: "_id", Value: 3}, {Key: "名称", Value: "高新区管委会财政金融局"}, {Key: "emoji", Value: "会议 🎉"}, {Key: "한국어", Value: "회의"}, {Key: "日本語", Value: "会議"}},
		// Nesting: documents in arrays in documents, empty ones, mixed types in one array.
		{{Key: "_id", Value: 4}, {Key: "delegates", Value: bson.A{bson.D{{Key: "name", Value: "行长"}, {Key: "code", Value: "AB12"}}, bson.D{{Key: "name", Value: "副行长"}, {Key: "tags", Value: bson.A{"a", int32(1), false, nil, bson.D{}}}}}}, {Key: "empty", Value: bson.D{}}, {Key: "none", Value: bson.A{}}, {Key: "deep", Value: bson.D{{Key: "a", Value: bson.D{{Key: "b", Value: bson.D{{Key: "c", Value: bson.A{bson.D{{Key: "d", Value: "e]}"}}}}}}}}}}},
		// Numbers at their edges, dates before 1970, the other BSON types.
		{{Key: "_id", Value: 5}, {Key: "min32", Value: int32(math.MinInt32)}, {Key: "max32", Value: int32(math.MaxInt32)}, {Key: "min64", Value: int64(math.MinInt64)}, {Key: "zero", Value: int32(0)}, {Key: "small", Value: 1e-300}, {Key: "neg", Value: -0.5}, {Key: "old", Value: time.Date(1912, 1, 1, 0, 0, 0, 0, time.UTC)}, {Key: "bin", Value: primitive.Binary{Subtype: 0, Data: []byte{0, 1, 2, 255}}}, {Key: "re", Value: primitive.Regex{Pattern: `^a"b\d`, Options: "i"}}, {Key: "ts", Value: primitive.Timestamp{T: 1, I: 2}}},
		// A key that looks like the schema's.
		{{Key: "_id", Value: 6}, {Key: "p", Value: bson.D{{Key: "k", Value: "x"}, {Key: "t", Value: "string"}, {Key: "s", Value: bson.D{{Key: "p", Value: int32(1)}}}}}},
	}
	for _, doc := range docs {
		must[any](t)(c.InsertOne(ctx, doc))
	}

	found, err := c.Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	for ; found.Next(ctx); i++ {
		want := must[[]byte](t)(bson.Marshal(docs[i]))
		if !bytes.Equal(found.Current, want) {
			t.Errorf("document %d came back as\n%s\nwant\n%s", i+1, found.Current, bson.Raw(want))
		}
	}
	if i != len(docs) {
		t.Fatalf("read %d documents, wrote %d", i, len(docs))
	}
}

// Decoded schemas are kept by their text: documents whose fields share names but not types, read in
// turn, must each be decoded by their own schema.
func TestDocumentsOfDifferentShapesReadInTurnKeepTheirTypes(t *testing.T) {
	db, _ := startServer(t, 4)
	c := db.Collection("turns")
	ctx := context.Background()
	var docs []any
	for i := 0; i < 300; i++ {
		switch i % 3 {
		case 0:
			docs = append(docs, bson.D{{Key: "_id", Value: i}, {Key: "v", Value: int32(i)}})
		case 1:
			docs = append(docs, bson.D{{Key: "_id", Value: i}, {Key: "v", Value: fmt.Sprint(i)}})
		default:
			docs = append(docs, bson.D{{Key: "_id", Value: i}, {Key: "v", Value: bson.A{int64(i), bson.D{{Key: "w", Value: i%2 == 0}}}}})
		}
	}
	must[any](t)(c.InsertMany(ctx, docs))
	for round := 0; round < 2; round++ {
		found, err := c.Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
		if err != nil {
			t.Fatal(err)
		}
		i := 0
		for ; found.Next(ctx); i++ {
			if want := must[[]byte](t)(bson.Marshal(docs[i])); !bytes.Equal(found.Current, want) {
				t.Fatalf("round %d, document %d came back as %s, want %s", round, i, found.Current, bson.Raw(want))
			}
		}
		if i != len(docs) {
			t.Fatalf("read %d documents, wrote %d", i, len(docs))
		}
	}
}

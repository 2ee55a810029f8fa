package main

import (
	"context"
	"reflect"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
)

func TestPullWithAConditionRemovesWhatMongoDBRemoves(t *testing.T) {
	db, _ := startServer(t, 1)
	c := db.Collection("pulls")
	ctx := context.Background()
	items := []any{bson.M{"_id": 1, "k": "a"}, bson.M{"_id": 2, "k": "b"}, bson.M{"_id": 3, "k": "a"}}
	must[any](t)(c.InsertOne(ctx, bson.M{"_id": 1, "items": items, "tags": []any{"x", "y", "z"}, "n": []any{1, 2, 3, 4}}))

	for _, tc := range []struct {
		update bson.M
		field  string
		want   any
	}{
		{bson.M{"$pull": bson.M{"items": bson.M{"_id": 2}}}, "items", bson.A{bson.M{"_id": int32(1), "k": "a"}, bson.M{"_id": int32(3), "k": "a"}}},
		{bson.M{"$pull": bson.M{"items": bson.M{"k": "a"}}}, "items", bson.A{}},
		{bson.M{"$pull": bson.M{"tags": bson.M{"$in": []any{"x", "z"}}}}, "tags", bson.A{"y"}},
		{bson.M{"$pull": bson.M{"n": bson.M{"$gte": 3}}}, "n", bson.A{int32(1), int32(2)}},
		{bson.M{"$pull": bson.M{"n": 1}}, "n", bson.A{int32(2)}},
	} {
		must[*mongo.UpdateResult](t)(c.UpdateOne(ctx, bson.M{"_id": 1}, tc.update))
		var doc bson.M
		if err := c.FindOne(ctx, bson.M{"_id": 1}).Decode(&doc); err != nil {
			t.Fatal(err)
		}
		if got := doc[tc.field]; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v: %s = %#v, want %#v", tc.update, tc.field, got, tc.want)
		}
	}

	_, err := c.UpdateOne(ctx, bson.M{"_id": 1}, bson.M{"$pull": bson.M{"n": bson.D{{Key: "k", Value: "a"}, {Key: "$gte", Value: 1}}}})
	if err == nil {
		t.Error("a $pull condition mixing fields and operators must fail")
	}
}

func TestElemMatchAndWholeDocumentEqualityLookInsideArraysOfDocuments(t *testing.T) {
	db, _ := startServer(t, 1)
	c := db.Collection("elems")
	ctx := context.Background()
	must[any](t)(c.InsertMany(ctx, []any{
		// bson.D: whole-document equality depends on field order, on MongoDB too.
		bson.M{"_id": 1, "items": []any{bson.D{{Key: "k", Value: 1}, {Key: "v", Value: "x"}}, bson.D{{Key: "k", Value: 2}, {Key: "v", Value: "y"}}}},
		bson.M{"_id": 2, "items": []any{bson.D{{Key: "k", Value: 1}, {Key: "v", Value: "y"}}}},
		bson.M{"_id": 3, "items": []any{"k", 1}},
		bson.M{"_id": 4, "items": bson.D{{Key: "k", Value: 1}, {Key: "v", Value: "x"}}},
	}))
	for _, tc := range []struct {
		filter bson.M
		want   []any
	}{
		{bson.M{"items": bson.M{"$elemMatch": bson.M{"k": 1, "v": "y"}}}, []any{int32(2)}},
		{bson.M{"items": bson.M{"$elemMatch": bson.M{"k": 2}}}, []any{int32(1)}},
		{bson.M{"items": bson.M{"$elemMatch": bson.M{"k": bson.M{"$gte": 1}, "v": bson.M{"$ne": "x"}}}}, []any{int32(1), int32(2)}},
		{bson.M{"items": bson.M{"$elemMatch": bson.M{"k": 1, "$or": []any{bson.M{"v": "x"}, bson.M{"v": "z"}}}}}, []any{int32(1)}},
		{bson.M{"items": bson.M{"$elemMatch": bson.M{"$in": []any{"k"}}}}, []any{int32(3)}},
		{bson.M{"items": bson.D{{Key: "k", Value: 1}, {Key: "v", Value: "y"}}}, []any{int32(2)}},
		{bson.M{"items": bson.D{{Key: "k", Value: 1}, {Key: "v", Value: "x"}}}, []any{int32(1), int32(4)}},
		{bson.M{"items": bson.D{{Key: "k", Value: 1}}}, []any{}},
	} {
		if got := ids(findAll(t, c, tc.filter)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v: got %v, want %v", tc.filter, got, tc.want)
		}
	}
}

func TestGroupComputesEveryAccumulator(t *testing.T) {
	db, _ := startServer(t, 1)
	c := db.Collection("groups")
	ctx := context.Background()
	must[any](t)(c.InsertMany(ctx, []any{
		bson.M{"g": "a", "n": 1}, bson.M{"g": "a", "n": 2}, bson.M{"g": "b", "n": 5},
	}))
	cur := must[*mongo.Cursor](t)(c.Aggregate(ctx, []any{
		bson.M{"$group": bson.M{"_id": "$g", "count": bson.M{"$sum": 1}, "total": bson.M{"$sum": "$n"}, "again": bson.M{"$count": bson.M{}}}},
		bson.M{"$sort": bson.M{"_id": 1}},
	}))
	var got []bson.M
	if err := cur.All(ctx, &got); err != nil {
		t.Fatal(err)
	}
	want := []bson.M{
		{"_id": "a", "count": int32(2), "total": int32(3), "again": int32(2)},
		{"_id": "b", "count": int32(1), "total": int32(5), "again": int32(1)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

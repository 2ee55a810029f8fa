package main

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// race runs fn from n goroutines released at once.
func race(n int, fn func(i int)) {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			fn(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
}

func TestConcurrentIncOverEightConnectionsCountsEveryOne(t *testing.T) {
	db, _ := startServer(t, 8)
	c := db.Collection("counters")
	ctx := context.Background()
	must[any](t)(c.InsertOne(ctx, bson.M{"_id": "votes", "n": 0}))

	for round := range 3 {
		race(30, func(int) {
			if _, err := c.UpdateOne(ctx, bson.M{"_id": "votes"}, bson.M{"$inc": bson.M{"n": 1}}); err != nil {
				t.Error(err)
			}
		})
		var doc struct{ N int }
		if err := c.FindOne(ctx, bson.M{"_id": "votes"}).Decode(&doc); err != nil {
			t.Fatal(err)
		}
		if want := 30 * (round + 1); doc.N != want {
			t.Fatalf("after round %d: n = %d, want %d", round, doc.N, want)
		}
	}
}

func TestConditionalUpdateRacedByThirtyClientsHasOneWinner(t *testing.T) {
	db, _ := startServer(t, 8)
	c := db.Collection("seats")
	ctx := context.Background()
	for round := range 3 {
		must[any](t)(c.InsertOne(ctx, bson.M{"_id": round, "state": "open"}))
		var winners atomic.Int32
		race(30, func(i int) {
			res, err := c.UpdateOne(ctx, bson.M{"_id": round, "state": "open"}, bson.M{"$set": bson.M{"state": "taken", "by": i}})
			if err != nil {
				t.Error(err)
				return
			}
			winners.Add(int32(res.ModifiedCount))
		})
		if w := winners.Load(); w != 1 {
			t.Fatalf("round %d: %d winners, want 1", round, w)
		}
	}
}

func TestFindOneAndUpdateRacedByThirtyClientsHandsOutEachTicketOnce(t *testing.T) {
	db, _ := startServer(t, 8)
	c := db.Collection("tickets")
	ctx := context.Background()
	for i := range 10 {
		must[any](t)(c.InsertOne(ctx, bson.M{"_id": i, "owner": nil, "kind": "desk"}))
	}
	var got sync.Map
	var taken atomic.Int32
	race(30, func(i int) {
		var doc bson.M
		err := c.FindOneAndUpdate(ctx, bson.M{"owner": nil, "kind": "desk"}, bson.M{"$set": bson.M{"owner": i}},
			options.FindOneAndUpdate().SetSort(bson.M{"_id": 1}).SetReturnDocument(options.After)).Decode(&doc)
		if err != nil {
			return // no ticket left
		}
		if prev, dup := got.LoadOrStore(doc["_id"], i); dup {
			t.Errorf("ticket %v handed to %v and %d", doc["_id"], prev, i)
		}
		taken.Add(1)
	})
	if n := taken.Load(); n != 10 {
		t.Fatalf("%d tickets handed out, want 10", n)
	}
}

func TestDeleteOneRacedByThirtyClientsDeletesOneDocumentEach(t *testing.T) {
	db, _ := startServer(t, 8)
	c := db.Collection("jobs")
	ctx := context.Background()
	for i := range 10 {
		must[any](t)(c.InsertOne(ctx, bson.M{"_id": i, "queue": "mail"}))
	}
	var deleted atomic.Int32
	race(30, func(int) {
		res, err := c.DeleteOne(ctx, bson.M{"queue": "mail"})
		if err != nil {
			t.Error(err)
			return
		}
		deleted.Add(int32(res.DeletedCount))
	})
	if n := deleted.Load(); n != 10 {
		t.Fatalf("%d deleted, want 10", n)
	}
}

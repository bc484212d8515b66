package db_test

import (
	"testing"

	"wxcomponent/db"
	"wxcomponent/db/dbtest"
)

func TestMigrateTwiceIsIdempotent(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		g := dbtest.Open(t, dialect)
		if err := db.Migrate(g, dialect); err != nil {
			t.Fatalf("second migration: %v", err)
		}
	})
}

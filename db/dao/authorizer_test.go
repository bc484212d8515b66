package dao_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

var authzStart = time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)

// authorizerStore opens a store and inserts rows with the given nicknames and funcinfos;
// row i is authorized i minutes after authzStart, appids wx000…i.
func authorizerStore(t *testing.T, dialect string, rows [][2]string) *dao.Store {
	t.Helper()
	s := dao.New(dbtest.Open(t, dialect), dialect, func() time.Time { return authzStart })
	for i, r := range rows {
		a := &model.Authorizer{AppID: fmt.Sprintf("wx%016d", i), NickName: r[0], FuncInfo: r[1],
			AppType: i % 2, AuthTime: authzStart.Add(time.Duration(i) * time.Minute)}
		if err := s.UpsertAuthorizer(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func appids(rows []model.Authorizer) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.AppID
	}
	return out
}

func TestListAuthorizersWithFuncMatchesWholeIDs(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		s := authorizerStore(t, dialect, [][2]string{
			{"a", "|1|2|18"}, {"b", "|118|180"}, {"c", "|181|18|19"}, {"d", "17|18"}, {"e", ""}, {"f", "|8"},
		})
		got, err := s.ListAuthorizersWithFunc(context.Background(), 18)
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprint([]string{"wx0000000000000000", "wx0000000000000002", "wx0000000000000003"})
		if fmt.Sprint(appids(got)) != want {
			t.Fatalf("with func 18: %v, want %v", appids(got), want)
		}
	})
}

func TestListAuthorizersFilters(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		s := authorizerStore(t, dialect, [][2]string{
			{"100%_好店!", "|1"}, {"1000_好店", "|1"}, {"其他", "|1"}, {"好店 😀", "|1"},
		})
		ctx := context.Background()
		check := func(f dao.AuthorizerFilter, want ...string) {
			t.Helper()
			rows, total, err := s.ListAuthorizers(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(appids(rows)) != fmt.Sprint(want) || total != int64(len(want)) && f.Limit == 0 {
				t.Errorf("filter %+v: %v (total %d), want %v", f, appids(rows), total, want)
			}
		}
		check(dao.AuthorizerFilter{Name: "%_"}, "wx0000000000000000") // wildcards match literally
		check(dao.AuthorizerFilter{Name: "好店!"}, "wx0000000000000000")
		check(dao.AuthorizerFilter{Name: "好店"}, "wx0000000000000003", "wx0000000000000001", "wx0000000000000000")
		oa := 1
		check(dao.AuthorizerFilter{AppType: &oa}, "wx0000000000000003", "wx0000000000000001")
		check(dao.AuthorizerFilter{AppID: "wx0000000000000002"}, "wx0000000000000002")
		rows, total, err := s.ListAuthorizers(ctx, dao.AuthorizerFilter{Offset: 1, Limit: 2})
		if err != nil || total != 4 || fmt.Sprint(appids(rows)) != "[wx0000000000000002 wx0000000000000001]" {
			t.Errorf("page offset 1 limit 2: %v total %d %v", appids(rows), total, err)
		}
	})
}

func TestUpsertAuthorizerWritesOnlyNamedColumns(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		s := authorizerStore(t, dialect, [][2]string{{"原名", "|1|2"}})
		ctx := context.Background()
		appid := "wx0000000000000000"
		upd := &model.Authorizer{AppID: appid, RefreshToken: "sealed", VerifyInfo: 0, FuncInfo: "|9"}
		if err := s.UpsertAuthorizer(ctx, upd, "refreshtoken", "verifyinfo"); err != nil {
			t.Fatal(err)
		}
		a, err := s.GetAuthorizerByAppid(ctx, appid)
		if err != nil {
			t.Fatal(err)
		}
		if a.NickName != "原名" || a.FuncInfo != "|1|2" || a.RefreshToken != "sealed" || a.VerifyInfo != 0 {
			t.Fatalf("after partial upsert: %+v", a)
		}
		if _, err := s.GetAuthorizerByAppid(ctx, "wxnope"); !errors.Is(err, dao.ErrNotFound) {
			t.Fatalf("missing appid: %v", err)
		}
	})
}

func TestAuthMarkers(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		now := authzStart
		s := dao.New(dbtest.Open(t, dialect), dialect, func() time.Time { return now })
		ctx := context.Background()
		code := "queryauthcode@@@" + fmt.Sprintf("%0200d", 7) // longer than the key column
		if err := s.PutAuthMarker(ctx, dao.MarkerAuthCode, code, "wxa", now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if v, err := s.GetAuthMarker(ctx, dao.MarkerAuthCode, code, now.Add(-time.Minute)); err != nil || v != "wxa" {
			t.Fatalf("marker = %q, %v", v, err)
		}
		if _, err := s.GetAuthMarker(ctx, dao.MarkerAuthState, code, now.Add(-time.Minute)); !errors.Is(err, dao.ErrNotFound) {
			t.Fatalf("marker of another kind: %v", err)
		}
		now = now.Add(2 * time.Hour) // the next write prunes markers older than an hour
		if err := s.PutAuthMarker(ctx, dao.MarkerAuthCode, "other", "wxb", now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.GetAuthMarker(ctx, dao.MarkerAuthCode, code, time.Time{}); !errors.Is(err, dao.ErrNotFound) {
			t.Fatalf("old marker not pruned: %v", err)
		}
	})
}

// BenchmarkListAuthorizers measures one console page (15 rows + count) over 2,000 accounts,
// filtered by a name substring and a permission set, on each database.
func BenchmarkListAuthorizers(b *testing.B) {
	for _, dialect := range dbtest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			s := dao.New(dbtest.Open(b, dialect), dialect, func() time.Time { return authzStart })
			rows := make([]model.Authorizer, 2000)
			for i := range rows {
				rows[i] = model.Authorizer{AppID: fmt.Sprintf("wx%016d", i), NickName: fmt.Sprintf("店铺%d", i),
					FuncInfo: "|1|2|18|" + fmt.Sprint(i%200), AuthTime: authzStart.Add(time.Duration(i) * time.Second)}
			}
			if err := s.DB().CreateInBatches(rows, 500).Error; err != nil {
				b.Fatal(err)
			}
			f := dao.AuthorizerFilter{Name: "店铺1", FuncID: 18, Limit: 15}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, _, err := s.ListAuthorizers(context.Background(), f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

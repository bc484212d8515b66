package authz_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"wxcomponent/comm/authz"
	"wxcomponent/comm/authz/authztest"
	"wxcomponent/comm/fault"
	"wxcomponent/comm/wx/token"
	"wxcomponent/db/dao"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
	"wxcomponent/internal/wxsim"
)

// summary is the part of a job summary the tests read.
type summary struct {
	Missing       int      `json:"missing"`
	MissingAppids []string `json:"missingAppids"`
	Recovered     int      `json:"recovered"`
	RecoveredIDs  []string `json:"recoveredAppids"`
	Added         int      `json:"added"`
	Failures      []struct {
		AppID string `json:"appid"`
	} `json:"failures"`
}

// runSync starts a job, waits for it and returns its final status and summary.
func runSync(t *testing.T, e *authztest.Env) (*authz.SyncStatus, summary) {
	t.Helper()
	if _, err := e.Syncer.Start(ctx); err != nil {
		t.Fatal(err)
	}
	e.Syncer.Wait()
	st, err := e.Syncer.Latest(ctx)
	if err != nil || st == nil {
		t.Fatalf("latest sync: %+v, %v", st, err)
	}
	var sum summary
	if err := json.Unmarshal(st.Summary, &sum); err != nil {
		t.Fatalf("summary %s: %v", st.Summary, err)
	}
	return st, sum
}

// TestSyncPagesThroughManyAccounts stores 520 accounts whose pushes were lost: two pages of
// api_get_authorizer_list at WeChat's maximum count of 500.
func TestSyncPagesThroughManyAccounts(t *testing.T) {
	const n = 520
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{Authorizers: n})
		e.Hold()
		for _, id := range e.AuthorizerIDs() {
			e.Authorize(id)
		}
		e.Release()
		start := time.Now()
		st, sum := runSync(t, e)
		elapsed := time.Since(start)
		if st.Status != model.SyncDone || st.Total != n || st.Done != n || st.Failed != 0 || sum.Added != n {
			t.Fatalf("job = %+v, summary %+v", st, sum)
		}
		if c := e.Sim.CallCount("api_get_authorizer_list"); c != 2 {
			t.Errorf("api_get_authorizer_list called %d times, want 2 pages", c)
		}
		var rows []model.Authorizer
		e.DB.Where("nickname = '' OR refreshtoken = ''").Find(&rows)
		if len(rows) != 0 {
			t.Errorf("%d rows without profile or refresh token, e.g. %s", len(rows), rows[0].AppID)
		}
		t.Logf("%s: synced %d accounts in %v (%.0f accounts/s)", dialect, n, elapsed, n/elapsed.Seconds())
	})
}

func TestSyncRecoversBadRefreshToken(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Authorize(authztest.OA)
		e.Authorize(authztest.MiniProgram)
		bad, _ := e.Tokens.SealRefreshToken(authztest.OA, "refreshtoken@@@lost-in-a-restore")
		e.DB.Model(&model.Authorizer{}).Where("appid = ?", authztest.OA).Update("refreshtoken", bad)
		if err := e.Tokens.EvictAuthorizer(ctx, authztest.OA); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Tokens.Authorizer(ctx, authztest.OA); !errors.Is(err, token.ErrRefreshTokenInvalid) {
			t.Fatalf("token with a bad refresh token: %v, want 61023", err)
		}
		st, sum := runSync(t, e)
		if st.Status != model.SyncDone || sum.Recovered != 1 || sum.RecoveredIDs[0] != authztest.OA {
			t.Fatalf("job = %+v, summary %+v", st, sum)
		}
		if _, err := e.Tokens.Authorizer(ctx, authztest.OA); err != nil {
			t.Fatalf("token after recovery: %v", err)
		}
	})
}

func TestSyncSurvivesTransientError(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{Authorizers: 6})
		for _, id := range e.AuthorizerIDs() {
			e.Authorize(id)
		}
		e.Sim.SetFault(wxsim.Fault{API: "api_get_authorizer_info", Errcode: -1})
		st, sum := runSync(t, e)
		if st.Status != model.SyncDone || st.Done != 5 || st.Failed != 1 || len(sum.Failures) != 1 {
			t.Fatalf("job = %+v, summary %+v", st, sum)
		}
		a := e.Row(sum.Failures[0].AppID)
		if a.NickName == "" || a.FuncInfo == "" || a.UserName == "" || a.Status != model.AuthorizerActive {
			t.Fatalf("the failed account's row was blanked: %+v", a)
		}
	})
}

func TestSyncReportsMissingWithoutDeleting(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Authorize(authztest.OA)
		ghost := model.Authorizer{AppID: "wxfeedfacecafebeef", NickName: "已迁走的帐号", AuthTime: e.Clock.Now()}
		if err := e.DB.Create(&ghost).Error; err != nil {
			t.Fatal(err)
		}
		st, sum := runSync(t, e)
		if st.Status != model.SyncDone || sum.Missing != 1 || sum.MissingAppids[0] != ghost.AppID {
			t.Fatalf("job = %+v, summary %+v", st, sum)
		}
		if a := e.Row(ghost.AppID); a.Status != model.AuthorizerActive || a.NickName != ghost.NickName {
			t.Fatalf("missing account changed: %+v", a)
		}
	})
}

func TestSyncListFailure(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		e.Authorize(authztest.OA)
		before := e.Row(authztest.OA)
		e.Sim.SetFault(wxsim.Fault{API: "api_get_authorizer_list", Errcode: 45009, Count: 2})
		st, _ := runSync(t, e)
		if st.Status != model.SyncFailed || st.Error == "" || st.FinishedAt == 0 {
			t.Fatalf("job = %+v", st)
		}
		if after := e.Row(authztest.OA); after.NickName != before.NickName || after.RefreshToken != before.RefreshToken {
			t.Fatal("a failed sync changed a row")
		}
		t.Logf("error shown: %s", st.Error)
	})
}

func TestSyncOneAtATime(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := authztest.New(t, dialect, authztest.Options{})
		// A job another instance is running.
		if _, err := e.Store.StartSyncJob(ctx, model.SyncKindAuthorizers, e.Clock.Now().Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		_, err := e.Syncer.Start(ctx)
		if !fault.Is(err, fault.Conflict) || !errors.Is(err, dao.ErrSyncRunning) {
			t.Fatalf("second start: %v, want a Conflict fault", err)
		}
		// That instance dies: once its heartbeat is stale the next start takes over.
		e.Clock.Advance(11 * time.Minute)
		st, _ := runSync(t, e)
		if st.Status != model.SyncDone {
			t.Fatalf("job after takeover = %+v", st)
		}
		var dead model.SyncJob
		e.DB.Order("id").First(&dead)
		if dead.Status != model.SyncFailed || dead.Running != nil {
			t.Fatalf("abandoned job = %+v", dead)
		}
	})
}

package batchrelease_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"wxcomponent/comm/wx/api"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// TestBatchFigures prints how long a clean 50-account batch (server and web-view domains and the
// privacy guide set, canary of 5, concurrency 8, audits decided as soon as they are submitted,
// auto release) takes against the simulator and how many
// WeChat calls it makes per account, by API. Run with -v to see them.
func TestBatchFigures(t *testing.T) {
	dbtest.ForEach(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, 50)
		e.decider(t, nil, nil)
		en := e.engine(nil)
		spec := e.spec(e.mps)
		spec.CanarySize = 5
		spec.Domains = &api.Domains{RequestDomain: []string{"https://api.example.com"}}
		spec.WebviewDomains = []string{"https://h5.example.com"}
		spec.Privacy = &api.PrivacySetting{OwnerSetting: api.PrivacyOwnerSetting{NoticeMethod: "弹窗提示", ContactEmail: "a@example.com"},
			SettingList: []api.PrivacyItem{{PrivacyKey: "UserInfo", PrivacyText: "用于展示头像昵称"}}}
		start := time.Now()
		b, err := en.Create(ctx, spec)
		if err != nil {
			t.Fatal(err)
		}
		run(t, en)
		r := waitStatus(t, en, b.ID, model.CodeBatchDone)
		elapsed := time.Since(start)
		if r.Counts[model.CodeAccountDone] != 50 {
			t.Fatalf("counts = %v", r.Counts)
		}
		st := e.Sim.CodeState(e.mps[49])
		if len(st.Domains.Request) != 1 || len(st.WebviewDomains) != 1 || len(st.Privacy) != 1 {
			t.Errorf("settings of the last account: %+v %v %v", st.Domains, st.WebviewDomains, st.Privacy)
		}
		t.Logf("%s: 50 accounts committed, audited and released in %v; WeChat calls per account: %s",
			dialect, elapsed, perAPI(e))
	})
}

// perAPI formats the average calls per account of each code-management API.
func perAPI(e *env) string {
	sum := map[string]int{}
	total := 0
	for _, id := range e.mps {
		for api, n := range e.Sim.CodeState(id).Calls {
			sum[strings.TrimPrefix(api, "/wxa/")] += n
			total += n
		}
	}
	var parts []string
	for api, n := range sum {
		parts = append(parts, fmt.Sprintf("%s %.2f", api, float64(n)/float64(len(e.mps))))
	}
	sort.Strings(parts)
	return fmt.Sprintf("%.2f in all (%s)", float64(total)/float64(len(e.mps)), strings.Join(parts, ", "))
}

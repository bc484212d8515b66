package db_test

import (
	"testing"

	"gorm.io/gorm"

	"wxcomponent/db"
	"wxcomponent/db/dbtest"
	"wxcomponent/db/model"
)

// previousBizTable is wxcallback_biz as the previous release created it: a case-insensitive
// dedupekey and no flags column.
const previousBizTable = "CREATE TABLE `wxcallback_biz` ( `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT, " +
	"`receivetime` datetime(3) NOT NULL, `createtime` datetime(3) NOT NULL, `tousername` varchar(64) NOT NULL DEFAULT '', " +
	"`appid` varchar(64) NOT NULL DEFAULT '', `msgtype` varchar(64) NOT NULL DEFAULT '', `event` varchar(64) NOT NULL DEFAULT '', " +
	"`postbody` mediumtext NOT NULL, `dedupekey` varchar(191) DEFAULT NULL, PRIMARY KEY (`id`), " +
	"UNIQUE KEY `uk_wxcallback_biz_dedupe` (`dedupekey`) ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"

// TestMigrationMakesStoredKeysBinary: the upgrade alters the key column in place; the previous
// release's rows stay readable and a key differing from one of them only in case now stores.
func TestMigrationMakesStoredKeysBinary(t *testing.T) {
	g := migratedFrom(t, previousBizTable,
		"INSERT INTO wxcallback_biz (receivetime, createtime, appid, postbody, dedupekey) VALUES (NOW(), NOW(), 'wxa', '<xml>old</xml>', 'biz:gh_1:evt:oAbCd:1700000000:subscribe')")
	var old model.BizCallbackRecord
	if err := g.Take(&old).Error; err != nil || old.PostBody != "<xml>old</xml>" || old.Flags != "" {
		t.Fatalf("previous row: %+v %v", old, err)
	}
	key := "biz:gh_1:evt:oaBcD:1700000000:subscribe"
	if err := g.Create(&model.BizCallbackRecord{ReceiveTime: old.ReceiveTime, CreateTime: old.CreateTime, PostBody: "<xml>new</xml>", DedupeKey: &key}).Error; err != nil {
		t.Fatalf("key differing in case: %v", err)
	}
}

// TestMigrationMakesRuleTypesBinary: the original template's rules table keeps its rules, and
// a rule whose types differ from one of them only in case stores after the upgrade.
func TestMigrationMakesRuleTypesBinary(t *testing.T) {
	g := migratedFrom(t,
		"CREATE TABLE `wxcallback_rules` ( `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL DEFAULT '', "+
			"`infotype` varchar(64) NOT NULL DEFAULT '', `msgtype` varchar(64) NOT NULL DEFAULT '', `event` varchar(64) NOT NULL DEFAULT '', "+
			"`type` int(11) NOT NULL DEFAULT 0, `open` int(11) NOT NULL DEFAULT 0, `info` text NOT NULL, "+
			"`createtime` timestamp NULL DEFAULT CURRENT_TIMESTAMP, `updatetime` timestamp NULL DEFAULT CURRENT_TIMESTAMP, "+
			"PRIMARY KEY (`id`), UNIQUE KEY `infotype` (`infotype`,`msgtype`,`event`) ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci",
		"INSERT INTO wxcallback_rules (name, msgtype, event, open, info) VALUES ('menu', 'event', 'CLICK', 1, '{}')",
	)
	var old model.WxCallbackRule
	if err := g.Take(&old).Error; err != nil || old.Event != "CLICK" || old.Name != "menu" {
		t.Fatalf("previous rule: %+v %v", old, err)
	}
	if err := g.Create(&model.WxCallbackRule{Name: "lower", MsgType: "event", Event: "click", Info: "{}"}).Error; err != nil {
		t.Fatalf("rule differing in case: %v", err)
	}
	if err := g.Create(&model.WxCallbackRule{Name: "same", MsgType: "event", Event: "CLICK", Info: "{}"}).Error; err == nil {
		t.Fatal("a byte-identical rule stored")
	}
}

// migratedFrom runs stmts on an empty MySQL database, then the migrations.
func migratedFrom(t *testing.T, stmts ...string) *gorm.DB {
	t.Helper()
	g := dbtest.OpenEmpty(t, db.MySQL)
	for _, s := range stmts {
		if err := g.Exec(s).Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(g, db.MySQL); err != nil {
		t.Fatal(err)
	}
	return g
}

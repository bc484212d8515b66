package dao

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"wxcomponent/db/model"
)

// AuthorizerFilter selects authorizers for ListAuthorizers; zero values do not filter.
type AuthorizerFilter struct {
	AppID   string // exact appid
	Name    string // substring of the nickname (LIKE wildcards in it are matched literally)
	AppType *int   // 0 mini program, 1 official account
	Status  *int   // model.AuthorizerActive or model.AuthorizerRevoked
	FuncID  int    // granted permission set id, matched on "|" boundaries
	Offset  int
	Limit   int // 0 means no limit; callers bound it
}

// GetAuthorizerByAppid loads one authorizer; ErrNotFound when absent.
func (s *Store) GetAuthorizerByAppid(ctx context.Context, appid string) (*model.Authorizer, error) {
	var a model.Authorizer
	if err := s.db.WithContext(ctx).Where("appid = ?", appid).Take(&a).Error; err != nil {
		return nil, fmt.Errorf("get authorizer %s: %w", appid, notFound(err))
	}
	return &a, nil
}

// UpsertAuthorizer inserts a, or, when its appid exists, overwrites only the given columns
// (so a partial write never blanks the others). updatetime is always refreshed.
func (s *Store) UpsertAuthorizer(ctx context.Context, a *model.Authorizer, columns ...string) error {
	a.UpdateTime = s.Now()
	if a.AuthTime.IsZero() {
		a.AuthTime = a.UpdateTime
	}
	// A map, not the struct: GORM replaces zero struct fields by the column default, which
	// would store verifyinfo 0 (WeChat-verified) as -1 (unverified).
	err := s.db.WithContext(ctx).Model(&model.Authorizer{}).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "appid"}},
		DoUpdates: clause.AssignmentColumns(append(columns, "updatetime")),
	}).Create(authorizerValues(a)).Error
	if err != nil {
		return fmt.Errorf("upsert authorizer %s: %w", a.AppID, err)
	}
	return nil
}

// authorizerValues lists every column of a except the generated id.
func authorizerValues(a *model.Authorizer) map[string]any {
	return map[string]any{
		"appid": a.AppID, "apptype": a.AppType, "servicetype": a.ServiceType, "nickname": a.NickName,
		"username": a.UserName, "headimg": a.HeadImg, "qrcodeurl": a.QrcodeURL,
		"principalname": a.PrincipalName, "refreshtoken": a.RefreshToken, "funcinfo": a.FuncInfo,
		"verifyinfo": a.VerifyInfo, "authtime": a.AuthTime, "updatetime": a.UpdateTime,
		"status": a.Status, "registertype": a.RegisterType, "accountstatus": a.AccountStatus,
		"basicconfig": a.BasicConfig, "authstate": a.AuthState,
	}
}

// UpdateAuthorizer sets columns of an existing authorizer and reports whether it existed.
func (s *Store) UpdateAuthorizer(ctx context.Context, appid string, values map[string]any) (bool, error) {
	values["updatetime"] = s.Now()
	res := s.db.WithContext(ctx).Model(&model.Authorizer{}).Where("appid = ?", appid).Updates(values)
	if res.Error != nil {
		return false, fmt.Errorf("update authorizer %s: %w", appid, res.Error)
	}
	if res.RowsAffected > 0 {
		return true, nil
	}
	// MySQL counts changed rows, not matched ones: an update writing identical values
	// reports 0 for a row that exists.
	var n int64
	if err := s.db.WithContext(ctx).Model(&model.Authorizer{}).Where("appid = ?", appid).Count(&n).Error; err != nil {
		return false, fmt.Errorf("update authorizer %s: %w", appid, err)
	}
	return n > 0, nil
}

// ListAuthorizers returns one page of authorizers, newest authorization first, and the total
// number of rows matching f.
func (s *Store) ListAuthorizers(ctx context.Context, f AuthorizerFilter) ([]model.Authorizer, int64, error) {
	q := s.filterAuthorizers(s.db.WithContext(ctx).Model(&model.Authorizer{}), f)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("count authorizers: %w", err)
	}
	q = q.Order("authtime DESC").Order("id DESC").Offset(f.Offset)
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []model.Authorizer
	if err := q.Find(&rows).Error; err != nil {
		return nil, 0, fmt.Errorf("list authorizers: %w", err)
	}
	return rows, total, nil
}

// ListAuthorizersWithFunc returns the active authorizers that granted permission set id
// (e.g. 18, code management for 代开发小程序). It matches whole ids, never "118" for 18.
func (s *Store) ListAuthorizersWithFunc(ctx context.Context, id int) ([]model.Authorizer, error) {
	active := model.AuthorizerActive
	var rows []model.Authorizer
	q := s.filterAuthorizers(s.db.WithContext(ctx), AuthorizerFilter{FuncID: id, Status: &active})
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list authorizers with func %d: %w", id, err)
	}
	return rows, nil
}

// ListAuthorizerAppids returns the appids of every authorizer with the given status.
func (s *Store) ListAuthorizerAppids(ctx context.Context, status int) ([]string, error) {
	var ids []string
	err := s.db.WithContext(ctx).Model(&model.Authorizer{}).Where("status = ?", status).
		Order("id").Pluck("appid", &ids).Error
	if err != nil {
		return nil, fmt.Errorf("list authorizer appids: %w", err)
	}
	return ids, nil
}

// filterAuthorizers applies f's conditions to q.
func (s *Store) filterAuthorizers(q *gorm.DB, f AuthorizerFilter) *gorm.DB {
	if f.AppID != "" {
		q = q.Where("appid = ?", f.AppID)
	}
	if f.Name != "" {
		q = q.Where("nickname LIKE ? ESCAPE '!'", "%"+EscapeLike(f.Name)+"%")
	}
	if f.AppType != nil {
		q = q.Where("apptype = ?", *f.AppType)
	}
	if f.Status != nil {
		q = q.Where("status = ?", *f.Status)
	}
	if f.FuncID > 0 {
		// funcinfo is "|1|2|18"; wrapping it in pipes makes every id "|id|", with or without
		// the leading pipe older rows may lack.
		q = q.Where(s.concat("'|'", "funcinfo", "'|'")+" LIKE ?", fmt.Sprintf("%%|%d|%%", f.FuncID))
	}
	return q
}

// concat joins SQL expressions: MySQL's || is OR, SQLite has no CONCAT before 3.44.
func (s *Store) concat(parts ...string) string {
	if s.dialect == "mysql" {
		return "CONCAT(" + strings.Join(parts, ", ") + ")"
	}
	return "(" + strings.Join(parts, " || ") + ")"
}

// EscapeLike makes s match literally inside a LIKE pattern that declares ESCAPE '!'. A
// non-backslash escape character behaves the same on MySQL (where backslash is special in
// literals) and SQLite.
func EscapeLike(s string) string {
	return strings.NewReplacer("!", "!!", "%", "!%", "_", "!_").Replace(s)
}

// Authorization markers are short-lived comm rows: which appid an authorization code was
// exchanged for (so the push and the redirect can both succeed with one single-use code),
// which business state an authorization link carried (so the push, which only echoes the
// pre-auth code, can record it), the state bound to an authorization code through that link
// (so a redirect exchanging the code defers to it), and which code an account's current grant
// came from (so a late exchange of an older code leaves a newer grant's state alone). Keys
// are hashed because codes can exceed the key column. No kind is a prefix of another: pruning
// matches kinds by prefix.
const (
	MarkerAuthCode  = "authcode:"
	MarkerAuthState = "authstate:"
	MarkerCodeState = "codestate:"
	MarkerGrant     = "authgrant:"
)

// PutAuthMarker stores value under kind+hash(code) and prunes markers of that kind older
// than pruneBefore, so the table never accumulates them.
func (s *Store) PutAuthMarker(ctx context.Context, kind, code, value string, pruneBefore time.Time) error {
	if err := s.SetKV(ctx, markerKey(kind, code), value); err != nil {
		return err
	}
	err := s.db.WithContext(ctx).Where("`key` LIKE ? AND updatetime < ?", kind+"%", pruneBefore).
		Delete(&model.Comm{}).Error
	if err != nil {
		return fmt.Errorf("prune %s markers: %w", kind, err)
	}
	return nil
}

// GetAuthMarker reads a marker written at or after notBefore; ErrNotFound otherwise.
func (s *Store) GetAuthMarker(ctx context.Context, kind, code string, notBefore time.Time) (string, error) {
	var row model.Comm
	err := s.db.WithContext(ctx).Where("`key` = ? AND updatetime >= ?", markerKey(kind, code), notBefore).
		Take(&row).Error
	if err != nil {
		return "", fmt.Errorf("get %s marker: %w", kind, notFound(err))
	}
	return row.Value, nil
}

// markerKey hashes code so any length fits the 64-character key column.
func markerKey(kind, code string) string {
	return kind + CodeDigest(code)
}

// CodeDigest is a fixed-length stand-in for a code (48 hex characters), for keys and for
// marker values that name a code without storing it.
func CodeDigest(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:24])
}

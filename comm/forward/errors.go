package forward

import (
	"errors"
	"fmt"
)

// Errors the console's operations return; api/respond maps them.
var (
	// ErrRuleNotFound: no rule has the id (1001, HTTP 404).
	ErrRuleNotFound = errors.New("规则不存在")
	// ErrRuleExists: a rule of the same push type exists (1001).
	ErrRuleExists = errors.New("该事件已存在转发规则")
	// ErrRuleClosed: the rule is closed or not an HTTP rule, so it cannot be tested (1008).
	ErrRuleClosed = errors.New("该规则未启用或类型异常")
	// ErrDeliveryNotFound: no delivery has the id (1001, HTTP 404).
	ErrDeliveryNotFound = errors.New("投递记录不存在")
	// ErrKeyUnreadable: the rule's sealed key does not open with this SECRET_KEY (1008).
	ErrKeyUnreadable = errors.New("签名密钥无法解密（SECRET_KEY 已更换？），请轮换密钥")
)

// TargetError is a test request the target failed: no answer or not 2xx (1010, with the text).
type TargetError struct {
	Status int // 0: no answer
	Err    error
}

// Error says what the target did.
func (e *TargetError) Error() string { return fmt.Sprintf("目标服务请求失败: %v", e.Err) }

// Unwrap exposes the cause.
func (e *TargetError) Unwrap() error { return e.Err }

// Why a queued delivery went dead without an attempt.
var (
	errRuleGone   = errors.New("规则已删除")
	errRuleClosed = errors.New("规则已停用或签名密钥不可用")
)

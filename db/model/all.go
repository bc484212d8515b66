package model

// Legacy lists the eight tables of the original template.
func Legacy() []any {
	return []any{&ComponentCallbackRecord{}, &BizCallbackRecord{}, &Comm{}, &User{}, &Authorizer{}, &WxCallbackRule{}, &WxToken{}, &Counter{}}
}

// Added lists the tables wxcomponent adds. Other packages append theirs here.
func Added() []any {
	return []any{&LoginFailure{}, &RevokedToken{}, &ComponentTicket{}, &Lease{}, &APICall{}, &SyncJob{}, &Job{},
		&WeappVersion{}, &WeappVersionEvent{}, &WeappAccount{}, &WeappScreenshot{}, &CodeBatch{}, &CodeBatchAccount{},
		&ForwardDelivery{}, &ForwardKey{}}
}

package sandbox

// The SDR API pages wrap every response in {"data":…} and use millisecond
// timestamps on every page, so these endpoints ignore the style except for
// error bodies.

func (s *Server) listSDRs(c *reqCtx) response {
	all := []any{}
	for _, d := range s.sdrs {
		all = append(all, obj{{"id", d.ID}, {"name", d.Name}, {"email", d.Email}, {"gmailConnected", d.GmailConnected}, {"gmailEmail", d.GmailEmail}})
	}
	return c.ok(obj{{"data", all}})
}

// gmailStatus reports the Gmail connection of the key's SDR (the first
// one); without an SDR it reports a disconnected mailbox.
func (s *Server) gmailStatus(c *reqCtx) response {
	if len(s.sdrs) == 0 {
		return c.ok(obj{{"data", obj{{"connected", false}, {"email", ""}, {"healthState", "disconnected"}, {"lastSyncedAt", nil}}}})
	}
	d := s.sdrs[0]
	var synced any
	if !d.LastSyncedAt.IsZero() {
		synced = msTime(d.LastSyncedAt)
	}
	status := obj{{"connected", d.GmailConnected}, {"email", d.GmailEmail}, {"healthState", d.HealthState}, {"lastSyncedAt", synced}}
	if d.LastSyncError != "" {
		status = append(status, kv{"lastSyncError", d.LastSyncError})
	}
	return c.ok(obj{{"data", status}})
}

// AddSDR adds an SDR to the workspace; gmailEmail "" means its Gmail is
// not connected.
func (s *Server) AddSDR(id, name, email, gmailEmail string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := sdr{ID: id, Name: name, Email: email, GmailConnected: gmailEmail != "", GmailEmail: gmailEmail, HealthState: "disconnected"}
	if d.GmailConnected {
		d.HealthState, d.LastSyncedAt = "active", s.clock()
	}
	s.sdrs = append(s.sdrs, d)
}

// SetGmailHealth changes the Gmail connection of the key's SDR (the first
// one), as a revoked grant or a failing sync would; lastSyncError "" sends
// none. It returns false when the workspace has no SDR.
func (s *Server) SetGmailHealth(healthState, lastSyncError string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.sdrs) == 0 {
		return false
	}
	d := &s.sdrs[0]
	d.HealthState, d.LastSyncError = healthState, lastSyncError
	d.GmailConnected = healthState != "disconnected"
	return true
}

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
	return c.ok(obj{{"data", obj{{"connected", d.GmailConnected}, {"email", d.GmailEmail}, {"healthState", d.HealthState}, {"lastSyncedAt", synced}}}})
}

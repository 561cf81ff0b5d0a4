package sandbox

// poolObj renders a pool the way each page family shows it: the reference
// (and data) shape has remainingVolume + senderAccountIds, the guide has
// remainingVolume + senderCount, the quickstart remainingToday + senderCount.
func (c *reqCtx) poolObj(p *SenderPool) obj {
	count := len(p.SenderAccountIDs)
	if count == 0 {
		count = p.SenderCount
	}
	ids := p.SenderAccountIDs
	if ids == nil {
		ids = []string{}
	}
	switch c.style {
	case StyleGuide:
		return obj{{"id", p.ID}, {"name", p.Name}, {"senderCount", count}, {"dailyCapacity", p.DailyCapacity}, {"remainingVolume", p.RemainingVolume}}
	case StyleConcept:
		return obj{{"id", p.ID}, {"name", p.Name}, {"dailyCapacity", p.DailyCapacity}, {"remainingToday", p.RemainingVolume}, {"senderCount", count}}
	}
	return obj{{"id", p.ID}, {"name", p.Name}, {"dailyCapacity", p.DailyCapacity}, {"remainingVolume", p.RemainingVolume}, {"senderAccountIds", ids}}
}

// listPools: pools are never paginated, even in the guide style.
func (s *Server) listPools(c *reqCtx) response {
	all := []any{}
	for i := range s.pools {
		all = append(all, c.poolObj(&s.pools[i]))
	}
	switch c.style {
	case StyleGuide:
		return c.ok(obj{{"pools", all}})
	case StyleConcept:
		return c.ok(obj{{"senderPools", all}})
	case StyleData:
		return c.ok(obj{{"data", all}})
	}
	return c.ok(all)
}

// listAccounts: bare on the reference page, {"data":…} on the concept page.
func (s *Server) listAccounts(c *reqCtx) response {
	all := []any{}
	for _, a := range s.accounts {
		all = append(all, obj{{"id", a.ID}, {"email", a.Email}, {"name", a.Name}, {"status", a.Status}})
	}
	if c.style == StyleReference {
		return c.ok(all)
	}
	return c.ok(obj{{"data", all}})
}

// AddSenderPool adds (or replaces, by ID) a pool; an empty ID is generated.
func (s *Server) AddSenderPool(p SenderPool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.ID == "" {
		p.ID = newID("pool_", s.clock())
	}
	p = p.clone()
	for i := range s.pools {
		if s.pools[i].ID == p.ID {
			s.pools[i] = p
			return
		}
	}
	s.pools = append(s.pools, p)
}

// AddSenderAccount adds (or replaces, by ID) a sender account.
func (s *Server) AddSenderAccount(a SenderAccount) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a.ID == "" {
		a.ID = newID("sa_", s.clock())
	}
	for i := range s.accounts {
		if s.accounts[i].ID == a.ID {
			s.accounts[i] = a
			return
		}
	}
	s.accounts = append(s.accounts, a)
}

// SenderPools returns the current pools (remaining volume included).
func (s *Server) SenderPools() []SenderPool {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SenderPool, len(s.pools))
	for i := range s.pools {
		out[i] = s.pools[i].clone()
	}
	return out
}

package sandbox

// SetMaxPageSize makes the paginated list answers (the guide style, with a
// pagination object) serve at most n items a page, whatever perPage asks,
// as an API with a small page limit would; 0 restores the default (perPage
// as asked, 50 when not given). The pagination object reports the size
// served, so a client can tell more remain.
func (s *Server) SetMaxPageSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maxPageSize = max(n, 0)
}

// servedPageSize applies the limit to the page size asked; s.mu held.
func (s *Server) servedPageSize(asked int) int {
	if s.maxPageSize > 0 && asked > s.maxPageSize {
		return s.maxPageSize
	}
	return asked
}

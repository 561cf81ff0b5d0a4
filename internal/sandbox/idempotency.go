package sandbox

// maxIdemKeys bounds memory for a long-running sandbox; the oldest keys are
// forgotten first.
const maxIdemKeys = 10000

// idemStore remembers the first response per (API key, method, path,
// Idempotency-Key), so a retried POST is answered without acting twice.
type idemStore struct {
	byKey map[string]response
	order []string
}

func newIdemStore() idemStore { return idemStore{byKey: map[string]response{}} }

func idemStoreKey(apiKey, method, path, key string) string {
	return apiKey + "\x00" + method + " " + path + "\x00" + key
}

func (st *idemStore) get(k string) (response, bool) {
	r, ok := st.byKey[k]
	return r, ok
}

func (st *idemStore) put(k string, r response) {
	if _, ok := st.byKey[k]; ok {
		return
	}
	if len(st.order) >= maxIdemKeys {
		delete(st.byKey, st.order[0])
		st.order = st.order[1:]
	}
	st.byKey[k] = r
	st.order = append(st.order, k)
}

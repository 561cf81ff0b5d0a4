package bench

import (
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// apiServer is an in-process sandbox behind a recorder that counts what the
// sandbox's own counters do not: answers by status (429s) and GETs by exact
// path (a read repeated within one phase).
type apiServer struct {
	*sandbox.Server
	URL string
	hs  *http.Server

	mu       sync.Mutex
	statuses map[int]int
	gets     map[string]int
}

func startServer(rateLimit float64) (*apiServer, error) {
	opts := sandbox.Options{Keys: []string{sandbox.DefaultKey}, RateLimit: rateLimit}
	s := &apiServer{Server: sandbox.New(opts), statuses: map[int]int{}, gets: map[string]int{}}
	// Room to send to every lead of every launch: the happy path. Without a
	// pool each launch warns that not every lead can be reached today, and
	// Terraform 1.5.7 re-parses the configuration file to show each warning
	// (31% of its CPU applying 500 campaigns).
	s.AddSenderPool(sandbox.SenderPool{Name: "bench", DailyCapacity: 1_000_000, RemainingVolume: 1_000_000, SenderCount: 100})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.URL = "http://" + l.Addr().String()
	s.hs = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.hs.Serve(l) }()
	return s, nil
}

// statusWriter counts the status before the answer goes out, so that a
// phase never ends with its last answers still uncounted.
type statusWriter struct {
	http.ResponseWriter
	s    *apiServer
	done bool
}

func (w *statusWriter) count(code int) {
	if !w.done {
		w.done = true
		w.s.mu.Lock()
		w.s.statuses[code]++
		w.s.mu.Unlock()
	}
}

func (w *statusWriter) WriteHeader(code int) {
	w.count(code)
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.count(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (s *apiServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		s.mu.Lock()
		s.gets[r.URL.RequestURI()]++
		s.mu.Unlock()
	}
	s.Server.ServeHTTP(&statusWriter{ResponseWriter: w, s: s}, r)
}

// snapshot is what one phase sent: requests by route, answers by status,
// and the GETs of one exact URL sent more than once.
type snapshot struct {
	Routes   map[string]int
	Statuses map[int]int
	Repeated []string
}

// take returns the counts since the last take and resets them.
func (s *apiServer) take() snapshot {
	snap := snapshot{Routes: s.RequestCounts(), Statuses: map[int]int{}}
	s.ResetCounts()
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range s.statuses {
		snap.Statuses[k] = v
	}
	for uri, n := range s.gets {
		if n > 1 {
			snap.Repeated = append(snap.Repeated, uri)
		}
	}
	sort.Strings(snap.Repeated)
	clear(s.statuses)
	clear(s.gets)
	return snap
}

func (s *apiServer) close() { _ = s.hs.Close() }

// isRead reports whether a route key ("GET /v1/…") is a read.
func isRead(route string) bool { return strings.HasPrefix(route, "GET ") }

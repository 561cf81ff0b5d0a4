// Command leadterra-sandbox serves the in-memory Leadterra API stand-in on
// a local port, so the provider can be tried without an account:
//
//	leadterra-sandbox -env-file .sandbox.env &
//	. ./.sandbox.env && terraform apply
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "leadterra-sandbox:", err)
		os.Exit(2)
	}
}

// keyList is a repeatable flag that also accepts comma-separated lists.
type keyList []string

func (k *keyList) String() string { return strings.Join(*k, ",") }

func (k *keyList) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*k = append(*k, part)
		}
	}
	return nil
}

type config struct {
	addr           string
	keys           keyList
	readOnly       keyList
	noAccess       keyList
	noWorkspace    keyList
	documentedOnly bool
	pageSize       int
	rateLimit      float64
	style          sandbox.Style
	seed           bool
	envFile        string
	tick           time.Duration
	allowRemote    bool
	quiet          bool
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("leadterra-sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8787", "listen address (port 0 picks a free port)")
	fs.Var(&cfg.keys, "key", "full-access API key (repeatable or comma-separated; default "+sandbox.DefaultKey+")")
	fs.Var(&cfg.readOnly, "readonly-key", "read-only API key: 403 on every write (repeatable)")
	fs.Var(&cfg.noAccess, "noaccess-key", "valid key without permissions: 403 on everything (repeatable)")
	fs.Var(&cfg.noWorkspace, "noworkspace-key", "key without a workspace: 404 workspace_not_found (repeatable)")
	fs.BoolVar(&cfg.documentedOnly, "documented-only", false, "serve only the documented endpoints (completions answer 404) and ignore Idempotency-Key, which the docs do not show")
	fs.IntVar(&cfg.pageSize, "page-size", 0, "items per page of the lists that paginate (guide style), 1-100; 0 = 50")
	fs.Float64Var(&cfg.rateLimit, "rate-limit", 0, "requests per second allowed per API key (token bucket of one second's worth, at least 1); over it: 429 with Retry-After. 0 = no limit")
	style := fs.String("style", "reference", "response style: reference, guide, concept, data or rotate")
	fs.BoolVar(&cfg.seed, "seed", true, "load demo pools, sender accounts, an SDR with an inbox and follow-ups, and a running campaign with replies")
	fs.StringVar(&cfg.envFile, "env-file", "", "after listening, write LEADTERRA_BASE_URL and LEADTERRA_API_KEY to this file (atomically)")
	fs.DurationVar(&cfg.tick, "tick", 2*time.Second, "advance running campaigns one sandbox day this often (0 disables)")
	fs.BoolVar(&cfg.allowRemote, "allow-remote", false, "allow listening on a non-loopback address")
	fs.BoolVar(&cfg.quiet, "quiet", false, "do not log one line per request to stderr")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	st, err := sandbox.ParseStyle(*style)
	if err != nil {
		return cfg, err
	}
	cfg.style = st
	if cfg.tick < 0 {
		return cfg, errors.New("-tick must not be negative")
	}
	if cfg.rateLimit < 0 || math.IsNaN(cfg.rateLimit) || math.IsInf(cfg.rateLimit, 0) {
		return cfg, errors.New("-rate-limit must be a finite number, 0 or more")
	}
	if cfg.pageSize < 0 || cfg.pageSize > 100 {
		return cfg, errors.New("-page-size must be between 0 and 100")
	}
	if len(cfg.keys) == 0 {
		// -key has its own default: adding a restricted key for a test must
		// not take away the key a demo uses.
		cfg.keys = keyList{sandbox.DefaultKey}
	}
	if !cfg.allowRemote && !loopbackAddr(cfg.addr) {
		return cfg, fmt.Errorf("refusing to listen on non-loopback address %q without -allow-remote", cfg.addr)
	}
	return cfg, nil
}

// loopbackAddr reports whether addr names only the local machine. An empty
// host (":8787") means every interface, so it is not loopback.
func loopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// baseURL is the URL clients on this machine should use.
func baseURL(l net.Listener) string {
	tcp, ok := l.Addr().(*net.TCPAddr)
	if !ok {
		return "http://" + l.Addr().String()
	}
	host := "127.0.0.1"
	if ip := tcp.IP; ip != nil && !ip.IsUnspecified() {
		if ip.To4() == nil && ip.IsLoopback() {
			host = "[::1]"
		} else {
			host = ip.String()
			if ip.To4() == nil {
				host = "[" + host + "]"
			}
		}
	}
	return "http://" + host + ":" + strconv.Itoa(tcp.Port)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	opts := sandbox.Options{
		Keys: cfg.keys, ReadOnlyKeys: cfg.readOnly, NoAccessKeys: cfg.noAccess, NoWorkspaceKeys: cfg.noWorkspace,
		DocumentedOnly: cfg.documentedOnly, Style: cfg.style, Seed: cfg.seed, PageSize: cfg.pageSize,
		RateLimit: cfg.rateLimit,
	}
	if !cfg.quiet {
		logger := log.New(stderr, "", log.LstdFlags)
		opts.Logf = logger.Printf
	}
	srv := sandbox.New(opts)

	l, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	url := baseURL(l)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(l) }()

	firstKey := firstOf(cfg.keys, cfg.readOnly, cfg.noAccess, cfg.noWorkspace)
	var envContent string
	if cfg.envFile != "" {
		envContent = fmt.Sprintf("LEADTERRA_BASE_URL=%s\nLEADTERRA_API_KEY=%s\n", url, firstKey)
		if err := writeFileAtomic(cfg.envFile, envContent); err != nil {
			_ = hs.Close()
			return fmt.Errorf("writing env file: %w", err)
		}
	}
	printBanner(stdout, cfg, url)

	if cfg.tick > 0 {
		go func() {
			t := time.NewTicker(cfg.tick)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					srv.Tick()
				}
			}
		}()
	}

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = hs.Shutdown(shutdownCtx)
	if cfg.envFile != "" {
		removeIfUnchanged(cfg.envFile, envContent)
	}
	fmt.Fprintln(stdout, "leadterra-sandbox: stopped")
	return err
}

func firstOf(lists ...keyList) string {
	for _, l := range lists {
		if len(l) > 0 {
			return l[0]
		}
	}
	return ""
}

func printBanner(w io.Writer, cfg config, url string) {
	fmt.Fprintf(w, "Leadterra sandbox listening on %s\n", url)
	fmt.Fprintf(w, "  export LEADTERRA_BASE_URL=%s\n", url)
	fmt.Fprintf(w, "  export LEADTERRA_API_KEY=%s\n", firstOf(cfg.keys, cfg.readOnly, cfg.noAccess, cfg.noWorkspace))
	fmt.Fprintln(w, "API keys:")
	for _, group := range []struct {
		keys keyList
		role string
	}{
		{cfg.keys, "full access"},
		{cfg.readOnly, "read-only (403 on writes)"},
		{cfg.noAccess, "no access (403 on everything)"},
		{cfg.noWorkspace, "no workspace (404 workspace_not_found)"},
	} {
		for _, k := range group.keys {
			fmt.Fprintf(w, "  %-28s %s\n", k, group.role)
		}
	}
	mode := "full (documented endpoints + REST completions)"
	if cfg.documentedOnly {
		mode = "documented endpoints only (completions answer 404, Idempotency-Key ignored)"
	}
	fmt.Fprintf(w, "Mode:  %s\n", mode)
	fmt.Fprintf(w, "Style: %s\n", cfg.style)
	seed := "none"
	if cfg.seed {
		seed = "demo pools, sender accounts, SDR, campaign " + sandbox.SeedCampaignID
	}
	fmt.Fprintf(w, "Seed:  %s\n", seed)
	tick := "off"
	if cfg.tick > 0 {
		tick = "every " + cfg.tick.String()
	}
	fmt.Fprintf(w, "Tick:  %s\n", tick)
	limit := "off"
	if cfg.rateLimit > 0 {
		limit = fmt.Sprintf("%g requests/s per key (burst %d), 429 with Retry-After beyond", cfg.rateLimit, sandbox.RateLimitBurst(cfg.rateLimit))
	}
	fmt.Fprintf(w, "Rate limit: %s\n", limit)
}

// writeFileAtomic writes via a temp file and rename, so a script polling
// for the file never reads it half-written. 0600: it holds an API key.
func writeFileAtomic(path, content string) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".leadterra-sandbox-env-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.WriteString(content); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// removeIfUnchanged deletes the env file on shutdown so a stale one is not
// mistaken for a live sandbox, unless another instance has replaced it.
func removeIfUnchanged(path, content string) {
	if b, err := os.ReadFile(path); err == nil && string(b) == content {
		_ = os.Remove(path)
	}
}

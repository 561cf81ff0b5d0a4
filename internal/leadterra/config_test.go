package leadterra

import (
	"errors"
	"strings"
	"testing"
)

func TestParseBaseURL(t *testing.T) {
	tests := []struct {
		in      string
		want    string // "" means an error is expected
		errSubs string
	}{
		{"", DefaultBaseURL, ""},
		{"https://app.leadterra.co", "https://app.leadterra.co", ""},
		{"https://app.leadterra.co/", "https://app.leadterra.co", ""},
		{"https://eu.leadterra.example/api/", "https://eu.leadterra.example/api", ""},
		{"http://localhost:8080", "http://localhost:8080", ""},
		{"http://LOCALHOST:8080/", "http://LOCALHOST:8080", ""},
		{"http://sandbox.localhost:9000", "", "not loopback"},
		{"http://api.localhost", "", "not loopback"},
		{"http://127.0.0.1:4010", "http://127.0.0.1:4010", ""},
		{"http://127.8.9.10", "http://127.8.9.10", ""},
		{"http://[::1]:4010", "http://[::1]:4010", ""},
		{"http://app.leadterra.co", "", "not loopback"},
		{"http://10.0.0.5:8080", "", "not loopback"},
		{"http://localhost.evil.example", "", "not loopback"},
		{"http://127.0.0.1.nip.io", "", "not loopback"},
		{"http://0.0.0.0:8080", "", "not loopback"},
		{"https://user:pass@app.leadterra.co", "", "credentials"},
		{"https://sk_live_abc@app.leadterra.co", "", "credentials"},
		{"https://app.leadterra.co?key=1", "", "query"},
		{"https://app.leadterra.co/?", "", "query"},
		{"https://app.leadterra.co/v1", "", "drop it and use \"https://app.leadterra.co\""},
		{"https://app.leadterra.co/v1/", "", "ends in /v1"},
		{"https://eu.leadterra.example/api/V1", "", "use \"https://eu.leadterra.example/api\""},
		{"https://app.leadterra.co/v10", "https://app.leadterra.co/v10", ""},
		{"https://app.leadterra.co/#frag", "", "fragment"},
		{"app.leadterra.co", "", "absolute"},
		{"ftp://app.leadterra.co", "", "absolute"},
		{"https://", "", "absolute"},
		{"https://:443", "", "absolute"},
		{"://bad", "", "not a valid URL"},
	}
	for _, tt := range tests {
		u, err := ParseBaseURL(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseBaseURL(%q) = %v, want an error", tt.in, u)
			} else if !strings.Contains(err.Error(), tt.errSubs) {
				t.Errorf("ParseBaseURL(%q) error %q, want it to mention %q", tt.in, err, tt.errSubs)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseBaseURL(%q): %v", tt.in, err)
			continue
		}
		if u.String() != tt.want {
			t.Errorf("ParseBaseURL(%q) = %q, want %q", tt.in, u, tt.want)
		}
	}
}

func TestNewValidatesConfig(t *testing.T) {
	if _, err := New(Config{BaseURL: "https://app.leadterra.co"}); err == nil {
		t.Error("New without a key must fail")
	}
	if _, err := New(Config{BaseURL: "http://app.leadterra.co", APIKey: testKey}); err == nil {
		t.Error("New with plain http to a remote host must fail")
	} else {
		assertNoSecret(t, err)
	}
	c, err := New(Config{APIKey: testKey})
	mustOK(t, err)
	if c.BaseURL() != DefaultBaseURL {
		t.Errorf("BaseURL() = %q, want the default", c.BaseURL())
	}
	c, err = New(Config{BaseURL: "http://127.0.0.1:1/", APIKey: testKey})
	mustOK(t, err)
	if c.BaseURL() != "http://127.0.0.1:1" {
		t.Errorf("BaseURL() = %q", c.BaseURL())
	}
}

func TestIsLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost": true, "LocalHost": true, "api.localhost": false, "localhost.": false, "127.0.0.1": true, "127.255.0.1": true,
		"::1": true, "[::1]": true, "0:0:0:0:0:0:0:1": true,
		"": false, "localhost.example.com": false, "10.0.0.1": false, "0.0.0.0": false, "::": false, "app.leadterra.co": false, "128.0.0.1": false,
	} {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestNormalizeAPIKey(t *testing.T) {
	tests := []struct {
		name    string
		raw     string
		want    KeyCheck
		wantErr error
	}{
		{"live key", "sk_live_abc123", KeyCheck{Key: "sk_live_abc123", Live: true}, nil},
		{"test key", "sk_test_abc123", KeyCheck{Key: "sk_test_abc123"}, nil},
		{"trailing newline from a file", "sk_live_abc123\n", KeyCheck{Key: "sk_live_abc123", Trimmed: true, Live: true}, nil},
		{"CRLF and spaces around", "  sk_test_abc123\r\n", KeyCheck{Key: "sk_test_abc123", Trimmed: true}, nil},
		{"unknown prefix flagged", "pk_live_abc123", KeyCheck{Key: "pk_live_abc123", UnknownPrefix: true}, nil},
		{"prefix is case sensitive", "SK_LIVE_abc123", KeyCheck{Key: "SK_LIVE_abc123", UnknownPrefix: true}, nil},
		{"bare prefix", "sk_live_", KeyCheck{Key: "sk_live_", Live: true}, nil},
		{"empty", "", KeyCheck{}, ErrKeyEmpty},
		{"only whitespace", " \n\t", KeyCheck{Trimmed: true}, ErrKeyEmpty},
		{"inner space", "sk_live_abc 123", KeyCheck{}, ErrKeyInnerWhitespace},
		{"inner newline (pasted twice)", "sk_live_abc\nsk_live_abc", KeyCheck{}, ErrKeyInnerWhitespace},
		{"inner non-breaking space", "sk_live_abc\u00a0123", KeyCheck{}, ErrKeyInnerWhitespace},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeAPIKey(tt.raw)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if tt.raw != "" && strings.TrimSpace(tt.raw) != "" && strings.Contains(err.Error(), strings.TrimSpace(tt.raw)) {
					t.Errorf("error %q repeats the key", err)
				}
				if strings.Contains(err.Error(), "abc") {
					t.Errorf("error %q repeats part of the key", err)
				}
				return
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestNormalizeAPIKeyInvisibleCharacters(t *testing.T) {
	kc, err := NormalizeAPIKey("\ufeffsk_test_abc\u200b\n")
	if err != nil || kc.Key != "sk_test_abc" || !kc.Trimmed {
		t.Fatalf("a BOM and a trailing zero-width space must be trimmed: %+v %v", kc, err)
	}
	if _, err := NormalizeAPIKey("sk_test_a\u200bbc"); err != ErrKeyInnerWhitespace {
		t.Fatalf("a zero-width space inside the key must be refused, got %v", err)
	}
}

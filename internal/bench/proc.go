package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// providerProc is the provider binary started by the benchmark in debug
// mode: the CLI attaches to it (TF_REATTACH_PROVIDERS) instead of starting
// its own, so its peak memory and CPU time can be read from /proc before it
// is stopped. One process serves every command of a phase.
type providerProc struct {
	cmd      *exec.Cmd
	reattach string // value for TF_REATTACH_PROVIDERS, keyed for both CLIs
}

// Registry addresses under which Terraform and OpenTofu look the provider up.
var providerAddrs = []string{
	"registry.terraform.io/leadterra/leadterra",
	"registry.opentofu.org/leadterra/leadterra",
}

const reattachPrefix = "TF_REATTACH_PROVIDERS='"

// startProvider runs argv plus -debug: the provider binary, or the
// benchmark's canned provider.
func startProvider(ctx context.Context, argv []string, env []string) (*providerProc, error) {
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:len(argv):len(argv)], "-debug")...)
	cmd.Env = env
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &providerProc{cmd: cmd}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		sent := false
		for sc.Scan() { // keep draining so the provider never blocks on stdout
			line := strings.TrimSpace(sc.Text())
			if !sent && strings.HasPrefix(line, reattachPrefix) {
				found <- strings.TrimSuffix(strings.TrimPrefix(line, reattachPrefix), "'")
				sent = true
			}
		}
		if !sent {
			close(found)
		}
	}()
	select {
	case line, ok := <-found:
		if !ok {
			p.stop()
			return nil, errors.New("provider exited without printing TF_REATTACH_PROVIDERS")
		}
		if p.reattach, err = reattachForBoth(line); err != nil {
			p.stop()
			return nil, err
		}
		return p, nil
	case <-time.After(30 * time.Second):
		p.stop()
		return nil, errors.New("provider did not print TF_REATTACH_PROVIDERS within 30s")
	}
}

// reattachForBoth copies the one entry the provider prints under both
// registry addresses, so the same process serves terraform and tofu.
func reattachForBoth(line string) (string, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		return "", fmt.Errorf("parsing TF_REATTACH_PROVIDERS: %w", err)
	}
	if len(m) != 1 {
		return "", fmt.Errorf("TF_REATTACH_PROVIDERS has %d entries, want 1", len(m))
	}
	var entry json.RawMessage
	for _, v := range m {
		entry = v
	}
	out := map[string]json.RawMessage{}
	for _, a := range providerAddrs {
		out[a] = entry
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// usage is what /proc says about a process: peak resident set and CPU time.
type usage struct {
	PeakMB float64
	CPU    time.Duration
}

// usage reads VmHWM and utime+stime while the process is still alive.
func (p *providerProc) usage() (usage, error) {
	return procUsage(p.cmd.Process.Pid)
}

func (p *providerProc) stop() {
	_ = p.cmd.Process.Signal(syscall.SIGINT) // managed debug mode stops on SIGINT
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}

// clockTicks is USER_HZ, 100 on every Linux architecture Go supports.
const clockTicks = 100

func procUsage(pid int) (usage, error) {
	var u usage
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return u, err
	}
	if u.PeakMB, err = parseVmHWM(string(status)); err != nil {
		return u, err
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return u, err
	}
	ticks, err := parseStatCPU(string(stat))
	u.CPU = time.Duration(ticks) * time.Second / clockTicks
	return u, err
}

// parseVmHWM returns the "VmHWM:  123 kB" line of /proc/<pid>/status in MB.
func parseVmHWM(status string) (float64, error) {
	for _, line := range strings.Split(status, "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) != 2 || f[1] != "kB" {
				return 0, fmt.Errorf("unexpected VmHWM line %q", line)
			}
			kb, err := strconv.ParseFloat(f[0], 64)
			return kb / 1024, err
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}

// parseStatCPU returns utime+stime (fields 14 and 15) of /proc/<pid>/stat.
// The command name (field 2) may hold spaces, so fields count from its ')'.
func parseStatCPU(stat string) (int64, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, errors.New("malformed /proc stat")
	}
	f := strings.Fields(stat[i+1:]) // f[0] is field 3 (state)
	if len(f) < 13 {
		return 0, errors.New("short /proc stat")
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	return ut + st, nil
}

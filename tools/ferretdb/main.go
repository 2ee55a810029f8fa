// Command convene-ferretdb runs an embedded FerretDB (SQLite backend) for one Convene data directory.
//
// It prints a single JSON line on stdout: {"uri":...,"owned":true,"pid":N} when it started the
// server, or {"uri":...,"owned":false} when another live process already serves the same data
// directory (so two processes never open the same SQLite files).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// addrInfo is the content of the address file written by the lock holder.
type addrInfo struct {
	URI string `json:"uri"`
	PID int    `json:"pid"`
}

func main() {
	dataDir := flag.String("data-dir", "", "data directory (required); SQLite files go in DIR/ferretdb/")
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 = any free port)")
	logPath := flag.String("log", "", "FerretDB log file (default DIR/ferretdb.log)")
	watchStdin := flag.Bool("watch-stdin", true, "exit when stdin reaches EOF (the parent holds the pipe)")
	flag.Parse()

	// The engine's live heap is small and every document it reads is decoded into short-lived objects, so at
	// Go's default (GOGC=100) collections took a fifth of its CPU on the pages. 400 trades some memory for
	// that; GOGC in the environment still wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}

	if err := run(*dataDir, *listen, *logPath, *watchStdin); err != nil {
		fmt.Fprintln(os.Stderr, "convene-ferretdb:", err)
		os.Exit(1)
	}
}

func run(dataDir, listen, logPath string, watchStdin bool) error {
	if dataDir == "" {
		return errors.New("--data-dir is required")
	}
	dataDir, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	sqliteDir := filepath.Join(dataDir, "ferretdb")
	if err = os.MkdirAll(sqliteDir, 0o700); err != nil {
		return err
	}
	if logPath == "" {
		logPath = filepath.Join(dataDir, "ferretdb.log")
	}
	addrPath := filepath.Join(dataDir, "ferretdb.addr")

	// The lock file is never removed: deleting it would let two processes lock different inodes.
	lock, err := os.OpenFile(filepath.Join(dataDir, "ferretdb.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	defer lock.Close()

	owned, info, err := lockOrFindOwner(lock, addrPath, 15*time.Second)
	if err != nil {
		return err
	}
	if !owned {
		return printJSON(map[string]any{"uri": info.URI, "owned": false})
	}

	// A SIGKILLed previous owner may have left its address behind; nobody must read it now.
	_ = os.Remove(addrPath)
	portPath := filepath.Join(dataDir, "ferretdb.port")
	listen = samePortAsBefore(listen, portPath)

	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer logFile.Close()

	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer cancel()
	watchParent(ctx, cancel, watchStdin)

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Handler:   "sqlite",
		SQLiteURL: (&url.URL{Scheme: "file", Path: sqliteDir + "/"}).String(),
		Logger:    slog.New(slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	if err != nil {
		return err
	}

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	logger := slog.New(slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelInfo}))
	go keepIDIndexes(ctx, sqliteDir, time.Second, logger)
	servePprof(logger)

	// The TCP listener is bound inside New, so MongoDBURI does not block here.
	info = addrInfo{URI: f.MongoDBURI(), PID: os.Getpid()}
	if u, perr := url.Parse(info.URI); perr == nil {
		_ = os.WriteFile(portPath, []byte(u.Port()), 0o600)
	}
	if err = writeAddr(addrPath, info); err != nil {
		cancel()
		<-done
		return err
	}
	if err = printJSON(map[string]any{"uri": info.URI, "owned": true, "pid": info.PID}); err != nil {
		cancel()
	}

	err = <-done
	// Remove the address before the lock is released (on return), so readers never see a dead URI.
	_ = os.Remove(addrPath)
	return err
}

// samePortAsBefore returns the address the previous owner of this data directory listened on, when
// listen asks for any free loopback port and that one is free: processes that shared the previous
// owner's server then find its successor at the same URI, and their drivers reconnect by themselves.
func samePortAsBefore(listen, portPath string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil || port != "0" {
		return listen
	}
	previous, err := os.ReadFile(portPath)
	if err != nil || len(previous) == 0 {
		return listen
	}
	candidate := net.JoinHostPort(host, string(previous))
	l, err := net.Listen("tcp", candidate)
	if err != nil {
		return listen
	}
	_ = l.Close()
	return candidate
}

// lockOrFindOwner takes the exclusive lock, or waits until the live holder has published its address.
func lockOrFindOwner(lock *os.File, addrPath string, timeout time.Duration) (bool, addrInfo, error) {
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return true, addrInfo{}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return false, addrInfo{}, fmt.Errorf("flock: %w", err)
		}
		if info, ok := readAddr(addrPath); ok {
			return false, info, nil
		}
		// The holder is still starting (or a stale file is about to be replaced); retry.
		if time.Now().After(deadline) {
			return false, addrInfo{}, fmt.Errorf("data directory is locked by another process that did not publish %s within %s", addrPath, timeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// readAddr accepts the address file only if its writer is alive and the server accepts connections.
func readAddr(addrPath string) (addrInfo, bool) {
	var info addrInfo
	b, err := os.ReadFile(addrPath)
	if err != nil || json.Unmarshal(b, &info) != nil || info.PID <= 0 {
		return info, false
	}
	if syscall.Kill(info.PID, 0) != nil {
		return info, false
	}
	u, err := url.Parse(info.URI)
	if err != nil {
		return info, false
	}
	c, err := net.DialTimeout("tcp", u.Host, time.Second)
	if err != nil {
		return info, false
	}
	c.Close()
	return info, true
}

// writeAddr writes the address file atomically so a reader never sees a partial file.
func writeAddr(addrPath string, info addrInfo) error {
	b, err := json.Marshal(info)
	if err != nil {
		return err
	}
	tmp := addrPath + ".tmp"
	if err = os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, addrPath)
}

// watchParent cancels ctx when the parent goes away: stdin EOF, parent-death signal, or a changed ppid.
func watchParent(ctx context.Context, cancel context.CancelFunc, watchStdin bool) {
	ppid := os.Getppid()
	// PR_SET_PDEATHSIG: the kernel sends SIGTERM when the parent dies (Linux only, best effort).
	_, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_SET_PDEATHSIG, uintptr(syscall.SIGTERM), 0)

	if watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			cancel()
		}()
	}
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if os.Getppid() != ppid {
					cancel()
					return
				}
			}
		}
	}()
}

// printJSON writes v as one JSON line on stdout (json.Encoder adds the newline the parent waits for).
func printJSON(v any) error {
	return json.NewEncoder(os.Stdout).Encode(v)
}

package main

import (
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
)

// servePprof serves Go's profiles (CPU, heap, execution trace, goroutines) on the loopback address in
// CONVENE_FERRETDB_PPROF, e.g. 127.0.0.1:6060, for finding where the engine spends a page's time
// (docs/performance.md). Unset, which is the default and production, nothing listens.
func servePprof(logger *slog.Logger) {
	addr := os.Getenv("CONVENE_FERRETDB_PPROF")
	if addr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	go func() {
		if err := http.ListenAndServe(addr, mux); err != nil {
			logger.Warn("pprof server stopped", "addr", addr, "error", err)
		}
	}()
}

// Command patcher copies a Go module's source and applies Convene's patches to the copy.
//
//	go run . -src MODULE_DIR -dst DIR PATCH...
//
// A patch is a unified diff as `git diff` writes it (paths a/... and b/..., new files from /dev/null).
// Hunks must apply exactly where they say: no offset, no fuzz, so a patch written for another
// version of the source fails loudly instead of landing in the wrong place.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	src := flag.String("src", "", "pristine module source (read only)")
	dst := flag.String("dst", "", "directory to create (replaced if it exists)")
	flag.Parse()
	if *src == "" || *dst == "" {
		fail(fmt.Errorf("-src and -dst are required"))
	}
	if err := copyTree(*src, *dst); err != nil {
		fail(err)
	}
	for _, p := range flag.Args() {
		text, err := os.ReadFile(p)
		if err != nil {
			fail(err)
		}
		if err = applyPatch(*dst, string(text)); err != nil {
			fail(fmt.Errorf("%s: %w", filepath.Base(p), err))
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "patcher:", err)
	os.Exit(1)
}

// copyTree replaces dst by a writable copy of src.
func copyTree(src, dst string) error {
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// filePatch is the part of a diff that changes one file.
type filePatch struct {
	path  string // relative to the module root
	isNew bool
	hunks []hunk
}

type hunk struct {
	oldStart int      // 1-based line of the first old line (0 for a new file)
	lines    []string // each starting with ' ', '-' or '+'
}

// applyPatch applies every file patch of a diff under root.
func applyPatch(root, text string) error {
	files, err := parseDiff(text)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no file changes found")
	}
	for _, f := range files {
		if err = applyFile(root, f); err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
	}
	return nil
}

// parseDiff reads the file headers (--- / +++) and hunks (@@) of a unified diff; other lines are ignored.
func parseDiff(text string) ([]*filePatch, error) {
	lines := strings.Split(text, "\n")
	var files []*filePatch
	var cur *filePatch
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch {
		case strings.HasPrefix(line, "--- ") && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "+++ "):
			oldPath, newPath := strings.TrimPrefix(line, "--- "), strings.TrimPrefix(lines[i+1], "+++ ")
			if newPath == "/dev/null" {
				return nil, fmt.Errorf("deleting files is not supported (%s)", oldPath)
			}
			cur = &filePatch{path: strings.TrimPrefix(newPath, "b/"), isNew: oldPath == "/dev/null"}
			files = append(files, cur)
			i++
		case strings.HasPrefix(line, "@@ "):
			if cur == nil {
				return nil, fmt.Errorf("hunk before any file header: %q", line)
			}
			var oldStart, oldLen, newStart, newLen int
			if _, err := fmt.Sscanf(normaliseRange(line), "@@ -%d,%d +%d,%d @@", &oldStart, &oldLen, &newStart, &newLen); err != nil {
				return nil, fmt.Errorf("bad hunk header %q", line)
			}
			h := hunk{oldStart: oldStart}
			for o, n := 0, 0; o < oldLen || n < newLen; {
				i++
				if i >= len(lines) {
					return nil, fmt.Errorf("hunk %q is cut short", line)
				}
				l := lines[i]
				if l == "" {
					l = " " // some editors strip the space of an empty context line
				}
				switch l[0] {
				case ' ':
					o++
					n++
				case '-':
					o++
				case '+':
					n++
				case '\\':
					return nil, fmt.Errorf("files without a final newline are not supported")
				default:
					return nil, fmt.Errorf("unexpected line in hunk %q: %q", line, l)
				}
				h.lines = append(h.lines, l)
			}
			cur.hunks = append(cur.hunks, h)
		}
	}
	return files, nil
}

// normaliseRange turns the short forms "-3" and "+3" of a hunk header into "-3,1" and "+3,1".
func normaliseRange(header string) string {
	parts := strings.Fields(header)
	if len(parts) < 4 {
		return header
	}
	for _, k := range []int{1, 2} {
		if !strings.Contains(parts[k], ",") {
			parts[k] += ",1"
		}
	}
	return strings.Join(parts[:4], " ")
}

// applyFile applies the hunks of one file, each exactly at its stated line.
func applyFile(root string, f *filePatch) error {
	path := filepath.Join(root, filepath.FromSlash(f.path))
	var old []string
	if !f.isNew {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		old = strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	} else if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("new file already exists")
	}
	var out []string
	next := 0 // index in old of the first line not yet copied
	for _, h := range f.hunks {
		start := h.oldStart - 1
		if h.oldStart == 0 {
			start = 0
		}
		if start < next || start > len(old) {
			return fmt.Errorf("hunk at line %d is out of order or past the end", h.oldStart)
		}
		out = append(out, old[next:start]...)
		at := start
		for _, l := range h.lines {
			switch l[0] {
			case ' ', '-':
				if at >= len(old) || old[at] != l[1:] {
					return fmt.Errorf("hunk at line %d does not match the source at line %d", h.oldStart, at+1)
				}
				if l[0] == ' ' {
					out = append(out, old[at])
				}
				at++
			case '+':
				out = append(out, l[1:])
			}
		}
		next = at
	}
	out = append(out, old[next:]...)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o644)
}

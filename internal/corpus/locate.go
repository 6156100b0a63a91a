// Package corpus reads the research corpora nashra replays and imports:
// SaudiNewsNet (daily zips of JSON arrays, or JSON Lines with the same
// fields) and the BBC News folder (one article per text file).
package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNotFound means the corpus is not on this machine.
var ErrNotFound = errors.New("corpus not found")

// Locate finds a shared dataset directory by name ("saudinewsnet",
// "bbc-news", "arabic-stopwords", "newsfane"). It tries, in order: the
// explicit path if non-empty, $NASHRA_CORPUS (for "saudinewsnet") or
// $NASHRA_DATA_ROOT/<name>, then ../shared/data/<name> from the working
// directory and each of its parents, so tests in any package find it.
func Locate(name, explicit string) (string, error) {
	if explicit != "" {
		if isDir(explicit) {
			return explicit, nil
		}
		return "", fmt.Errorf("corpus %s: %s is not a directory", name, explicit)
	}
	if name == "saudinewsnet" {
		if p := os.Getenv("NASHRA_CORPUS"); p != "" {
			if isDir(p) {
				return p, nil
			}
			return "", fmt.Errorf("corpus %s: NASHRA_CORPUS=%s is not a directory", name, p)
		}
	}
	if root := os.Getenv("NASHRA_DATA_ROOT"); root != "" {
		if p := filepath.Join(root, name); isDir(p) {
			return p, nil
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if p := filepath.Join(dir, "..", "shared", "data", name); isDir(p) {
			return filepath.Clean(p), nil
		}
		if p := filepath.Join(dir, "shared", "data", name); isDir(p) {
			return filepath.Clean(p), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("%w: %s (looked for ../shared/data/%s above the working directory; set NASHRA_CORPUS or --corpus)", ErrNotFound, name, name)
		}
		dir = parent
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

package sqlite_test

import (
	"os"
	"testing"
)

var sharedDir string

// tempDirOutsideTest is a directory that lives as long as the test binary,
// for fixtures shared between benchmarks; TestMain removes it.
func tempDirOutsideTest() (string, error) {
	if sharedDir != "" {
		return sharedDir, nil
	}
	d, err := os.MkdirTemp("", "nashra-sqlite-bench-")
	if err != nil {
		return "", err
	}
	sharedDir = d
	return d, nil
}

func TestMain(m *testing.M) {
	if handled := crashChild(); handled {
		return
	}
	code := m.Run()
	if searchStore != nil {
		searchStore.Close()
	}
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}

package web

import (
	"testing"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/web/webtest"
)

// openStore returns the store the tests run against.
func openStore(t testing.TB) (news.Store, *webtest.MemStore) {
	m := webtest.NewMemStore()
	return m, m
}

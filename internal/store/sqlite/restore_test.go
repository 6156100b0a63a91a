package sqlite_test

import (
	"testing"

	"github.com/nashra/nashra/internal/news"
	"github.com/nashra/nashra/internal/store/storetest"
)

func TestMigrationConformance(t *testing.T) {
	storetest.RunMigration(t, func(t *testing.T) news.Store { return openTemp(t) })
}

package postgres_test

import (
	"context"
	"testing"
)

func TestOptimize(t *testing.T) {
	s := openTemp(t)
	if err := s.Optimize(context.Background()); err != nil {
		t.Fatal(err)
	}
}

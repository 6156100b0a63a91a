// Package cluster runs nashra as several processes on one PostgreSQL
// database, for the multi-process fault tests and `nashra bench cluster`:
// throwaway schemas on a shared server, a private PostgreSQL server that a
// test may restart, child processes that can be killed with SIGKILL, and
// the checks that a cluster stored every article exactly once and kept
// every feed polled.
package cluster

package web

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestLoad measures throughput and latency over real HTTP (loopback) with
// concurrent clients. It reports and asserts nothing — timings depend on
// the machine — and runs only with NASHRA_LOAD=1:
//
//	NASHRA_LOAD=1 go test -run TestLoad -v ./internal/web/
//
// NASHRA_LOAD_SECONDS and NASHRA_LOAD_CLIENTS tune it. The generator shares
// the CPUs with the server, so the numbers are a floor.
func TestLoad(t *testing.T) {
	if os.Getenv("NASHRA_LOAD") != "1" {
		t.Skip("set NASHRA_LOAD=1 to run the load measurement")
	}
	secs, _ := strconv.Atoi(os.Getenv("NASHRA_LOAD_SECONDS"))
	if secs <= 0 {
		secs = 5
	}
	clients, _ := strconv.Atoi(os.Getenv("NASHRA_LOAD_CLIENTS"))
	if clients <= 0 {
		clients = 16
	}
	ts := newTestSite(t)
	srv := httptest.NewServer(ts.Handler())
	defer srv.Close()

	// Many distinct articles, so the article run is not just one cached page.
	list, err := ts.store.Articles(t.Context(), newsFilter(200))
	if err != nil {
		t.Fatal(err)
	}
	var articles []string
	for _, a := range list {
		articles = append(articles, "/article/"+a.ID)
	}
	runs := []struct {
		name  string
		paths []string
	}{
		{"home", []string{"/"}},
		{"article (one)", []string{"/article/" + ts.fx.ShowcaseID}},
		{"article (200 distinct)", articles},
	}
	for _, run := range runs {
		n, p50, p99 := hammer(t, srv.URL, run.paths, clients, time.Duration(secs)*time.Second)
		t.Logf("%-24s %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%d clients, %ds)", run.name,
			float64(n)/float64(secs), ms(p50), ms(p99), clients, secs)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func hammer(t *testing.T, base string, paths []string, clients int, dur time.Duration) (int, time.Duration, time.Duration) {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: false}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	deadline := time.Now().Add(dur)
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for i := c; time.Now().Before(deadline); i++ {
				req, _ := http.NewRequest(http.MethodGet, base+paths[i%len(paths)], nil)
				req.Header.Set("Accept-Encoding", "gzip")
				req.Header.Set("Cookie", "lang=ar")
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("%s: %d", paths[i%len(paths)], resp.StatusCode)
					return
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(lat) == 0 {
		t.Fatal(fmt.Errorf("no requests completed"))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return len(lat), lat[len(lat)/2], lat[len(lat)*99/100]
}

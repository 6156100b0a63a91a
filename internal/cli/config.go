package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Config is what every long-running command shares. Values come, in
// increasing precedence, from defaults, the --config JSON file, NASHRA_*
// environment variables, and flags.
type Config struct {
	Data     string `json:"data"`    // directory of the SQLite store
	DB       string `json:"db"`      // store URL: postgres://... or sqlite:FILE; overrides Data
	Addr     string `json:"addr"`    // web listen address
	Corpus   string `json:"corpus"`  // SaudiNewsNet directory
	Role     string `json:"role"`    // web, crawl or all
	Node     string `json:"node"`    // crawler node name (lease owner)
	Sources  string `json:"sources"` // JSON source list for serve (default: shipped list)
	BaseURL  string `json:"base_url"`
	Workers  int    `json:"workers"`
	LogLevel string `json:"log_level"`
}

// configFlags registers the shared flags on fs. Each flag's default is the
// NASHRA_* variable when set, so flags win over the environment.
func configFlags(fs *flag.FlagSet, c *Config, which ...string) *string {
	want := map[string]bool{}
	for _, w := range which {
		want[w] = true
	}
	str := func(name, env, def, usage string, p *string) {
		if want[name] {
			fs.StringVar(p, name, envOr(env, def), usage+" (env "+env+")")
		} else {
			*p = envOr(env, def)
		}
	}
	str("data", "NASHRA_DATA", "./nashra-data", "data directory for the SQLite store", &c.Data)
	str("db", "NASHRA_DB", "", "store URL: postgres://user@host/db or sqlite:FILE (default: SQLite in --data)", &c.DB)
	str("addr", "NASHRA_ADDR", "127.0.0.1:8080", "web server listen address", &c.Addr)
	str("corpus", "NASHRA_CORPUS", "", "SaudiNewsNet corpus directory (default ../shared/data/saudinewsnet)", &c.Corpus)
	str("role", "NASHRA_ROLE", "all", "what this process runs: web, crawl or all", &c.Role)
	str("node", "NASHRA_NODE", defaultNode(), "crawler node name used for feed leases", &c.Node)
	str("sources", "NASHRA_SOURCES", "", "JSON source list to seed an empty store (default: the shipped list)", &c.Sources)
	str("base-url", "NASHRA_BASE_URL", "", "public base URL of the site, for feeds and canonical links", &c.BaseURL)
	str("log-level", "NASHRA_LOG_LEVEL", "info", "log level: debug, info, warn, error", &c.LogLevel)
	if want["workers"] {
		fs.IntVar(&c.Workers, "workers", envInt("NASHRA_WORKERS", 8), "crawler workers (env NASHRA_WORKERS)")
	} else {
		c.Workers = envInt("NASHRA_WORKERS", 8)
	}
	var cfgFile string
	if want["config"] {
		fs.StringVar(&cfgFile, "config", os.Getenv("NASHRA_CONFIG"), "JSON config file with the same keys as the flags (env NASHRA_CONFIG)")
	}
	return &cfgFile
}

// applyConfigFile fills values not set by a flag or the environment from a
// JSON config file.
func applyConfigFile(fs *flag.FlagSet, path string, c *Config) error {
	if path == "" {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	var fileCfg Config
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fileCfg); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	pick := func(flagName, env string, dst *string, v string) {
		if v != "" && !set[flagName] && os.Getenv(env) == "" {
			*dst = v
		}
	}
	pick("data", "NASHRA_DATA", &c.Data, fileCfg.Data)
	pick("db", "NASHRA_DB", &c.DB, fileCfg.DB)
	pick("addr", "NASHRA_ADDR", &c.Addr, fileCfg.Addr)
	pick("corpus", "NASHRA_CORPUS", &c.Corpus, fileCfg.Corpus)
	pick("role", "NASHRA_ROLE", &c.Role, fileCfg.Role)
	pick("node", "NASHRA_NODE", &c.Node, fileCfg.Node)
	pick("sources", "NASHRA_SOURCES", &c.Sources, fileCfg.Sources)
	pick("base-url", "NASHRA_BASE_URL", &c.BaseURL, fileCfg.BaseURL)
	pick("log-level", "NASHRA_LOG_LEVEL", &c.LogLevel, fileCfg.LogLevel)
	if fileCfg.Workers > 0 && !set["workers"] && os.Getenv("NASHRA_WORKERS") == "" {
		c.Workers = fileCfg.Workers
	}
	return nil
}

// storeDSN is what store.Open takes: the DB URL if given, else the data dir.
func (c *Config) storeDSN() string {
	if c.DB != "" {
		return c.DB
	}
	return c.Data
}

func (c *Config) validate() error {
	switch c.Role {
	case "web", "crawl", "all":
	default:
		return fmt.Errorf("--role %q: want web, crawl or all", c.Role)
	}
	if c.Workers < 1 || c.Workers > 256 {
		return fmt.Errorf("--workers %d (or NASHRA_WORKERS=%q): want a whole number from 1 to 256", c.Workers, os.Getenv("NASHRA_WORKERS"))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("--log-level %q: want debug, info, warn or error", c.LogLevel)
	}
	return nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		// Not a silent default: validate reports the out-of-range value,
		// naming the variable, so a typo in the environment is seen.
		return -1
	}
	return n
}

func defaultNode() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		h = "node"
	}
	return fmt.Sprintf("%s-%d", h, os.Getpid())
}

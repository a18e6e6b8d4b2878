// Tests string fields of configuration structs declared in the package that
// reach a listener through another struct's field (s.cfg.ListenAddr): the
// value in a composite literal returned by DefaultConfig, a value assigned to
// the field (c.MetricsAddr = ...), and a flag registered on the field
// (&cfg.GRPCAddr), which is reported as the flag's default. Changing a
// default that other code may read or override is unsafe, so no fix is
// applied without --unsafe-fixes. Look-alikes not reported: a loopback value,
// a field that never reaches a listener, and a field of the same name in a
// struct of another package (redis.Options{Addr: ...}).
package main

// Config is the server's configuration.
type Config struct {
	ListenAddr  string
	MetricsAddr string
	GRPCAddr    string
	AdminAddr   string
	PeerAddr    string
	Addr        string
}

// DefaultConfig returns the configuration used when no file is given.
func DefaultConfig() *Config {
	return &Config{
		ListenAddr: ":7879",
		AdminAddr:  "127.0.0.1:7880",
		PeerAddr:   "0.0.0.0:7881",
		Addr:       "localhost:7882",
	}
}

func (c *Config) withMetrics() {
	c.MetricsAddr = "0.0.0.0:80"
}

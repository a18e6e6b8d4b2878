// Tests the configuration struct fields of golden/config_struct_fields with
// --unsafe-fixes: the values a package's own Config type holds for a field
// that reaches a listener (a composite literal in DefaultConfig, an
// assignment c.MetricsAddr = ..., a flag registered on &cfg.GRPCAddr) are
// reported as unsafe and now moved to loopback where they are written.
// Look-alikes not reported: a loopback value, a field that never reaches a
// listener, and a field of the same name in a struct of another package
// (redis.Options{Addr: ...}).
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
		ListenAddr: "127.0.0.1:7879",
		AdminAddr:  "127.0.0.1:7880",
		PeerAddr:   "0.0.0.0:7881",
		Addr:       "localhost:7882",
	}
}

func (c *Config) withMetrics() {
	c.MetricsAddr = "127.0.0.1:80"
}

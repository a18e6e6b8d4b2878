// Tests flag and config forms: flag.CommandLine.String is a flag like
// flag.String, and a config reached through a method's result (s.getOpts())
// is followed. Look-alikes: a type of this package with Flag/Default/String
// methods is not kingpin, and a field of the same name set on another
// package's value (redis.ParseURL) is not this package's config.
package main

import (
	"flag"
	"net"
	"net/http"

	"github.com/redis/go-redis/v9"
)

var status = flag.CommandLine.String("status", ":8081", "status address")

type builder struct{}

func (builder) Flag(string) builder    { return builder{} }
func (builder) Default(string) builder { return builder{} }
func (builder) String() *string        { s := "127.0.0.1:8082"; return &s }

type Options struct {
	Host string
	Addr string
}

type Server struct {
	opts *Options
}

func (s *Server) getOpts() *Options { return s.opts }

func setBaseline(o *Options) {
	if o.Host == "" {
		o.Host = "0.0.0.0"
	}
}

func (s *Server) start() {
	opts := s.getOpts()
	go net.Listen("tcp", net.JoinHostPort(opts.Host, "4222"))
}

func main() {
	go http.ListenAndServe(*status, nil)
	var b builder
	built := b.Flag("listen").Default(":8083").String()
	go http.ListenAndServe(*built, nil)
	o, _ := redis.ParseURL("redis://localhost:6379")
	o.Addr = ":6379"
	cfg := Options{Addr: "127.0.0.1:80"}
	go net.Listen("tcp", cfg.Addr)
	s := &Server{opts: &Options{}}
	setBaseline(s.opts)
	s.start()
}

// Tests defaults of pflag and cobra flags that reach a listener:
// pflag.String, pflag.StringP, pflag.StringVarP, a cobra command's
// Flags().StringVar and PersistentFlags().StringVarP. pflag flags are spelled
// with two dashes. With --unsafe-fixes each default is moved to loopback.
// Look-alikes not reported: an empty default, a loopback default, a flag
// that never reaches a listener.
package main

import (
	"log"
	"net"
	"net/http"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

var (
	httpAddr  = pflag.String("http-addr", "127.0.0.1:8080", "HTTP listen address")
	grpcAddr  = pflag.StringP("grpc-addr", "g", "127.0.0.1:9090", "gRPC listen address")
	pprofAddr = pflag.StringP("pprof-addr", "p", "", "pprof listen address; off when empty")
	adminAddr = pflag.String("admin-addr", "localhost:8081", "admin listen address")
	upstream  = pflag.String("upstream", ":8082", "address of the upstream to dial")
)

var metricsAddr string

func init() {
	pflag.StringVarP(&metricsAddr, "metrics-addr", "m", "127.0.0.1:9100", "metrics listen address")
}

var (
	serveAddr  string
	statusAddr string
)

var rootCmd = &cobra.Command{
	Use: "server",
	Run: func(cmd *cobra.Command, args []string) {
		go http.ListenAndServe(statusAddr, nil)
		log.Fatal(http.ListenAndServe(serveAddr, nil))
	},
}

func init() {
	rootCmd.Flags().StringVar(&serveAddr, "serve-addr", "127.0.0.1:8443", "serve listen address")
	rootCmd.PersistentFlags().StringVarP(&statusAddr, "status-addr", "s", "[::1]:8444", "status listen address")
}

func main() {
	pflag.Parse()
	if *pprofAddr != "" {
		go http.ListenAndServe(*pprofAddr, nil)
	}
	go http.ListenAndServe(*adminAddr, nil)
	go http.ListenAndServe(metricsAddr, nil)
	if c, err := net.Dial("tcp", *upstream); err == nil {
		c.Close()
	}
	l, err := net.Listen("tcp", *grpcAddr)
	if err != nil {
		log.Fatal(err)
	}
	go serve(l)
	go http.ListenAndServe(*httpAddr, nil)
	if err := rootCmd.Execute(); err != nil {
		log.Fatal(err)
	}
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}

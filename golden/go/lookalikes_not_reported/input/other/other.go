// Package other declares a Server that only looks like http.Server.
package other

type Server struct {
	Addr string
}

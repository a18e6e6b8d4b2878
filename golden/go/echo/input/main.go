// Tests echo v4 (github.com/labstack/echo/v4): Echo.Start and Echo.StartTLS
// with a wildcard address, on an instance from echo.New(), from a parameter
// of type *echo.Echo, inside e.Logger.Fatal(...), and through a constant.
package main

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// A constant address.
const tlsAddr = ":443"

// An instance from a parameter of type *echo.Echo.
func serve(e *echo.Echo) error {
	return e.Start("0.0.0.0:8081")
}

func main() {
	e := echo.New()
	e.GET("/", func(c echo.Context) error {
		return c.String(http.StatusOK, "hello")
	})

	// StartTLS through a constant.
	go e.StartTLS(tlsAddr, "cert.pem", "key.pem")

	go serve(echo.New())

	// Start inside e.Logger.Fatal.
	e.Logger.Fatal(e.Start(":1323"))
}

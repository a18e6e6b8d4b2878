// Tests echo v3, imported as github.com/labstack/echo: Start and StartTLS.
package legacy

import (
	"github.com/labstack/echo"
)

// Run starts two servers on every interface.
func Run() {
	e := echo.New()
	go e.StartTLS("[::1]:8443", "cert.pem", "key.pem")
	e.Logger.Fatal(e.Start("127.0.0.1:1323"))
}

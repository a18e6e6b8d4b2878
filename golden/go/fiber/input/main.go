// Tests fiber v2 (github.com/gofiber/fiber/v2): App.Listen and App.ListenTLS
// with a wildcard address, on an app from fiber.New() and from a parameter
// of type *fiber.App, and through a variable. fiber listens on "tcp4" by
// default, so even "[::]" (which Go widens to 0.0.0.0 for tcp4) is fixed to
// the IPv4 loopback address.
package main

import (
	"log"

	"github.com/gofiber/fiber/v2"
)

// An app from a parameter of type *fiber.App.
func serveTLS(app *fiber.App) error {
	return app.ListenTLS(":443", "cert.pem", "key.pem")
}

func main() {
	app := fiber.New()
	app.Get("/", func(c *fiber.Ctx) error {
		return c.SendString("Hello, World!")
	})

	// An IPv6 unspecified host on a tcp4 listener.
	go app.Listen("[::]:3001")

	go serveTLS(app)

	// An address in a variable.
	addr := "0.0.0.0:3000"
	log.Fatal(app.Listen(addr))
}

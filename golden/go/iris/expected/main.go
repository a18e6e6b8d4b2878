// Tests iris v12 (github.com/kataras/iris/v12): Application.Listen, and
// Application.Run with the iris.Addr and iris.TLS runners, on applications
// from iris.New(), iris.Default() and a parameter of type
// *iris.Application, with the address through a constant.
package main

import (
	"log"

	"github.com/kataras/iris/v12"
)

// A constant address.
const adminAddr = "127.0.0.1:8081"

// An application from a parameter of type *iris.Application.
func serve(app *iris.Application) error {
	return app.Run(iris.TLS("127.0.0.1:443", "cert.pem", "key.pem"))
}

func main() {
	app := iris.New()
	app.Get("/", func(ctx iris.Context) {
		ctx.WriteString("hello")
	})

	// Listen.
	go app.Listen("127.0.0.1:8080")

	// Run with iris.Addr, through a constant.
	admin := iris.Default()
	go admin.Run(iris.Addr(adminAddr))

	// Run with iris.Addr and a host configurator after the address.
	go app.Run(iris.Addr("[::1]:8082"), iris.WithoutServerError(iris.ErrServerClosed))

	log.Fatal(serve(iris.Default()))
}

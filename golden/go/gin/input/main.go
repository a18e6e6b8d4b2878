// Tests gin (github.com/gin-gonic/gin): Engine.Run and Engine.RunTLS with a
// wildcard address, on engines from gin.Default() and gin.New(), from a
// parameter of type *gin.Engine, and through a constant. Run() with no
// argument is reported with an unsafe fix (see gin_unsafe_fixes).
package main

import (
	"log"

	"github.com/gin-gonic/gin"
)

// A constant address.
const apiAddr = ":9090"

// An engine from a parameter of type *gin.Engine.
func serve(r *gin.Engine) error {
	return r.Run("0.0.0.0:7070")
}

func main() {
	// An engine from gin.Default().
	r := gin.Default()
	r.GET("/ping", func(c *gin.Context) { c.String(200, "pong") })
	go r.Run(":8080")

	// RunTLS.
	go r.RunTLS(":8443", "cert.pem", "key.pem")

	// An engine from gin.New(), through a constant.
	api := gin.New()
	go api.Run(apiAddr)

	// Run with no argument listens on ":"+$PORT or ":8080".
	bare := gin.Default()
	go bare.Run()

	log.Fatal(serve(gin.New()))
}

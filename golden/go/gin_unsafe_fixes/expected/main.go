// Tests gin's Run() with no argument under --unsafe-fixes: it listens on
// ":"+$PORT or ":8080", and the unsafe fix inserts "127.0.0.1:8080", which
// drops the $PORT lookup. Run with an address is fixed as usual.
package main

import (
	"log"

	"github.com/gin-gonic/gin"
)

// An engine from a parameter.
func serve(r *gin.Engine) error {
	return r.Run("127.0.0.1:8080")
}

func main() {
	// No argument, on an engine from gin.Default().
	r := gin.Default()
	go r.Run("127.0.0.1:8080")

	// Chained on gin.New(), inside log.Fatal.
	go func() { log.Fatal(gin.New().Run("127.0.0.1:8080")) }()

	// An address: a safe fix.
	go r.Run("127.0.0.1:8081")

	log.Fatal(serve(gin.New()))
}

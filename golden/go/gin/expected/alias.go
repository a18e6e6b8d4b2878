// Tests gin under an import alias: an engine in a package-level variable,
// a call chained on the constructor, and an address built by concatenation.
package main

import (
	web "github.com/gin-gonic/gin"
)

// A package-level engine.
var router = web.New()

func startMore(port string) {
	// Chained on the constructor.
	go web.Default().Run("127.0.0.1:8081")

	// A package-level engine.
	go router.Run("127.0.0.1:8082")

	// An address built by concatenation: only the literal part changes.
	go router.Run("127.0.0.1:" + port)
}

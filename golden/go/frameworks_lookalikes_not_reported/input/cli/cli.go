// Tests a package from another import path that has the same name as gin.
package cli

import (
	gin "example.com/fake/gin"
)

// Serve runs the look-alike engine.
func Serve() error {
	return gin.Default().Run(":1")
}

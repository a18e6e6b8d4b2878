package main

import (
	"github.com/gin-gonic/gin"
)

type runner struct{}

func (runner) Run(addr string) error { return nil }
func (runner) Default() runner       { return runner{} }

func shadowParam(gin runner) {
	gin.Default().Run(":1")
}

func shadowLocal() {
	gin := runner{}
	r := gin.Default()
	r.Run(":2")
}

func main() {
	_ = gin.Default()
}

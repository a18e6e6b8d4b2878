package main

import (
	"net"

	"github.com/kataras/iris/v12"
)

func main() {
	app := iris.New()
	runner := iris.Addr(":8080")
	go app.Run(runner)
	l, _ := net.Listen("tcp", "127.0.0.1:1")
	go app.Run(iris.Listener(l))
	go app.Run(iris.AutoTLS(":443", "example.com", "a@b.c"))
	go iris.New().Listen(":2")
	app.Listen("")
}

package main

import (
	"net"

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	ln, err := net.Listen("tcp", "127.0.0.1:1323")
	if err != nil {
		panic(err)
	}
	e.Listener = ln
	e.Logger.Fatal(e.Start(":1323"))
}

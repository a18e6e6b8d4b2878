package main

import "github.com/labstack/echo/v4"

func main() {
	e := echo.New()
	e.ListenerNetwork = "tcp6"
	e.Start("[::1]:1323")
	f := echo.New()
	f.ListenerNetwork = network()
	f.Start(":1324")
}

// Tests look-alikes of web frameworks that must not be reported: a redis
// client's Addr, a Run method of a type of our own, a gRPC server served on
// a loopback listener, framework servers started on listeners of their own,
// and addresses read from the environment.
package main

import (
	"log"
	"net"
	"os"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
	"github.com/kataras/iris/v12"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
)

// worker has a Run method that takes an address but is not a framework's.
type worker struct{}

func (worker) Run(addr string) error { return nil }

func main() {
	// A redis client's Addr is where it connects, not where it listens.
	rdb := redis.NewClient(&redis.Options{Addr: ":6379"})
	defer rdb.Close()

	// A Run method of our own type.
	w := worker{}
	go w.Run(":8080")

	// A gRPC server on a loopback listener.
	lis, err := net.Listen("tcp", "127.0.0.1:50051")
	if err != nil {
		log.Fatal(err)
	}
	s := grpc.NewServer()
	go s.Serve(lis)

	// Framework servers on listeners of their own.
	ln, err := net.Listen("tcp", "127.0.0.1:8081")
	if err != nil {
		log.Fatal(err)
	}
	go gin.Default().RunListener(ln)
	go fiber.New().Listener(ln)
	go iris.New().Run(iris.Listener(ln))

	// Addresses from the environment.
	go gin.Default().Run(os.Getenv("ADDR"))
	go fiber.New().Listen(os.Getenv("LISTEN_ADDR"))
	e := echo.New()
	e.Logger.Fatal(e.Start(os.Getenv("HTTP_ADDR")))
}

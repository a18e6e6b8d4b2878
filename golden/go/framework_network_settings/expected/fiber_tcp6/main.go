package main

import "github.com/gofiber/fiber/v2"

func main() {
	app := fiber.New(fiber.Config{Network: "tcp6"})
	app.Listen("[::1]:3000")
}

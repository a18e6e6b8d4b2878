package main

import (
	"log"
	"net/http"

	"example.com/app/server"
)

func main() {
	log.Fatal(server.Run("", http.NotFoundHandler()))
}

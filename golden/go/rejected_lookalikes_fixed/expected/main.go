// Copyright notice.

//go:build linux

/* The package clause may follow comments and a build constraint. */ package main

import (
	"fmt"
	"net/http"
)

import "os"

func main() {
	fmt.Println("\\q", '\'', "\"", "\x41\u00e9\U0001F600\377\a", '\x00', `\q`)
	// "\q" in a comment is not a string.
	_ = os.Args
	http.ListenAndServe(
		"127.0.0.1:8080",
		nil, // the handler
	)
}

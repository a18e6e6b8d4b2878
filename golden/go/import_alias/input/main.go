package main

import "context"

func main() {
	alias()
	dot(context.Background())
}

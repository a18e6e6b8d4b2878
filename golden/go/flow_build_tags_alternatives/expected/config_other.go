//go:build !linux

package main

// listenAddr is where the agent serves its API everywhere else.
const listenAddr = "127.0.0.1:9400"

//go:build linux

package main

// listenAddr is where the agent serves its API on Linux hosts.
const listenAddr = "0.0.0.0:9400"

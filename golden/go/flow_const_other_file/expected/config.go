package main

// metricsAddr is where the Prometheus endpoint and the admin listener bind.
const metricsAddr = "127.0.0.1:9100"

// dialAddr is the upstream the proxy connects to; it is only ever dialed.
const dialAddr = ":7000"

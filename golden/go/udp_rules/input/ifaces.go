// See server.go for what this case tests. net.FlagBroadcast anywhere in the
// file, here in a helper that picks the interfaces, marks the file's packet
// listeners as broadcast ones.
package main

import (
	"log"
	"net"
)

func broadcastInterfaces() []net.Interface {
	all, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var found []net.Interface
	for _, iface := range all {
		if iface.Flags&net.FlagBroadcast != 0 {
			found = append(found, iface)
		}
	}
	return found
}

func serveDiscovery() {
	log.Println(broadcastInterfaces())
	conn, err := net.ListenPacket("udp4", "0.0.0.0:9800")
	if err != nil {
		log.Fatal(err)
	}
	go serve(conn)
}

// serve stands in for the code that reads from a listener or connection.
func serve(conn interface{ Close() error }) {
	defer conn.Close()
}

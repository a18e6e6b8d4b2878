//no-dd-sa
// The comment on the first line turns every rule off for this whole file.

package main

import (
	"log"
	"net/http"
)

func serve() {
	log.Fatal(http.ListenAndServe("127.0.0.1:8081", nil))
}

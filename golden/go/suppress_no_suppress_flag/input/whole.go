//no-dd-sa
// The comment on the first line turns every rule off for this whole file.

package main

import (
	"log"
	"net/http"
)

func serve() {
	log.Fatal(http.ListenAndServe(":8081", nil))
}

//no-dd-sa:go-security/other-rule
// The comment on the first line turns off another rule only.

package main

import (
	"log"
	"net/http"
)

func serveOther() {
	log.Fatal(http.ListenAndServe("127.0.0.1:8081", nil))
}

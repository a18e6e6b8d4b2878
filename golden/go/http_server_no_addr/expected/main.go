// Tests http.Server literals without Addr that are started with
// ListenAndServe or ListenAndServeTLS: Go listens on ":http" or ":https" on
// every interface, so Addr is inserted as the first field, laid out as gofmt
// would lay it out. A server started with both methods gets no fix.
package main

import (
	"log"
	"net/http"
	"time"
)

// A package-level server, started in main.
var global = &http.Server{Addr: "127.0.0.1:80", Handler: http.NotFoundHandler()}

func main() {
	h := http.NotFoundHandler()

	// A pointer literal on one line, in a local variable.
	ptr := &http.Server{Addr: "127.0.0.1:80", Handler: h}
	log.Fatal(ptr.ListenAndServe())

	// A value literal with no fields.
	val := http.Server{Addr: "127.0.0.1:80"}
	log.Fatal(val.ListenAndServe())

	// A multi-line literal: Addr gets its own line, its value column aligned
	// with the other fields.
	multi := &http.Server{
		Addr:         "127.0.0.1:80",
		Handler:      h,
		ReadTimeout:  5 * time.Second,
		WriteTimeout: 5 * time.Second,
	}
	log.Fatal(multi.ListenAndServe())

	// The literal started directly.
	log.Fatal((&http.Server{Addr: "127.0.0.1:80", Handler: h}).ListenAndServe())

	log.Fatal(global.ListenAndServe())

	// Started in a goroutine.
	bg := &http.Server{Addr: "127.0.0.1:80", Handler: h}
	go bg.ListenAndServe()

	// TLS listens on ":https", port 443.
	secure := &http.Server{Addr: "127.0.0.1:443", Handler: h}
	log.Fatal(secure.ListenAndServeTLS("cert.pem", "key.pem"))

	// A multi-line literal whose first field is preceded by a comment.
	commented := &http.Server{
		Addr: "127.0.0.1:80",
		// The handler.
		Handler: h,
	}
	log.Fatal(commented.ListenAndServe())

	// A multi-line literal whose first field spans several lines.
	spanning := &http.Server{
		Addr: "127.0.0.1:80",
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
		}),
		ReadTimeout: time.Second,
	}
	log.Fatal(spanning.ListenAndServe())

	// One short key: the value column follows the Handler key.
	short := &http.Server{
		Addr:    "127.0.0.1:80",
		Handler: h,
	}
	log.Fatal(short.ListenAndServe())

	// A blank line starts a new alignment section; Addr aligns with the
	// first one.
	sections := &http.Server{
		Addr:    "127.0.0.1:80",
		Handler: h,

		ReadHeaderTimeout: time.Second,
	}
	log.Fatal(sections.ListenAndServe())

	// A trailing comment on the first field.
	trailing := &http.Server{
		Addr:        "127.0.0.1:80",
		Handler:     h, // the handler
		ReadTimeout: time.Second,
	}
	log.Fatal(trailing.ListenAndServe())

	// A field on the opening line of a multi-line literal.
	opening := &http.Server{Addr: "127.0.0.1:80", Handler: h,
		ReadTimeout: time.Second}
	log.Fatal(opening.ListenAndServe())

	// A var declaration inside the function.
	var declared = http.Server{Addr: "127.0.0.1:80", Handler: h}
	log.Fatal(declared.ListenAndServe())

	// Started with both methods: the default ports differ, so it is
	// reported with no fix.
	both := &http.Server{Handler: h}
	go both.ListenAndServe()
	log.Fatal(both.ListenAndServeTLS("cert.pem", "key.pem"))
}

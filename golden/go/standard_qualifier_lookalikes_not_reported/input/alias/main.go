// Tests an import aliased to the name http: http is that package here, not
// net/http, so its ListenAndServe is not reported.
package main

import http "example.com/fasthttpd"

func main() {
	http.ListenAndServe(":8080", nil)
}

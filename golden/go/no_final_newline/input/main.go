// Tests a file with no newline at its end: the fix is on the last line and
// the file still ends without one.
package main

import "net/http"

func main() { http.ListenAndServe(":80", nil) }
// A file without a package clause: gofmt says 3:1: expected 'package', found 'import'.

import "net/http"

func main() {
	http.ListenAndServe(":8080", nil)
}

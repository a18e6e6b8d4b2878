package other

func serve() error {
	return http.ListenAndServe(":8080", nil)
}

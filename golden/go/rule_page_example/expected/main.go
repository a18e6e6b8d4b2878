package main

import ("net")

func main(){
    // Bad
    http.ListenAndServe("127.0.0.1", nil) 

    // Bad
    http.ListenAndServeTLS("127.0.0.1", "cert.pem", "key.pem", nil)
}

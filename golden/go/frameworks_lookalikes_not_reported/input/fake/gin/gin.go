// Package gin is not github.com/gin-gonic/gin; its Run does not listen.
package gin

// Engine only looks like gin's Engine.
type Engine struct{}

// Default returns an Engine.
func Default() *Engine { return &Engine{} }

// Run records the address and returns.
func (e *Engine) Run(addr ...string) error { return nil }

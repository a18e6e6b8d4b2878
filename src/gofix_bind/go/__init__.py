"""Go support: parsing with tree-sitter-go, and the detector over its syntax trees."""

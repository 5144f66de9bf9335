"""The procedure catalogue: schema, files, validation."""

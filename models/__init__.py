"""The domain: plan schema, tables and pure rules (no I/O, no clock)."""

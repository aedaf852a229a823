"""Benchmarks of the plan site: build cost, scale, page weight and reload (`make bench`)."""

# Benchmarks: `make bench`. Filled in by the benchmark work (issue 4).
bench: all
	@echo "bench: not written yet" >&2 && false

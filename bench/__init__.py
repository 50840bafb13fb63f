"""Benchmarks: a generator of realistic dialogue archives and a load-test harness (see bench/README.md)."""

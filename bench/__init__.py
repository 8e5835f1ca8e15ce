"""Benchmarks of tech-app at ten times a busy company's load; ``python -m bench`` runs them."""

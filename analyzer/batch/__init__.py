"""Batch analysis: many inputs, progress, parallelism, durable results, resume.

`inputs` expands the command-line arguments into inputs, `store` writes results to an
output directory so that a batch killed at any moment can be resumed, and `runner` runs
the analyses (inline, on threads for the LLM engine, or on processes for the offline
engine) and hands each result to the store as soon as it is ready.
"""

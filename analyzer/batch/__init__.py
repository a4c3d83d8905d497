"""Batch analysis: many inputs, progress, parallelism, durable results, resume.

`inputs` expands the command-line arguments into inputs, `store` writes results to an
output directory so that a batch killed at any moment can be resumed, and `runner` runs
the analyses (inline, on threads for the LLM engine, or on processes for the offline
engine) and hands each result to the store as soon as it is ready.

Past one machine: `ray_runner` runs the same task on a Ray cluster and writes through the
same store; `openai_batch` (submit, status) and `batch_collect` (collect) send the LLM
engine's first call through the OpenAI Batch API and finish every analysis on the
online path.
"""

"""The LLM engine: prompts, one chat-model seam, structured output, windows, cache, chain.

The model proposes and the framework rules decide: every extraction passes through the
same deterministic checks as the offline engine, and any failure of the endpoint ends in
the offline analysis with a notice, never in a crash or an empty result.

Entry points: `analyzer.llm.chain.propose` and `analyzer.llm.drafting.draft_replies`, driven by
`analyzer.engines.llm.LLMEngine`; the pipeline checks, caches and falls back.

Configuration (environment):
- `OPENAI_API_KEY`: the key for OpenAI (or a gateway); never logged, cached or written.
- `OPENAI_BASE_URL`: any OpenAI-compatible endpoint (Ollama, vLLM, LM Studio, llama.cpp).
- `IMPASSE_MODEL`: the model name (default `gpt-4.1-mini`).
- `IMPASSE_CONTEXT_TOKENS`: the model's context budget (known models have defaults).
- `IMPASSE_MAX_OUTPUT_TOKENS`, `IMPASSE_TIMEOUT` (seconds), `IMPASSE_MAX_RETRIES`.
- `IMPASSE_STRUCTURED_METHOD`: force `json_schema`, `function_calling` or `json_mode`.
- `IMPASSE_PRICE_PER_MTOK`: "input,output" USD per million tokens, for the cost estimate.
- `IMPASSE_CACHE_DIR`: where the result cache and the structured-method memory live.
"""

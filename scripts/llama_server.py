"""Start llama-cpp-python's OpenAI-compatible server for recording cassettes.

Same arguments as `python -m llama_cpp.server`. One difference: weight repacking into
"extra" buffer types is turned off. On CPUs that advertise AMX inside some virtual
machines, the repacked kernels stop with an illegal-instruction trap; the plain kernels
run everywhere, and the recorded answers do not depend on the host's CPU extensions.
"""

from __future__ import annotations

import sys

import llama_cpp.llama_cpp as native

_default_params = native.llama_model_default_params


def _params_without_repacking() -> native.llama_model_params:
    params = _default_params()
    params.use_extra_bufts = False
    return params


native.llama_model_default_params = _params_without_repacking

from llama_cpp.server.__main__ import main  # noqa: E402  (after the patch above)

if __name__ == "__main__":
    sys.exit(main())

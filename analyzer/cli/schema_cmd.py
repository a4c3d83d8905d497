"""`impasse schema`: the JSON Schema of the analysis contract."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer


class SchemaName(StrEnum):
    """Which contract to export."""

    ANALYSIS = "analysis"
    CONVERSATION = "conversation"


def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which contract.")] = SchemaName.ANALYSIS,
) -> None:
    """Print the JSON Schema of an analysis result (or of a parsed conversation)."""
    from pydantic import TypeAdapter

    from analyzer.analysis import AnalysisResult
    from analyzer.models import Conversation

    if name is SchemaName.CONVERSATION:
        data = Conversation.model_json_schema(mode="serialization")
    else:
        data = TypeAdapter(AnalysisResult).json_schema(mode="serialization")
        data["title"] = "impasse analysis result"
    json.dump(data, sys.stdout, indent=2)
    sys.stdout.write("\n")

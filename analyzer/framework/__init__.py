"""The framework: side, grounding, the eight rules, strategies and causes.

`engine.check` runs the rules on any analysis, whoever produced it.
"""

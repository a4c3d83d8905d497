"""Email parsers: pasted threads (`thread`), .eml and .mbox files (`mime`).

`line_table` reads each line's quote depth, `splitter` finds the messages of one body,
`headers`, `attribution` and `patterns` recognise quote headers in many languages,
`addresses` reads who a header names, `signoff` who signed a message, `signatures`
splits signatures and disclaimers off,
`assemble` merges repeated messages and orders them, `dates` and `html_text` convert
dates and HTML bodies.
"""

"""Email parsers: pasted threads (`thread`), .eml and .mbox files (`mime`).

`splitter` finds the messages of one body, `headers` and `patterns` recognise quote
headers in many languages, `signatures` splits signatures and disclaimers off,
`assemble` merges repeated messages and orders them, `dates` and `html_text` convert
dates and HTML bodies.
"""

"""Stand-in for pandoc with a PDF engine (neither is in the sandbox): parses pandoc's
options as pandoc does, fails as pandoc does on a missing input or an unknown option, and
writes to the -o file (the last one given wins) a small PDF whose comment line holds, as
JSON, the metadata, variables and input it was given. Appends its argv to $ASE_TOOL_LOG."""

import json
import os
import sys

ARGS = sys.argv[1:]
log = os.environ.get("ASE_TOOL_LOG")
if log:
    with open(log, "a", encoding="utf-8") as out:
        out.write(json.dumps(ARGS) + "\n")

if ARGS == ["--version"]:
    print("pandoc 3.1.3\nFeatures: +server +lua")
    sys.exit(0)

inputs, output, engine, toc = [], None, None, False
variables: dict[str, str] = {}
metadata: dict[str, str] = {}
LONG = {"--output": "o", "--variable": "V", "--metadata": "M", "--pdf-engine": "engine"}
i = 0
while i < len(ARGS):
    arg = ARGS[i]
    key = value = None
    if arg in ("--toc", "--table-of-contents"):
        toc = True
    elif arg.startswith("--"):
        name, eq, rest = arg.partition("=")
        if name not in LONG:
            sys.stderr.write(f"Unknown option {name}.\nTry pandoc --help for more information.\n")
            sys.exit(2)
        key = LONG[name]
        if eq:
            value = rest
        elif i + 1 < len(ARGS):
            i += 1
            value = ARGS[i]
    elif arg.startswith("-") and len(arg) > 1:
        key = arg[1]
        if key not in "oVM":
            sys.stderr.write(f"Unknown option {arg}.\nTry pandoc --help for more information.\n")
            sys.exit(2)
        if len(arg) > 2:
            value = arg[2:]
        elif i + 1 < len(ARGS):
            i += 1
            value = ARGS[i]
    else:
        inputs.append(arg)
    if key is not None:
        if value is None:
            sys.stderr.write(f"option {arg} requires an argument\n")
            sys.exit(2)
        if key == "o":
            output = value
        elif key == "engine":
            engine = value
        else:
            name, _, val = value.partition("=")
            (variables if key == "V" else metadata)[name] = val if _ else "true"
    i += 1

source = []
for name in inputs:
    try:
        with open(name, encoding="utf-8") as handle:
            source.append(handle.read())
    except OSError:
        sys.stderr.write(f"pandoc: {name}: withBinaryFile: does not exist (No such file or directory)\n")
        sys.exit(1)
if output is None or not output.endswith(".pdf"):
    sys.stdout.write("\n".join(source))
    sys.exit(0)
if engine is None:
    sys.stderr.write("pdflatex not found. Please select a different --pdf-engine or install pdflatex\n")
    sys.exit(47)
record = {"title": metadata.get("title"), "papersize": variables.get("papersize"), "toc": toc,
          "pdf-engine": engine, "source": "\n".join(source)}
with open(output, "w", encoding="ascii") as pdf:
    pdf.write("%PDF-1.5\n%ASE " + json.dumps(record, ensure_ascii=True) + "\n%%EOF\n")

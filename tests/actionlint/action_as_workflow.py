"""Checks action.yml (a composite action) and prints it as a workflow for actionlint.

actionlint lints workflows, not action metadata. So this script checks what the metadata
syntax requires (name, description, runs.using: composite, a description for every input and
output, a shell for every `run` step, `uses` or `run` on every step), then writes the steps
as one job of a reusable workflow (`on: workflow_call`) whose inputs are the action's: there
actionlint type-checks every `${{ }}` expression (inputs.*, steps.*.outputs.*, github.*),
the `uses:` references and the step keys. Output: the workflow as JSON (which is YAML).
Exit 1 with a message when a requirement is broken.
"""
import json
import sys

import yaml

def main(path):
    with open(path, encoding="utf-8") as f:
        action = yaml.safe_load(f)
    problems = []
    for key in ("name", "description", "runs"):
        if key not in action:
            problems.append(f"missing `{key}`")
    runs = action.get("runs", {})
    if runs.get("using") != "composite":
        problems.append("runs.using is not `composite`")
    for kind in ("inputs", "outputs"):
        for name, spec in (action.get(kind) or {}).items():
            if "description" not in spec:
                problems.append(f"{kind}.{name} has no description")
            if kind == "outputs" and "value" not in spec:
                problems.append(f"outputs.{name} has no value (required in composite actions)")
    steps = runs.get("steps") or []
    if not steps:
        problems.append("runs.steps is empty")
    for i, step in enumerate(steps):
        if ("run" in step) == ("uses" in step):
            problems.append(f"step {i} needs exactly one of `run` and `uses`")
        if "run" in step and "shell" not in step:
            problems.append(f"step {i} runs a script without `shell` (required in composite actions)")
    if problems:
        print("\n".join(f"{path}: {p}" for p in problems), file=sys.stderr)
        sys.exit(1)
    inputs = {
        name: {
            "description": spec["description"],
            "required": bool(spec.get("required", False)),
            "type": "string",
            **({"default": str(spec["default"])} if "default" in spec else {}),
        }
        for name, spec in (action.get("inputs") or {}).items()
    }
    workflow = {
        "name": action["name"],
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": steps}},
    }
    json.dump(workflow, sys.stdout, ensure_ascii=False, indent=2)

if __name__ == "__main__":
    main(sys.argv[1])

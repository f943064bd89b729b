#!/usr/bin/env python3
"""Checks docs/architecture.md's module map against Package.swift and the sources.

- every target of Package.swift (test targets aside) has one row, and no row names a
  target that does not exist;
- each row's "depends on" is exactly the target's declared dependencies;
- a module depends only on modules of a lower level (no cycle, nothing "below" reaching up);
- every `import` of a package module in Sources/<Module>/ is a declared dependency.

Exit status 1 with one line per problem; 0 and a one-line summary otherwise.
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def module_map():
    text = (ROOT / "docs" / "architecture.md").read_text()
    block = text.split("<!-- module-map: begin")[1].split("<!-- module-map: end")[0]
    rows = {}
    for line in block.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].isdigit():
            continue
        level, name, _, depends = cells
        rows[name] = (int(level), {d.strip() for d in depends.split(",") if d.strip()})
    return rows


def package_targets():
    dump = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=ROOT, check=True,
                                     capture_output=True, text=True).stdout)
    targets = {}
    for target in dump["targets"]:
        if target["type"] == "test":
            continue
        names = set()
        for dependency in target.get("dependencies", []):
            for kind in ("byName", "target", "product"):
                if kind in dependency:
                    names.add(dependency[kind][0])
        targets[target["name"]] = names
    return targets


def main():
    rows, targets, problems = module_map(), package_targets(), []
    for name in sorted(set(targets) - set(rows)):
        problems.append(f"Package.swift target '{name}' has no row in docs/architecture.md")
    for name in sorted(set(rows) - set(targets)):
        problems.append(f"docs/architecture.md lists '{name}', which Package.swift does not define")
    for name, (level, depends) in sorted(rows.items()):
        if name in targets and depends != targets[name]:
            problems.append(f"{name}: the map says it depends on {sorted(depends)}, Package.swift says {sorted(targets[name])}")
        for dependency in depends:
            if dependency in rows and rows[dependency][0] >= level:
                problems.append(f"{name} (level {level}) depends on {dependency} (level {rows[dependency][0]}): not below it")
    for name in targets:
        folder = ROOT / "Sources" / name
        for source in sorted(folder.rglob("*.swift")) if folder.is_dir() else []:
            for imported in re.findall(r"^(?:@testable )?import (\w+)", source.read_text(), re.MULTILINE):
                if imported in targets and imported not in targets[name] and imported != name:
                    problems.append(f"{source.relative_to(ROOT)} imports {imported}, which {name} does not declare")
    for problem in problems:
        print(f"check-architecture: {problem}")
    if problems:
        return 1
    print(f"check-architecture: {len(rows)} modules, map and Package.swift agree, every dependency points down")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""python -m neuron_nmodl [--print-after PASS] [-o FILE] file.mod

Translates one .mod file and prints the tree after PASS (parse, declare, resolve, solve,
codegen); without --print-after, writes the generated C++ to FILE (default: stdout)."""
from __future__ import annotations

import argparse
import sys

from .driver import PASSES, translate
from .errors import NmodlError


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m neuron_nmodl", description=__doc__.splitlines()[0])
    ap.add_argument("mod")
    ap.add_argument("--print-after", choices=PASSES)
    ap.add_argument("-o", "--output")
    a = ap.parse_args(argv)
    try:
        t = translate(a.mod, print_after=a.print_after)
    except NmodlError as e:
        sys.stderr.write(e.format() + "\n")
        return 1
    if a.print_after is None:
        if a.output:
            with open(a.output, "w") as f:
                f.write(t.cpp)
        else:
            sys.stdout.write(t.cpp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
